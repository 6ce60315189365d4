package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
)

// Page sizes of every connection in the API.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// boundPages is a field middleware that bounds every Relay connection: a
// connection asked for with neither first nor last gets the first
// DefaultPageSize; first or last above MaxPageSize, or negative, is refused
// with BAD_USER_INPUT. It applies to top-level lists and to edges alike.
func boundPages(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || fc.Field.Definition == nil ||
		!strings.HasSuffix(fc.Field.Definition.Type.Name(), "Connection") {
		return next(ctx)
	}
	first, _ := fc.Args["first"].(*int)
	last, _ := fc.Args["last"].(*int)
	for name, n := range map[string]*int{"first": first, "last": last} {
		if n == nil {
			continue
		}
		if *n < 0 {
			return nil, InputError("%s must not be negative", name)
		}
		if *n > MaxPageSize {
			return nil, InputError("%s must be at most %d (got %d); ask for the next page with after/before", name, MaxPageSize, *n)
		}
	}
	if first == nil && last == nil && fc.Args != nil {
		if _, ok := fc.Args["first"]; ok {
			n := DefaultPageSize
			fc.Args["first"] = &n
		}
	}
	return next(ctx)
}
