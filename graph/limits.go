package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ratelimit"
)

// Limits on the shape of one operation. Birge's own web app stays far
// below them (its deepest query is about 8 levels, its largest about 60
// fields).
const (
	// DefaultMaxDepth is the deepest selection served.
	DefaultMaxDepth = 12
	// DefaultMaxFields is the most fields an operation may select, counted
	// after expanding fragments, aliases included.
	DefaultMaxFields = 500
	// DefaultParserTokenLimit caps the tokens the parser reads, so that an
	// operation is refused before validation gets expensive.
	DefaultParserTokenLimit = 5000
	// MaxTextLength is the longest text (in characters) accepted in any
	// argument or variable: far above a bio, far below what would fill
	// the database or the logs.
	MaxTextLength = 10_000
	// maxCachedQueryBytes is the largest query text kept in the parsed-query
	// and persisted-query caches; larger ones are served but not cached,
	// so the caches stay small whatever clients send.
	maxCachedQueryBytes = 16 << 10
)

// ExpensiveFields are the fields that cost a token of the per-client
// expensive-operation budget each time an operation selects them: the
// data export, search and suggestions, and the partner reports with their
// CSV exports.
var ExpensiveFields = []string{"myData", "searchPeople", "suggestedPeers", "programReach", "outcomes", "fundingReport", "csv"}

// budget decides whether the client in ctx may spend n tokens of the
// expensive-operation budget (see package ratelimit).
type budget interface {
	Allow(ctx context.Context, n int) (ok bool, retryAfter time.Duration)
}

