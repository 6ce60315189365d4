package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"unicode"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/privacy"
	"github.com/shyraq/birge/ent/schema"
)

// CodeInternal is the code of an error the client may not see the cause
// of (apierror.Internal).
const CodeInternal = apierror.Internal

// InputError returns a BAD_USER_INPUT error with a client-facing message.
func InputError(format string, args ...any) error { return apierror.Input(format, args...) }

// presentError maps an error to a GraphQL error with a code. Known errors
// keep a clear message; anything else is logged and reported as an
// internal error, so that SQL and stack traces never reach a client.
func presentError(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := &gqlerror.Error{}
		var path = graphql.GetPath(ctx)
		if fc := graphql.GetFieldContext(ctx); fc == nil {
			path = nil
		}
		code, msg := classify(err)
		if code == "" {
			code, msg = transient(ctx, logger, err)
		}
		if code == "" {
			var parsed *gqlerror.Error
			if errors.As(err, &parsed) {
				// An argument value that could not be read as its type
				// (an ID that is not a number, a malformed time or
				// cursor) is the caller's mistake, not ours.
				if arg, ok := argumentPath(ctx, parsed); ok {
					return &gqlerror.Error{
						Message:    arg + ": " + argumentProblem(parsed),
						Path:       path,
						Extensions: map[string]any{"code": apierror.BadUserInput},
					}
				}
			}
			// Errors made by gqlgen and gqlparser (parse, validation)
			// already carry a safe message.
			if errors.As(err, &parsed) && !isWrappedInternal(parsed) {
				out := *parsed
				if out.Extensions == nil || out.Extensions["code"] == nil {
					out.Extensions = map[string]any{"code": apierror.BadUserInput}
				}
				if out.Path == nil {
					out.Path = path
				}
				return &out
			}
			logger.ErrorContext(ctx, "request failed", "error", err.Error(), "path", path.String())
			code, msg = CodeInternal, "internal server error"
		}
		gqlErr.Message = msg
		gqlErr.Path = path
		gqlErr.Extensions = map[string]any{"code": code}
		var r reasoned
		if errors.As(err, &r) && code != CodeInternal {
			gqlErr.Extensions["reason"] = r.Reason()
		}
		return gqlErr
	}
}

// reasoned is a known error that also says why, in a stable word that
// clients may act on or translate (connections.Refusal); the presenter
// sends it in the "reason" extension, beside the code.
type reasoned interface {
	error
	Reason() string
}

// isWrappedInternal reports whether a gqlerror merely wraps an error of
// ours (resolver errors are wrapped by gqlgen); those go through classify.
func isWrappedInternal(e *gqlerror.Error) bool {
	return e.Err != nil && !errors.As(e.Err, new(*gqlerror.Error))
}

// argumentPath reports whether e is gqlgen's failure to read the value of
// an argument of the field being resolved, and returns the argument's path
// below the field ("id", "input.startDate").
func argumentPath(ctx context.Context, e *gqlerror.Error) (string, bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Definition == nil {
		return "", false
	}
	field := fc.Path()
	if len(e.Path) <= len(field) {
		return "", false
	}
	for i := range field {
		if e.Path[i] != field[i] {
			return "", false
		}
	}
	name, ok := e.Path[len(field)].(ast.PathName)
	if !ok || fc.Field.Definition.Arguments.ForName(string(name)) == nil {
		return "", false
	}
	return ast.Path(e.Path[len(field):]).String(), true
}

// argumentProblem says what is wrong with an argument value. The IDs of
// the API are numbers; strconv's wording is not for clients.
func argumentProblem(e *gqlerror.Error) string {
	if errors.As(e.Err, new(*strconv.NumError)) {
		return "is not a valid ID"
	}
	return e.Message
}

