package graph

import (
	"log/slog"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/shyraq/birge/ent"
)

// Options configure the GraphQL handler.
type Options struct {
	// Introspection enables schema introspection (development and tests).
	Introspection bool
	// ComplexityLimit caps the cost of one operation; 0 means the default.
	ComplexityLimit int
	// Logger receives internal errors; nil means slog.Default().
	Logger *slog.Logger
}

// DefaultComplexityLimit is the largest operation cost served by default.
const DefaultComplexityLimit = 3000

// NewHandler assembles the GraphQL endpoint: explicit transports (POST,
// and GET for queries only), a parsed-query cache, a complexity limit,
// bounded pages, the error presenter, and a transaction per mutation.
func NewHandler(client *ent.Client, opts Options) *handler.Server {
	logger := opts.Logger
	if logger == nil {
		logger = slog.Default()
	}
	srv := handler.New(NewSchema(client))
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	}
	limit := opts.ComplexityLimit
	if limit == 0 {
		limit = DefaultComplexityLimit
	}
	srv.Use(extension.FixedComplexityLimit(limit))
	srv.Use(entgql.Transactioner{TxOpener: client})
	srv.AroundFields(boundPages)
	srv.SetErrorPresenter(presentError(logger))
	srv.SetRecoverFunc(recoverPanic(logger))
	return srv
}