// shapeLimit refuses operations that are too deep, select too many fields
// (alias amplification), or select more expensive fields than the client's
// budget allows. It runs after validation, before any resolver.
type shapeLimit struct {
	maxDepth, maxFields int
	expensive           map[string]bool
	limiter             budget
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = shapeLimit{}

func (shapeLimit) ExtensionName() string                   { return "ShapeLimit" }
func (shapeLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (l shapeLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	w := shapeWalker{maxFields: l.maxFields, expensive: l.expensive}
	depth := w.walk(oc.Operation.SelectionSet, 1)
	if where, problem := badText(oc.Variables, oc.Operation.SelectionSet); problem != "" {
		return codedError(apierror.BadUserInput, "%s: %s", where, problem)
	}
	switch {
	case w.introspects && oc.DisableIntrospection:
		return codedError(apierror.Forbidden, "schema introspection is turned off outside development mode; the schema is documented in docs/API.md")
	case depth > l.maxDepth:
		return codedError(apierror.QueryTooDeep, "the query is nested %d levels deep; at most %d are allowed", depth, l.maxDepth)
	case w.fields > l.maxFields:
		return codedError(apierror.QueryTooLarge, "the query selects more than %d fields (aliases and fragments included)", l.maxFields)
	}
	if w.costly > 0 && l.limiter != nil {
		if ok, wait := l.limiter.Allow(ctx, w.costly); !ok {
			secs := ratelimit.RetrySeconds(wait)
			e := codedError(apierror.RateLimited, "too many searches or exports; try again in %d seconds", secs)
			e.Extensions["retryAfter"] = secs
			return e
		}
	}
	return nil
}

// shapeWalker measures an operation. It stops counting once past the
// field limit, so that fragments spread many times cannot make the walk
// itself expensive.
type shapeWalker struct {
	maxFields int
	fields    int
	costly    int
	expensive map[string]bool
	// introspects is set when the operation asks for __schema or __type.
	introspects bool
}

// walk returns the depth of set, whose fields sit at level depth.
func (w *shapeWalker) walk(set ast.SelectionSet, depth int) int {
	deepest := depth - 1
	for _, sel := range set {
		if w.fields > w.maxFields {
			return deepest
		}
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			w.fields++
			if w.expensive[s.Name] {
				w.costly++
			}
			// Introspection (development only) has its own fixed shape.
			if s.Name == "__schema" || s.Name == "__type" {
				w.introspects = true
				d = depth
				break
			}
			d = depth
			if len(s.SelectionSet) > 0 {
				d = w.walk(s.SelectionSet, depth+1)
			}
		case *ast.InlineFragment:
			d = w.walk(s.SelectionSet, depth)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d = w.walk(s.Definition.SelectionSet, depth)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

func codedError(code, format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{Message: fmt.Sprintf(format, args...), Extensions: map[string]any{"code": code}}
}

// costedSchema gives list fields a cost proportional to the page they
// ask for: a connection costs 1 + n × (the cost of what it selects),
// where n is first or last (or the default page), and a plain list of
// IDs (nodes) costs 1 + len(ids) × its selection. With
// FixedComplexityLimit this refuses a 100 × 100 nested page before it
// runs, while the web app's pages stay far below the limit.
type costedSchema struct {
	graphql.ExecutableSchema
}

func (s costedSchema) Complexity(ctx context.Context, typeName, field string, child int, args map[string]any) (int, bool) {
	if c, ok := s.ExecutableSchema.Complexity(ctx, typeName, field, child, args); ok {
		return c, ok
	}
	def := s.Schema().Types[typeName]
	if def == nil {
		return 0, false
	}
	fd := def.Fields.ForName(field)
	if fd == nil {
		return 0, false
	}
	var n int
	switch {
	case isRelayConnection(s.Schema().Types[fd.Type.Name()]):
		n = DefaultPageSize
		if v, ok := intArg(args["first"]); ok {
			n = v
		} else if v, ok := intArg(args["last"]); ok {
			n = v
		}
		n = min(max(n, 1), MaxPageSize)
	case fd.Type.Elem != nil:
		ids, ok := args["ids"].([]any)
		if !ok {
			return 0, false
		}
		n = max(len(ids), 1)
	default:
		return 0, false
	}
	return saturating(1 + n*max(child, 1)), true
}

// isRelayConnection reports whether d is a Relay connection type (edges
// and pageInfo), not merely a type whose name ends in "Connection" (the
// entity Connection is one).
func isRelayConnection(d *ast.Definition) bool {
	return d != nil && d.Kind == ast.Object && strings.HasSuffix(d.Name, "Connection") &&
		d.Fields.ForName("edges") != nil && d.Fields.ForName("pageInfo") != nil
}

func saturating(n int) int {
	if n < 0 || n > math.MaxInt32 {
		return math.MaxInt32
	}
	return n
}

// intArg reads an Int argument as the complexity walker sees it: a
// literal (int64) or a coerced variable (int, int64, json.Number, float64).
func intArg(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int32:
		return int(n), true
	case int64:
		return int(min(max(n, math.MinInt32), math.MaxInt32)), true
	case float64:
		return int(min(max(n, math.MinInt32), math.MaxInt32)), true
	case json.Number:
		i, err := n.Int64()
		return int(min(max(i, math.MinInt32), math.MaxInt32)), err == nil
	case *int:
		if n != nil {
			return *n, true
		}
	}
	return 0, false
}

// smallOnly is a cache that keeps only entries whose key (the query text)
// is at most maxCachedQueryBytes long.
type smallOnly[T any] struct {
	graphql.Cache[T]
}

func (c smallOnly[T]) Add(ctx context.Context, key string, value T) {
	if len(key) <= maxCachedQueryBytes {
		c.Cache.Add(ctx, key, value)
	}
}

// smallQueries is the persisted-query cache: the key is a hash, the value
// the query text; long texts are not kept.
type smallQueries struct {
	graphql.Cache[string]
}

func (c smallQueries) Add(ctx context.Context, key string, value string) {
	if len(value) <= maxCachedQueryBytes {
		c.Cache.Add(ctx, key, value)
	}
}

// clientLimiter adapts a per-client token bucket to Limiter.
type clientLimiter struct{ l *ratelimit.Limiter }

func (c clientLimiter) Allow(ctx context.Context, n int) (bool, time.Duration) {
	return c.l.AllowN(ratelimit.ClientFromContext(ctx), n, time.Now())
}

// answerTimeouts answers an operation whose deadline passed before it ran
// with a TIMEOUT error; gqlgen would otherwise answer with an empty body.
func answerTimeouts(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	h := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return &graphql.Response{Errors: gqlerror.List{codedError(apierror.Timeout, timeoutMessage)}}
		}
		return h(ctx)
	}
}

// badText finds a text that no field accepts: longer than MaxTextLength,
// or holding a NUL character (which PostgreSQL cannot store), in the
// variables or in the arguments written in the operation. It returns
// where it is and what is wrong, or "" when all is well.
func badText(vars map[string]any, set ast.SelectionSet) (where, problem string) {
	for name, v := range vars {
		if p := textProblem(v); p != "" {
			return "$" + name, p
		}
	}
	seen := map[string]bool{} // each fragment once, however often spread
	var walk func(ast.SelectionSet) (string, string)
	walk = func(set ast.SelectionSet) (string, string) {
		for _, sel := range set {
			var sub ast.SelectionSet
			switch s := sel.(type) {
			case *ast.Field:
				for _, a := range s.Arguments {
					if p := valueProblem(a.Value); p != "" {
						return a.Name, p
					}
				}
				sub = s.SelectionSet
			case *ast.InlineFragment:
				sub = s.SelectionSet
			case *ast.FragmentSpread:
				if s.Definition != nil && !seen[s.Name] {
					seen[s.Name] = true
					sub = s.Definition.SelectionSet
				}
			}
			if n, p := walk(sub); p != "" {
				return n, p
			}
		}
		return "", ""
	}
	return walk(set)
}

func stringProblem(s string) string {
	switch {
	case len(s) > MaxTextLength && utf8.RuneCountInString(s) > MaxTextLength:
		return fmt.Sprintf("is longer than %d characters", MaxTextLength)
	case strings.IndexByte(s, 0) >= 0:
		return "must not contain the NUL character"
	}
	return ""
}

func textProblem(v any) string {
	switch v := v.(type) {
	case string:
		return stringProblem(v)
	case []any:
		for _, e := range v {
			if p := textProblem(e); p != "" {
				return p
			}
		}
	case map[string]any:
		for _, e := range v {
			if p := textProblem(e); p != "" {
				return p
			}
		}
	}
	return ""
}

func valueProblem(v *ast.Value) string {
	if v == nil {
		return ""
	}
	if v.Kind == ast.StringValue || v.Kind == ast.BlockValue {
		return stringProblem(v.Raw)
	}
	for _, c := range v.Children {
		if p := valueProblem(c.Value); p != "" {
			return p
		}
	}
	return ""
}
