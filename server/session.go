package server

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/auth"
	"github.com/shyraq/birge/sessioncookie"
	"github.com/shyraq/birge/viewer"
)

// withSession puts the request's session cookie jar in its context and,
// when the cookie names a live session, the signed-in viewer. An expired
// or unknown session is cleared and the request goes on as a visitor.
func (s *Server) withSession(next http.Handler) http.Handler {
	secure := !s.cfg.Dev && strings.HasPrefix(s.cfg.PublicURL, "https://")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		jar := sessioncookie.New(w, r, secure, sessionTTL)
		ctx := sessioncookie.NewContext(r.Context(), jar)
		if token := jar.Token(); token != "" {
			v, err := s.auth.Authenticate(ctx, token)
			switch {
			case err == nil:
				ctx = viewer.NewContext(ctx, v)
			case errors.Is(err, auth.ErrNoSession):
				jar.Clear()
			default:
				s.logger.ErrorContext(ctx, "session lookup failed", "error", err.Error())
				w.Header().Set("Retry-After", "1")
				writeError(w, http.StatusServiceUnavailable, apierror.Unavailable, "the service is briefly unavailable; please try again in a few seconds", nil)
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// csrfGuard refuses cross-site writes to the API: a POST must be JSON
// (which a plain HTML form cannot send) and, when the browser says where
// it comes from, come from this site's own origin.
func (s *Server) csrfGuard(next http.Handler) http.Handler {
	allowed := map[string]bool{}
	if u, err := url.Parse(s.cfg.PublicURL); err == nil && u.Host != "" {
		allowed[u.Scheme+"://"+u.Host] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if mt != "application/json" && mt != "application/graphql-response+json" {
			writeJSONError(w, http.StatusUnsupportedMediaType, "BAD_REQUEST", "send GraphQL requests as application/json")
			return
		}
		if origin := r.Header.Get("Origin"); origin != "" {
			same := allowed[origin] || origin == "http://"+r.Host || origin == "https://"+r.Host
			if !same {
				writeJSONError(w, http.StatusForbidden, "FORBIDDEN", "cross-site request refused")
				return
			}
		} else if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
			writeJSONError(w, http.StatusForbidden, "FORBIDDEN", "cross-site request refused")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// writeJSONError answers with a GraphQL-shaped error body.
func writeJSONError(w http.ResponseWriter, status int, code, msg string) {
	writeError(w, status, code, msg, nil)
}
