// Package graph holds the GraphQL resolvers of Birge. They are thin: one
// ent builder chain each; who may see what is decided by the ent privacy
// policies, not here.
package graph

import (
	"github.com/99designs/gqlgen/graphql"
	"github.com/shyraq/birge/auth"
	"github.com/shyraq/birge/census"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/graph/generated"
	"github.com/shyraq/birge/keep"
	"github.com/shyraq/birge/report"
	"github.com/shyraq/birge/search"
)

// Resolver is the root resolver: the ent client, the accounts service for
// sign-in, sessions and invitations, the outcome reports and people search.
type Resolver struct {
	client  *ent.Client
	auth    *auth.Service
	reports *report.Service
	search  *search.Searcher
}

// NewSchema returns the executable schema backed by client and accounts,
// computing outcome reports afresh on every request.
func NewSchema(client *ent.Client, accounts *auth.Service) graphql.ExecutableSchema {
	es, _ := newSchema(client, accounts, report.New(client, report.Options{}), nil)
	return es
}

// newSchema returns the executable schema and the census it counts the
// directory with; relay (nil for none) relays the changes its kept values
// watch.
func newSchema(client *ent.Client, accounts *auth.Service, reports *report.Service, relay *keep.Relay) (graphql.ExecutableSchema, *census.Census) {
	c := census.Attach(client, relay)
	return generated.NewExecutableSchema(generated.Config{
		Resolvers: &Resolver{client: client, auth: accounts, reports: reports, search: search.New(client, relay)},
	}), c
}
