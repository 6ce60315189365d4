package graph

import (
	"context"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/connection"
)

// Helpers of the resolvers in peers.resolvers.go (gqlgen rewrites that
// file and keeps only resolvers there).

// newestConnections orders connection lists: the newest first.
var newestConnections = &ent.ConnectionOrder{Field: ent.ConnectionOrderFieldCreatedAt, Direction: entgql.OrderDirectionDesc}

// myConnections is the query of the viewer's own connections, in any
// state. Staff may read everyone's; lists of "my" connections are theirs
// only.
func (r *Resolver) myConnections(ctx context.Context) (*ent.ConnectionQuery, error) {
	v, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	return r.client.Connection.Query().
		Where(connection.Or(connection.RequesterID(v.PersonID), connection.AddresseeID(v.PersonID))), nil
}

// myConnectionsAs is the query of the viewer's connections in status
// where the viewer is the requester (asRequester) or the addressee.
func (r *Resolver) myConnectionsAs(ctx context.Context, asRequester bool, status connection.Status) (*ent.ConnectionQuery, error) {
	v, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	side := connection.AddresseeID(v.PersonID)
	if asRequester {
		side = connection.RequesterID(v.PersonID)
	}
	return r.client.Connection.Query().Where(side, connection.StatusEQ(status)), nil
}

// checkPersonIDs refuses a list of people longer than a page.
func checkPersonIDs(ids []int) error {
	if len(ids) > MaxPageSize {
		return InputError("personIDs: at most %d people at a time (got %d)", MaxPageSize, len(ids))
	}
	return nil
}

// tx is the client of the mutation's transaction (see NewHandler).
func (r *Resolver) tx(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return r.client
}

// orZero is *p, or the zero value if p is nil.
func orZero[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// succeeded is the answer of a mutation that returns whether it succeeded.
func succeeded(err error) (bool, error) { return err == nil, err }

// selectsField reports whether the current field selects the field name.
func selectsField(ctx context.Context, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// collectPeople returns a function that makes a person query load what
// the query document selects at path beneath the current field (a
// connection's edges.node, a suggestion's person), as ent's generated
// resolvers do for their own lists: no query per person. It returns nil
// if the path is not selected.
func collectPeople(ctx context.Context, path ...string) func(*ent.PersonQuery) (*ent.PersonQuery, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return nil
	}
	oc := graphql.GetOperationContext(ctx)
	field := fc.Field
	for _, name := range path {
		found := false
		for _, f := range graphql.CollectFields(oc, field.Selections, nil) {
			if f.Name == name {
				field, found = f, true
				break
			}
		}
		if !found {
			return nil
		}
	}
	nested := graphql.WithFieldContext(ctx, &graphql.FieldContext{Parent: fc, Field: field, Object: field.Name})
	return func(q *ent.PersonQuery) (*ent.PersonQuery, error) { return q.CollectFields(nested) }
}
