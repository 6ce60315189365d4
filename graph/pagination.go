package graph

import (
	"context"
	"entgo.io/contrib/entgql"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/shyraq/birge/ent"
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
//
// The ent resolver of a root field, or of a connection, loads the
// connections beneath it eagerly, reading their arguments from the query
// document rather than from their own field contexts. So before a root
// field's resolver runs, every connection beneath it is checked too, once,
// and those without first or last are given `first: DefaultPageSize` in a
// copy of the selections that the resolvers beneath read (the shared,
// cached document is never changed).
func boundPages(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || fc.Field.Definition == nil {
		return next(ctx)
	}
	conn := isConnection(fc.Field.Definition)
	if !conn && !isRoot(fc) {
		return next(ctx)
	}
	if conn {
		first, _ := fc.Args["first"].(*int)
		last, _ := fc.Args["last"].(*int)
		if err := checkPage(first, last); err != nil {
			return nil, err
		}
		// entgql cannot page between two cursors in an order of several
		// fields (it fails inside); a client pages one way at a time.
		after, _ := fc.Args["after"].(*entgql.Cursor[int])
		before, _ := fc.Args["before"].(*entgql.Cursor[int])
		if after != nil && before != nil {
			return nil, InputError("after and before must not be given together")
		}
		if first == nil && last == nil && fc.Args != nil {
			if _, ok := fc.Args["first"]; ok {
				n := DefaultPageSize
				fc.Args["first"] = &n
			}
		}
	}
	if !isRoot(fc) {
		// The root field's walk below has checked and bounded the
		// whole tree beneath it, this connection included.
		return next(ctx)
	}
	oc := graphql.GetOperationContext(ctx)
	sel, changed, err := boundSelections(oc, fc.Field.Selections, nil)
	if err != nil {
		return nil, err
	}
	if changed {
		fc.Field.Selections = sel
	}
	return next(ctx)
}

// isRoot reports whether fc is a field of the query or mutation type: no
// context above it is a field's (the operation's has none, and neither
// have those of a list's elements, which are below fields).
func isRoot(fc *graphql.FieldContext) bool {
	for p := fc.Parent; p != nil; p = p.Parent {
		if p.Field.Field != nil {
			return false
		}
	}
	return true
}

func isConnection(def *ast.FieldDefinition) bool {
	return strings.HasSuffix(def.Type.Name(), "Connection") && def.Arguments.ForName("first") != nil
}

// checkPage refuses page sizes out of bounds.
func checkPage(first, last *int) error {
	if first != nil && last != nil {
		return InputError("first and last must not be given together")
	}
	for name, n := range map[string]*int{"first": first, "last": last} {
		if n == nil {
			continue
		}
		if *n < 0 {
			return InputError("%s must not be negative", name)
		}
		if *n > MaxPageSize {
			return InputError("%s must be at most %d (got %d); ask for the next page with after/before", name, MaxPageSize, *n)
		}
	}
	return nil
}

// defaultFirst is the argument given to connections asked for with neither
// first nor last.
var defaultFirst = &ast.Argument{
	Name:  "first",
	Value: &ast.Value{Kind: ast.IntValue, Raw: strconv.Itoa(DefaultPageSize)},
}

// boundSelections checks the page arguments of every connection in set and
// beneath it, and returns a copy of set in which connections without first
// or last have `first: DefaultPageSize`. Fragment spreads that need a change
// become inline fragments, as the document's fragments are shared. The
// original set is returned, unchanged, if nothing needs a change.
func boundSelections(oc *graphql.OperationContext, set ast.SelectionSet, path []string) (ast.SelectionSet, bool, error) {
	var out ast.SelectionSet
	replace := func(i int, s ast.Selection) {
		if out == nil {
			out = append(ast.SelectionSet(nil), set...)
		}
		out[i] = s
	}
	for i, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			f, changed, err := boundField(oc, s, append(path, s.Alias))
			if err != nil {
				return nil, false, err
			}
			if changed {
				replace(i, f)
			}
		case *ast.InlineFragment:
			sub, changed, err := boundSelections(oc, s.SelectionSet, path)
			if err != nil {
				return nil, false, err
			}
			if changed {
				c := *s
				c.SelectionSet = sub
				replace(i, &c)
			}
		case *ast.FragmentSpread:
			def := s.Definition
			if def == nil {
				def = oc.Doc.Fragments.ForName(s.Name)
			}
			if def == nil {
				continue
			}
			sub, changed, err := boundSelections(oc, def.SelectionSet, path)
			if err != nil {
				return nil, false, err
			}
			if changed {
				replace(i, &ast.InlineFragment{
					TypeCondition:    def.TypeCondition,
					Directives:       s.Directives,
					SelectionSet:     sub,
					ObjectDefinition: def.Definition,
					Position:         s.Position,
				})
			}
		}
	}
	if out == nil {
		return set, false, nil
	}
	return out, true, nil
}

// boundField checks and bounds one field and the selections beneath it.
func boundField(oc *graphql.OperationContext, f *ast.Field, path []string) (*ast.Field, bool, error) {
	out := f
	if f.Definition != nil && isConnection(f.Definition) {
		args := f.ArgumentMap(oc.Variables)
		first, err := pageArg(args, "first", path)
		if err != nil {
			return nil, false, err
		}
		last, err := pageArg(args, "last", path)
		if err != nil {
			return nil, false, err
		}
		if err := checkPage(first, last); err != nil {
			return nil, false, InputError("%s (in %s)", err, strings.Join(path, "."))
		}
		for _, name := range []string{"after", "before"} {
			if v, ok := args[name]; ok && v != nil {
				if err := new(ent.Cursor).UnmarshalGQL(v); err != nil {
					return nil, false, InputError("%s: is not a valid cursor (in %s)", name, strings.Join(path, "."))
				}
			}
		}
		if first == nil && last == nil {
			c := *f
			c.Arguments = append(ast.ArgumentList{defaultFirst}, withoutArg(f.Arguments, "first")...)
			out = &c
		}
	}
	sub, changed, err := boundSelections(oc, f.SelectionSet, path)
	if err != nil {
		return nil, false, err
	}
	if changed {
		if out == f {
			c := *f
			out = &c
		}
		out.SelectionSet = sub
	}
	return out, out != f, nil
}

// pageArg reads first or last from a field's arguments.
func pageArg(args map[string]any, name string, path []string) (*int, error) {
	v, ok := args[name]
	if !ok || v == nil {
		return nil, nil
	}
	n, err := graphql.UnmarshalInt(v)
	if err != nil {
		return nil, InputError("%s: must be a whole number (in %s)", name, strings.Join(path, "."))
	}
	return &n, nil
}

func withoutArg(args ast.ArgumentList, name string) ast.ArgumentList {
	var out ast.ArgumentList
	for _, a := range args {
		if a.Name != name {
			out = append(out, a)
		}
	}
	return out
}
