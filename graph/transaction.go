package graph

import (
	"context"
	"log/slog"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/shyraq/birge/ent"
)

// transactioner runs each mutation in a transaction (entgql.Transactioner)
// and keeps the errors of opening or committing it from reaching the client
// with driver text: entgql reports them without the error presenter.
type transactioner struct {
	entgql.Transactioner
	logger *slog.Logger
}

func newTransactioner(client *ent.Client, logger *slog.Logger) transactioner {
	return transactioner{
		Transactioner: entgql.Transactioner{TxOpener: client, SkipTxFunc: entgql.SkipIfHasFields(ownTxMutations...)},
		logger:        logger,
	}
}

// InterceptResponse replaces errors that did not pass the presenter (they
// have no code) with an internal error, logging the cause.
func (t transactioner) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := t.Transactioner.InterceptResponse(ctx, next)
	if resp == nil {
		return resp
	}
	for i, e := range resp.Errors {
		if e.Extensions["code"] == nil {
			// The database going away (a restart) is worth a retry.
			if code, msg := transient(ctx, t.logger, e); code != "" {
				resp.Errors[i] = &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": code}}
				continue
			}
			t.logger.ErrorContext(ctx, "mutation transaction failed", "error", e.Message)
			resp.Errors[i] = &gqlerror.Error{Message: "internal server error", Extensions: map[string]any{"code": CodeInternal}}
		}
	}
	return resp
}
