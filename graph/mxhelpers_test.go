package graph_test

// Helpers of the privacy matrix (privacy_test.go) and the accounts tests
// (accounts_test.go). Their names start with mx so that they cannot clash
// with the helpers of the package's other test files.

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/shyraq/birge/viewer"
)

// mxQuietLogger drops the handler's logs (internal errors still fail the
// tests: they reach the client as INTERNAL_SERVER_ERROR).
var mxQuietLogger = slog.New(slog.NewTextHandler(io.Discard, nil))

// mxErr is one GraphQL error of a response.
type mxErr struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

func (e mxErr) code() string { s, _ := e.Extensions["code"].(string); return s }

// top is the first element of the error's path: the alias of the root
// field that failed.
func (e mxErr) top() string {
	if len(e.Path) == 0 {
		return ""
	}
	s, _ := e.Path[0].(string)
	return s
}

// mxResp is a GraphQL response: its data, its errors, and the whole of
// it as JSON text (to scan for strings that must not be there).
type mxResp struct {
	Data   json.RawMessage `json:"data"`
	Errors []mxErr         `json:"errors"`
	raw    string
}

// errsAt returns the errors whose path starts at the root field alias.
func (r mxResp) errsAt(alias string) []mxErr {
	var out []mxErr
	for _, e := range r.Errors {
		if e.top() == alias {
			out = append(out, e)
		}
	}
	return out
}

// decode reads the data into out.
func (r mxResp) decode(t testing.TB, out any) {
	t.Helper()
	if err := json.Unmarshal(r.Data, out); err != nil {
		t.Fatalf("decode %s: %v", r.Data, err)
	}
}

// mxViewerHandler serves h as v: what the session middleware does for a
// signed-in request.
func mxViewerHandler(h http.Handler, v viewer.Viewer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), v)))
	})
}

// mxPost sends one operation through gqlgen's test client.
func mxPost(t testing.TB, c *client.Client, query string, vars map[string]any) mxResp {
	t.Helper()
	opts := make([]client.Option, 0, len(vars))
	for k, v := range vars {
		opts = append(opts, client.Var(k, v))
	}
	r, err := c.RawPost(query, opts...)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	data, err := json.Marshal(r.Data)
	if err != nil {
		t.Fatalf("encode data: %v", err)
	}
	out := mxResp{Data: data, raw: string(data) + string(r.Errors)}
	if len(r.Errors) > 0 {
		if err := json.Unmarshal(r.Errors, &out.Errors); err != nil {
			t.Fatalf("decode errors %s: %v", r.Errors, err)
		}
	}
	for _, e := range out.Errors {
		if e.code() == "INTERNAL_SERVER_ERROR" || e.code() == "" {
			t.Errorf("internal or uncoded error: %s (%v)\nquery: %s", e.Message, e.Path, query)
		}
	}
	return out
}

// mxHTTP is a cookie-aware caller of a handler: it keeps the session
// cookie the server sets, as a browser would.
type mxHTTP struct {
	t      testing.TB
	h      http.Handler
	cookie *http.Cookie // the session cookie, nil when signed out
	name   string       // the session cookie's name
	remote string       // RemoteAddr of the requests
}

// do posts one operation and returns its response and the HTTP response
// (with the Set-Cookie headers).
func (c *mxHTTP) do(query string, vars map[string]any) (mxResp, *http.Response) {
	c.t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		c.t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	if c.remote != "" {
		req.RemoteAddr = c.remote
	}
	if c.cookie != nil {
		req.AddCookie(c.cookie)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	res := rec.Result()
	for _, ck := range res.Cookies() {
		if ck.Name != c.name {
			continue
		}
		if ck.MaxAge < 0 || ck.Value == "" {
			c.cookie = nil
		} else {
			c.cookie = &http.Cookie{Name: ck.Name, Value: ck.Value}
		}
	}
	var out mxResp
	raw := rec.Body.String()
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		c.t.Fatalf("decode response %q: %v", raw, err)
	}
	out.raw = raw
	for _, e := range out.Errors {
		if e.code() == "INTERNAL_SERVER_ERROR" || e.code() == "" {
			c.t.Errorf("internal or uncoded error: %s (%v)\nquery: %s", e.Message, e.Path, query)
		}
	}
	return out, res
}

// mxWantCode fails unless r has exactly one kind of error, code, and (when
// words are given) its message contains each of them.
func mxWantCode(t testing.TB, what string, r mxResp, code string, words ...string) mxErr {
	t.Helper()
	if len(r.Errors) == 0 {
		t.Errorf("%s: no error, want %s; data %s", what, code, r.Data)
		return mxErr{}
	}
	e := r.Errors[0]
	for _, x := range r.Errors {
		if x.code() != code {
			t.Errorf("%s: error %q with code %s, want %s", what, x.Message, x.code(), code)
		}
	}
	for _, w := range words {
		if !strings.Contains(e.Message, w) {
			t.Errorf("%s: message %q does not mention %q", what, e.Message, w)
		}
	}
	return e
}

// mxNoErrors fails if r has errors.
func mxNoErrors(t testing.TB, what string, r mxResp) {
	t.Helper()
	for _, e := range r.Errors {
		t.Errorf("%s: unexpected error %s: %s (path %v)", what, e.code(), e.Message, e.Path)
	}
}

func mxID(id int) string { return strconv.Itoa(id) }
