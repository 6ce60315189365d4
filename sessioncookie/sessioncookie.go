// Package sessioncookie carries the session cookie of one HTTP request
// through its context, so that GraphQL resolvers (sign-in, sign-out) can
// set or clear it without knowing about HTTP.
package sessioncookie

import (
	"context"
	"net/http"
	"time"
)

// Name is the session cookie's name.
const Name = "birge_session"

// Jar is the session cookie of one request and the response to set it on.
type Jar struct {
	w          http.ResponseWriter
	token      string
	remoteAddr string
	secure     bool
	maxAge     time.Duration
}

// New returns the jar of a request: its current session token (if any)
// and the response that a new cookie is written to.
func New(w http.ResponseWriter, r *http.Request, secure bool, maxAge time.Duration) *Jar {
	j := &Jar{w: w, remoteAddr: r.RemoteAddr, secure: secure, maxAge: maxAge}
	if c, err := r.Cookie(Name); err == nil {
		j.token = c.Value
	}
	return j
}

// Token is the session token the request came with ("" if none).
func (j *Jar) Token() string { return j.token }

// RemoteAddr is the client's address, for rate limiting.
func (j *Jar) RemoteAddr() string { return j.remoteAddr }

// Set sends a new session cookie: HttpOnly, SameSite=Lax, Secure outside
// development.
func (j *Jar) Set(token string) {
	j.token = token
	http.SetCookie(j.w, &http.Cookie{
		Name:     Name,
		Value:    token,
		Path:     "/",
		MaxAge:   int(j.maxAge.Seconds()),
		HttpOnly: true,
		Secure:   j.secure,
		SameSite: http.SameSiteLaxMode,
	})
}

// Clear removes the session cookie.
func (j *Jar) Clear() {
	j.token = ""
	http.SetCookie(j.w, &http.Cookie{
		Name:     Name,
		Value:    "",
		Path:     "/",
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   j.secure,
		SameSite: http.SameSiteLaxMode,
	})
}

type ctxKey struct{}

// NewContext returns ctx carrying j.
func NewContext(ctx context.Context, j *Jar) context.Context {
	return context.WithValue(ctx, ctxKey{}, j)
}

// FromContext returns the jar of ctx, or a jar that goes nowhere when the
// request did not come over HTTP (tests calling the schema directly).
func FromContext(ctx context.Context) *Jar {
	if j, ok := ctx.Value(ctxKey{}).(*Jar); ok {
		return j
	}
	return &Jar{w: discard{}}
}

type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}
