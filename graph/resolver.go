// Package graph holds the GraphQL resolvers of Birge. They are thin: one
// ent builder chain each; who may see what is decided by the ent privacy
// policies, not here.
package graph

import (
	"github.com/99designs/gqlgen/graphql"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/graph/generated"
)

// Resolver is the root resolver. It holds the ent client only.
type Resolver struct {
	client *ent.Client
}

// NewSchema returns the executable schema backed by client.
func NewSchema(client *ent.Client) graphql.ExecutableSchema {
	return generated.NewExecutableSchema(generated.Config{
		Resolvers: &Resolver{client: client},
	})
}
