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

// csrfGuard refuses what the API does not take, each with a code: a
// method other than GET and POST (405), a POST that is not JSON (which a
// plain HTML form cannot send) and a cross-site POST (when the browser
// says where it comes from, it must be this site's own origin).
func (s *Server) csrfGuard(next http.Handler) http.Handler {
	allowed := map[string]bool{}
	if u, err := url.Parse(s.cfg.PublicURL); err == nil && u.Host != "" {
		allowed[u.Scheme+"://"+u.Host] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			next.ServeHTTP(&getRefusal{ResponseWriter: w}, r)
			return
		case http.MethodPost:
		default:
			w.Header().Set("Allow", "GET, POST")
			writeError(w, http.StatusMethodNotAllowed, apierror.BadRequest, "send GraphQL requests by GET or POST", nil)
			return
		}
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
			writeError(w, http.StatusUnsupportedMediaType, apierror.BadRequest, "send GraphQL requests as application/json", nil)
			return
		}
		if origin := r.Header.Get("Origin"); origin != "" {
			same := allowed[origin] || origin == "http://"+r.Host || origin == "https://"+r.Host
			if !same {
				writeError(w, http.StatusForbidden, apierror.Forbidden, "cross-site request refused", nil)
				return
			}
		} else if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
			writeError(w, http.StatusForbidden, apierror.Forbidden, "cross-site request refused", nil)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// getRefusal gives the GraphQL transport's refusal of a mutation sent by
// GET (406, a body without a code) the code BAD_REQUEST.
type getRefusal struct {
	http.ResponseWriter
	refused bool
}

func (w *getRefusal) WriteHeader(code int) {
	if code != http.StatusNotAcceptable {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	w.refused = true
	writeError(w.ResponseWriter, code, apierror.BadRequest, "GET requests may only run queries; send mutations by POST", nil)
}

func (w *getRefusal) Write(b []byte) (int, error) {
	if w.refused {
		return len(b), nil // the transport's own body, replaced
	}
	return w.ResponseWriter.Write(b)
}

func (w *getRefusal) Unwrap() http.ResponseWriter { return w.ResponseWriter }