// classify returns the code and message of a known error, or "" if the
// error is not one the client may see. Timeouts and outages are
// transient's (unavailable.go).
func classify(err error) (code, msg string) {
	var coded *apierror.Error
	var validation *ent.ValidationError
	var fieldErr *schema.FieldError
	var notFound *ent.NotFoundError
	var notSingular *ent.NotSingularError
	var constraint *ent.ConstraintError
	switch {
	case errors.As(err, &coded):
		return coded.Code, coded.Message
	case errors.As(err, &fieldErr):
		return apierror.BadUserInput, fieldErr.Error()
	case errors.As(err, &validation):
		return apierror.BadUserInput, validationMessage(validation)
	case errors.As(err, &notFound):
		return apierror.NotFound, "not found: no such " + lowerFirst(notFoundLabel(notFound))
	case errors.As(err, &notSingular):
		return apierror.NotFound, "not found"
	case errors.As(err, &constraint):
		return apierror.BadUserInput, constraintMessage(constraint)
	case errors.Is(err, access.ErrUnauthenticated):
		return apierror.Unauthenticated, "sign in to do this"
	case errors.Is(err, privacy.Deny):
		return apierror.Forbidden, "you are not allowed to do this"
	}
	return "", ""
}

// validationMessage turns ent's "validator failed for field "Cohort.capacity":
// must be greater than 0" into "capacity: must be greater than 0".
func validationMessage(v *ent.ValidationError) string {
	field := camel(v.Name)
	inner := errors.Unwrap(v)
	if inner != nil {
		if deeper := errors.Unwrap(inner); deeper != nil {
			return field + ": " + deeper.Error()
		}
		if strings.Contains(inner.Error(), "missing required") {
			return field + ": is required"
		}
	}
	return field + ": is not valid"
}

func notFoundLabel(e *ent.NotFoundError) string {
	// NotFoundError's message is "ent: <label> not found".
	s := strings.TrimPrefix(e.Error(), "ent: ")
	return strings.TrimSuffix(s, " not found")
}

// camel turns a snake_case field name into the GraphQL name that entgql
// gives it: "program_id" is "programID", "amount_kzt" is "amountKzt".
func camel(s string) string {
	words := strings.Split(s, "_")
	for i, w := range words {
		switch upper := strings.ToUpper(w); {
		case i == 0:
			words[i] = strings.ToLower(w)
		case acronyms[upper]:
			words[i] = upper
		case w != "":
			words[i] = upper[:1] + w[1:]
		}
	}
	return strings.Join(words, "")
}

// acronyms are the words that ent's code generator writes in capitals
// (entc/gen's ruleset).
var acronyms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "AWS": true, "CPU": true, "CSS": true, "DNS": true,
	"EOF": true, "GB": true, "GUID": true, "HCL": true, "HTML": true, "HTTP": true, "HTTPS": true,
	"ID": true, "IP": true, "JSON": true, "KB": true, "LHS": true, "MAC": true, "MB": true,
	"QPS": true, "RAM": true, "RHS": true, "RPC": true, "SLA": true, "SMTP": true, "SQL": true,
	"SSH": true, "SSO": true, "TCP": true, "TLS": true, "TTL": true, "UDP": true, "UI": true,
	"UID": true, "URI": true, "URL": true, "UTF8": true, "UUID": true, "VM": true, "XML": true,
	"XMPP": true, "XSRF": true, "XSS": true,
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// recoverPanic turns a panic in a resolver into an internal error and logs
// it with its stack on the server side only.
func recoverPanic(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(p), "stack", stack())
		return errors.New("internal server error: panic")
	}
}

// constraintMessage tells a duplicate from a reference to something
// missing, from the database's own wording (SQLite and PostgreSQL alike),
// without passing that wording on.
func constraintMessage(e *ent.ConstraintError) string {
	text := strings.ToLower(e.Error())
	switch {
	case strings.Contains(text, "foreign key"):
		return "this refers to a record that does not exist"
	case strings.Contains(text, "unique") || strings.Contains(text, "duplicate"):
		return "this already exists: a record with the same values is there"
	}
	return "this conflicts with an existing record or refers to one that does not exist"
}
