package graph

import (
	"context"
	"log/slog"
	"slices"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/shyraq/birge/apierror"
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
		Transactioner: entgql.Transactioner{TxOpener: client, SkipTxFunc: ownsTx},
		logger:        logger,
	}
}

// MutateOperationContext refuses a mutation that sends a field managing
// its own transaction (ownTxMutations) together with fields that run in
// the operation's transaction: the operation would run without one, and
// those writes need it. Then it lets entgql serialize the fields.
func (t transactioner) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if op := oc.Operation; op != nil && op.Operation == ast.Mutation {
		names := topFields(op.SelectionSet)
		own := slices.IndexFunc(names, isOwnTx)
		if own >= 0 && slices.ContainsFunc(names, func(n string) bool { return !isOwnTx(n) }) {
			return codedError(apierror.BadUserInput, "%s must be sent in a mutation of its own", names[own])
		}
	}
	return t.Transactioner.MutateOperationContext(ctx, oc)
}

// ownsTx reports whether op is a mutation of fields that manage their own
// transactions (see MutateOperationContext: such fields come alone).
func ownsTx(op *ast.OperationDefinition) bool {
	return slices.ContainsFunc(topFields(op.SelectionSet), isOwnTx)
}

func isOwnTx(name string) bool { return slices.Contains(ownTxMutations, name) }

// topFields returns the names of the fields of set, through inline
// fragments and fragment spreads (which validation has resolved).
func topFields(set ast.SelectionSet) []string {
	var names []string
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			names = append(names, s.Name)
		case *ast.InlineFragment:
			names = append(names, topFields(s.SelectionSet)...)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				names = append(names, topFields(s.Definition.SelectionSet)...)
			}
		}
	}
	return names
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
