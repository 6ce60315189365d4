// Package apierror defines errors meant for API clients: a code that says
// what kind of failure it was and a message that is safe to show. The
// GraphQL error presenter sends them as they are; every other error is
// reported as an internal error without details.
package apierror

import "fmt"

// Codes sent in the "code" extension of GraphQL errors.
const (
	BadUserInput    = "BAD_USER_INPUT"
	NotFound        = "NOT_FOUND"
	Forbidden       = "FORBIDDEN"
	Unauthenticated = "UNAUTHENTICATED"
	RateLimited     = "RATE_LIMITED"
	Internal        = "INTERNAL_SERVER_ERROR"

	// Refusals of the server's limits (see docs/OPERATIONS.md).
	QueryTooDeep    = "QUERY_TOO_DEEP"      // the selection is nested too deep
	QueryTooLarge   = "QUERY_TOO_LARGE"     // too many fields or aliases
	PayloadTooLarge = "PAYLOAD_TOO_LARGE"   // the request body is too big
	Timeout         = "TIMEOUT"             // the request took too long
	Unavailable     = "SERVICE_UNAVAILABLE" // the database cannot be reached; try again
	BadRequest      = "BAD_REQUEST"         // not a GraphQL request (JSON, content type)
)

// Error is an error for the client.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// New returns an error with code and a formatted message.
func New(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Input returns a BAD_USER_INPUT error.
func Input(format string, args ...any) *Error { return New(BadUserInput, format, args...) }
