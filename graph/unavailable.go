package graph

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"log/slog"
	"net"
	"strings"
	"syscall"

	"github.com/shyraq/birge/apierror"

	"github.com/lib/pq"
)

// unavailable reports whether err means that the database could not be
// reached or went away (a restart, a failover, too many connections):
// a transient failure that the client should retry, not a bug. Requests
// failing this way are answered with SERVICE_UNAVAILABLE.
func unavailable(err error) bool {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Code.Class() {
		case "08", // connection exception
			"53", // insufficient resources (too many connections)
			"57": // operator intervention (shutdown, starting up, canceled)
			return pqErr.Code != "57014" // query_canceled is a timeout, not an outage
		}
		return false
	}
	var netErr *net.OpError
	switch {
	case errors.As(err, &netErr),
		errors.Is(err, driver.ErrBadConn),
		errors.Is(err, sql.ErrConnDone),
		errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE):
		return true
	}
	// Some layers flatten the error to text.
	msg := err.Error()
	for _, s := range []string{"connection refused", "bad connection", "broken pipe", "connection reset", "the database system is", "terminating connection", "unexpected EOF"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// timedOut reports whether the request's deadline passed (the server's
// per-request timeout) or err says a statement was canceled for it.
func timedOut(ctx context.Context, err error) bool {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "57014"
}

// timeoutMessage is the message of every TIMEOUT error.
const timeoutMessage = "the request took too long; please try again"

// transient returns the code and message of a timeout or an outage, or ""
// for any other error.
func transient(ctx context.Context, logger *slog.Logger, err error) (code, msg string) {
	switch {
	case timedOut(ctx, err):
		return apierror.Timeout, timeoutMessage
	case unavailable(err):
		logger.WarnContext(ctx, "database unavailable", "error", err.Error())
		return apierror.Unavailable, "the service is briefly unavailable; please try again in a few seconds"
	}
	return "", ""
}
