package graph

import (
	"context"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/shyraq/birge/audit"
	"github.com/shyraq/birge/auth"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/keep"
	"github.com/shyraq/birge/pagecache"
	"github.com/shyraq/birge/ratelimit"
	"github.com/shyraq/birge/report"
)

// Options configure the GraphQL handler.
type Options struct {
	// Introspection enables schema introspection (development and tests).
	Introspection bool
	// ComplexityLimit caps the cost of one operation; 0 means the default.
	ComplexityLimit int
	// Logger receives internal errors; nil means slog.Default().
	Logger *slog.Logger
	// ReportMaxAge is how long outcome figures are served from one
	// snapshot before they are computed again; 0 computes them on every
	// request (tests). The figures are aggregates, the same for every
	// viewer, so sharing them is safe.
	ReportMaxAge time.Duration
	// Auth is the accounts service; nil means one with default options
	// (mail to the log).
	Auth *auth.Service
	// MaxDepth and MaxFields bound the shape of an operation; 0 means
	// DefaultMaxDepth and DefaultMaxFields.
	MaxDepth, MaxFields int
	// Expensive, if set, limits how often a client (ratelimit.NewContext)
	// may select the ExpensiveFields (search, exports, reports).
	Expensive *ratelimit.Limiter
	// Observe, if set, is told about every operation served (metrics).
	Observe func(ctx context.Context, op Operation)
	// NoPageCache executes every query for its own viewer, also those
	// package pagecache would answer from a kept answer (tests compare).
	NoPageCache bool
	// Clock is the clock of kept answers (package pagecache); nil means
	// time.Now (tests).
	Clock func() time.Time
	// Relay, if set, passes changes between the servers of one
	// PostgreSQL database, so that each forgets its kept values (counts,
	// tags, answers) at once when another changes what they show.
	Relay *keep.Relay
}

// Operation describes one served operation, for metrics.
type Operation struct {
	Name     string        // the operation name the client gave, "" if none
	Type     string        // "query", "mutation", or "" when it did not parse
	Code     string        // the code of the first error, "" when it succeeded
	Duration time.Duration // from reading the request to the response
	// Answer is how a query was answered by package pagecache: "" when
	// executed for its viewer.
	Answer pagecache.Source
}

// DefaultComplexityLimit is the largest operation cost served by default.
// A list costs its page size times what it selects (limits.go), so this
// admits a full page of 100 people with their tags (about 8,700) and
// refuses a page of 100 with 100 nested items each (over 20,000).
const DefaultComplexityLimit = 10_000

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
	es, cen := newSchema(client, accounts, report.New(client, report.Options{MaxAge: opts.ReportMaxAge}), opts.Relay)
	schema := costedSchema{es}
	srv := handler.New(schema)
	srv.AddTransport(transport.GET{})
	srv.AddTransport(post{})
	srv.SetQueryCache(smallOnly[*ast.QueryDocument]{lru.New[*ast.QueryDocument](1000)})
	srv.SetParserTokenLimit(DefaultParserTokenLimit)
	// The web app sends the hash of a query and the text only when the
	// server does not know it yet (Automatic Persisted Queries).
	srv.Use(extension.AutomaticPersistedQuery{Cache: smallQueries{lru.New[string](1000)}})
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	}
	limit := opts.ComplexityLimit
	if limit == 0 {
		limit = DefaultComplexityLimit
	}
	shape := shapeLimit{maxDepth: opts.MaxDepth, maxFields: opts.MaxFields, expensive: map[string]bool{}}
	if shape.maxDepth == 0 {
		shape.maxDepth = DefaultMaxDepth
	}
	if shape.maxFields == 0 {
		shape.maxFields = DefaultMaxFields
	}
	for _, f := range ExpensiveFields {
		shape.expensive[f] = true
	}
	if opts.Expensive != nil {
		shape.limiter = clientLimiter{opts.Expensive}
	}
	srv.Use(shape)
	srv.Use(extension.FixedComplexityLimit(limit))
	// Generated writes run in one transaction per mutation. The accounts
	// and personal-data mutations manage their own transactions (a
	// session must be written even when a later step fails), so they are
	// left out.
	srv.Use(newTransactioner(client, logger))
	srv.AroundFields(boundPages)
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(audit.NewContext(ctx, client))
	})
	srv.AroundOperations(answerTimeouts)
	if opts.Observe != nil {
		srv.AroundResponses(observe(opts.Observe))
	}
	present, onPanic := presentError(logger), recoverPanic(logger)
	srv.SetErrorPresenter(present)
	srv.SetRecoverFunc(onPanic)
	if !opts.NoPageCache {
		// Directory queries answered from their role's answer, for the
		// viewers it is theirs (package pagecache).
		srv.Use(pagecache.Attach(client, cen, pagecache.Options{
			Schema: schema, Errors: present, Panics: onPanic, Now: opts.Clock, Relay: opts.Relay,
		}))
	}
	return srv
}

// observe reports each response to f: its operation, the code of its
// first error, and how long it took.
func observe(f func(context.Context, Operation)) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		op := Operation{Duration: -1}
		sh := pagecache.SharedFrom(ctx)
		if sh == nil {
			sh = &pagecache.Shared{}
			ctx = pagecache.WithShared(ctx, sh)
		}
		resp := next(ctx)
		op.Answer = sh.Source
		if graphql.HasOperationContext(ctx) {
			oc := graphql.GetOperationContext(ctx)
			op.Name = oc.OperationName
			if oc.Operation != nil {
				op.Type = string(oc.Operation.Operation)
				if op.Name == "" {
					op.Name = oc.Operation.Name
				}
			}
			if !oc.Stats.OperationStart.IsZero() {
				op.Duration = time.Since(oc.Stats.OperationStart)
			}
		}
		if resp != nil && len(resp.Errors) > 0 {
			op.Code, _ = resp.Errors[0].Extensions["code"].(string)
			if op.Code == "" {
				op.Code = CodeInternal
			}
		}
		f(ctx, op)
		return resp
	}
}
