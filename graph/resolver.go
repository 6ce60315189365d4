// Package graph holds the GraphQL resolvers of Birge. They are thin: one
// ent builder chain each; who may see what is decided by the ent privacy
// policies, not here.
package graph

import (
	"github.com/99designs/gqlgen/graphql"
	"github.com/shyraq/birge/auth"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/graph/generated"
)

// Resolver is the root resolver: the ent client, and the accounts service
// for sign-in, sessions and invitations.
type Resolver struct {
	client *ent.Client
	auth   *auth.Service
}

// NewSchema returns the executable schema backed by client and accounts.
func NewSchema(client *ent.Client, accounts *auth.Service) graphql.ExecutableSchema {
	return generated.NewExecutableSchema(generated.Config{
		Resolvers: &Resolver{client: client, auth: accounts},
	})
}
