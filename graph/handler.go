package graph

import (
	"context"
	"log/slog"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/shyraq/birge/audit"
	"github.com/shyraq/birge/auth"
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
	// Auth is the accounts service; nil means one with default options
	// (mail to the log).
	Auth *auth.Service
}

// DefaultComplexityLimit is the largest operation cost served by default.
const DefaultComplexityLimit = 3000

// ownTxMutations are the mutations that open their own transactions.
var ownTxMutations = []string{
	"signIn", "signOut", "signOutEverywhere", "register", "requestPasswordReset",
	"resetPassword", "changePassword", "createInvitation", "updatePrivacy",
	"updateMyProfile", "setConsent", "setLocale", "deleteMyAccount",
}

// NewHandler assembles the GraphQL endpoint: explicit transports (POST,
// and GET for queries only), a parsed-query cache, a complexity limit,
// bounded pages, the error presenter, and a transaction per mutation.
func NewHandler(client *ent.Client, opts Options) *handler.Server {
	logger := opts.Logger
	if logger == nil {
		logger = slog.Default()
	}
	accounts := opts.Auth
	if accounts == nil {
		accounts = auth.New(client, auth.Options{Logger: logger})
	}
	srv := handler.New(NewSchema(client, accounts))
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
	// Generated writes run in one transaction per mutation. The accounts
	// and personal-data mutations manage their own transactions (a
	// session must be written even when a later step fails), so they are
	// left out.
	srv.Use(entgql.Transactioner{TxOpener: client, SkipTxFunc: entgql.SkipIfHasFields(ownTxMutations...)})
	srv.AroundFields(boundPages)
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(audit.NewContext(ctx, client))
	})
	srv.SetErrorPresenter(presentError(logger))
	srv.SetRecoverFunc(recoverPanic(logger))
	return srv
}
