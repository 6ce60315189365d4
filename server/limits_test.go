package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shyraq/birge/internal/testdb"
)

// lockedBuffer collects log output written from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// limitsServer is a server on a fresh test database whose log is kept.
func limitsServer(t *testing.T, cfg Config) (http.Handler, *lockedBuffer) {
	t.Helper()
	db := testdb.Open(t)
	logs := &lockedBuffer{}
	if cfg.PublicURL == "" {
		cfg.PublicURL = "http://example.com"
	}
	if cfg.TrustedProxies == "" {
		cfg.TrustedProxies = DefaultTrustedProxies
	}
	s, err := New(cfg, db, NewLoggerTo(logs, "text"))
	if err != nil {
		t.Fatal(err)
	}
	return s.Handler(), logs
}

type apiReply struct {
	status int
	header http.Header
	Data   json.RawMessage
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
}

func (r apiReply) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

func send(t *testing.T, h http.Handler, req *http.Request) apiReply {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	out := apiReply{status: rec.Code, header: rec.Header()}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("reply (%d) is not JSON: %.300s", rec.Code, rec.Body.String())
	}
	out.status, out.header = rec.Code, rec.Header()
	return out
}

func gqlRequest(body string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

func TestRequestRefusals(t *testing.T) {
	t.Parallel()
	h, _ := limitsServer(t, Config{})
	huge := `{"query":"{ viewer { id } }","variables":{"x":"` + strings.Repeat("a", MaxBodyBytes) + `"}}`
	for _, tc := range []struct {
		name   string
		req    *http.Request
		status int
		code   string
	}{
		{"body over the limit", gqlRequest(huge), http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE"},
		{"malformed JSON", gqlRequest(`{"query": "{ viewer { id } }"`), http.StatusBadRequest, "BAD_REQUEST"},
		{"JSON of the wrong shape", gqlRequest(`["query"]`), http.StatusBadRequest, "BAD_REQUEST"},
		{"wrong content type", func() *http.Request {
			r := gqlRequest(`{"query":"{ viewer { id } }"}`)
			r.Header.Set("Content-Type", "text/plain")
			return r
		}(), http.StatusUnsupportedMediaType, "BAD_REQUEST"},
		{"GraphQL response type as the content type", func() *http.Request {
			r := gqlRequest(`{"query":"{ viewer { id } }"}`)
			r.Header.Set("Content-Type", "application/graphql-response+json")
			return r
		}(), http.StatusUnsupportedMediaType, "BAD_REQUEST"},
		{"PUT", httptest.NewRequest(http.MethodPut, "/graphql", strings.NewReader(`{"query":"{ viewer { id } }"}`)), http.StatusMethodNotAllowed, "BAD_REQUEST"},
		{"DELETE", httptest.NewRequest(http.MethodDelete, "/graphql", nil), http.StatusMethodNotAllowed, "BAD_REQUEST"},
		{"PATCH", httptest.NewRequest(http.MethodPatch, "/graphql", strings.NewReader(`{}`)), http.StatusMethodNotAllowed, "BAD_REQUEST"},
		{"OPTIONS", httptest.NewRequest(http.MethodOptions, "/graphql", nil), http.StatusMethodNotAllowed, "BAD_REQUEST"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := send(t, h, tc.req)
			if r.status != tc.status || r.code() != tc.code {
				t.Errorf("got %d %q, want %d %q", r.status, r.code(), tc.status, tc.code)
			}
			if allow := r.header.Get("Allow"); tc.status == http.StatusMethodNotAllowed && allow != "GET, POST" {
				t.Errorf("Allow: %q, want %q", allow, "GET, POST")
			}
		})
	}
	// JSON with parameters is JSON.
	r := gqlRequest(`{"query":"{ viewer { id } }"}`)
	r.Header.Set("Content-Type", "application/json; charset=utf-8")
	if got := send(t, h, r); got.status != http.StatusOK || len(got.Errors) > 0 {
		t.Errorf("application/json; charset=utf-8: %d %+v", got.status, got.Errors)
	}
}

func TestRateLimitPerClient(t *testing.T) {
	t.Parallel()
	h, _ := limitsServer(t, Config{RateLimit: 1}) // bursts of 50
	from := func(peer, forwarded string) *http.Request {
		r := gqlRequest(`{"query":"{ viewer { id } }"}`)
		r.RemoteAddr = peer
		if forwarded != "" {
			r.Header.Set("X-Forwarded-For", forwarded)
		}
		return r
	}
	for i := range 50 {
		if r := send(t, h, from("192.0.2.1:4000", "")); r.status != http.StatusOK {
			t.Fatalf("request %d of the burst: %d %q", i+1, r.status, r.code())
		}
	}
	r := send(t, h, from("192.0.2.1:4001", ""))
	if r.status != http.StatusTooManyRequests || r.code() != "RATE_LIMITED" || r.header.Get("Retry-After") == "" {
		t.Fatalf("past the burst: %d %q Retry-After %q", r.status, r.code(), r.header.Get("Retry-After"))
	}
	// An untrusted peer cannot escape its bucket with X-Forwarded-For ...
	if r := send(t, h, from("192.0.2.1:4002", "198.51.100.7")); r.status != http.StatusTooManyRequests {
		t.Errorf("X-Forwarded-For from an untrusted peer was believed: %d", r.status)
	}
	// ... but a trusted proxy's clients each have their own.
	for _, client := range []string{"198.51.100.7", "198.51.100.8"} {
		if r := send(t, h, from("127.0.0.1:5000", "10.0.0.1, "+client)); r.status != http.StatusOK {
			t.Errorf("client %s behind the proxy: %d %q", client, r.status, r.code())
		}
	}
}

func TestRequestTimeout(t *testing.T) {
	t.Parallel()
	h, _ := limitsServer(t, Config{RequestTimeout: time.Nanosecond})
	r := send(t, h, gqlRequest(`{"query":"{ people(first: 5) { totalCount } }"}`))
	if r.code() != "TIMEOUT" || r.status >= 500 {
		t.Errorf("got %d %q, want TIMEOUT", r.status, r.code())
	}
}

func TestIntrospectionOnlyInDevelopment(t *testing.T) {
	t.Parallel()
	q := `{"query":"{ __schema { queryType { name } } }"}`
	prod, _ := limitsServer(t, Config{})
	if r := send(t, prod, gqlRequest(q)); r.code() == "" {
		t.Error("introspection is on outside development mode")
	}
	dev, _ := limitsServer(t, Config{Dev: true})
	if r := send(t, dev, gqlRequest(q)); r.code() != "" {
		t.Errorf("introspection in development mode: %+v", r.Errors)
	}
	rec := httptest.NewRecorder()
	prod.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graphiql", nil))
	if strings.Contains(rec.Body.String(), "GraphiQL") {
		t.Error("GraphiQL is served outside development mode")
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	plain, _ := limitsServer(t, Config{PublicURL: "http://127.0.0.1:8080"})
	tls, _ := limitsServer(t, Config{PublicURL: "https://birge.example.kz"})
	for _, tc := range []struct {
		h    http.Handler
		hsts bool
	}{{plain, false}, {tls, true}} {
		rec := httptest.NewRecorder()
		tc.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		h := rec.Header()
		if got := h.Get("Strict-Transport-Security") != ""; got != tc.hsts {
			t.Errorf("HSTS sent = %v, want %v", got, tc.hsts)
		}
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "script-src 'self'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("CSP %q lacks %q", csp, want)
			}
		}
		if h.Get("Referrer-Policy") == "" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("headers: %v", h)
		}
	}
}

// Every line logged while serving a request carries its request ID, and
// no variable (personal data) reaches the log.
func TestLogsCarryRequestIDsAndNoVariables(t *testing.T) {
	t.Parallel()
	h, logs := limitsServer(t, Config{})
	const marker = "Aigerim-7c1f-private"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, gqlRequest(`{"query":"mutation($e: String!) { requestPasswordReset(email: $e) }","variables":{"e":"`+marker+`@example.kz"}}`))
	rec2 := httptest.NewRecorder()
	h.ServeHTTP(rec2, gqlRequest(`{"query":"query Q($n: Int) { people(first: $n) { totalCount } }","variables":{"n":"`+marker+`"}}`))
	out := logs.String()
	if strings.Contains(out, marker) {
		t.Errorf("a variable reached the log:\n%s", out)
	}
	for _, rec := range []*httptest.ResponseRecorder{rec, rec2} {
		id := rec.Header().Get("X-Request-ID")
		if id == "" || !regexp.MustCompile(`request_id=`+id+`\b`).MatchString(out) {
			t.Errorf("request %q not in the log:\n%s", id, out)
		}
	}
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	h, _ := limitsServer(t, Config{})
	send(t, h, gqlRequest(`{"query":"query DirectoryPage { people(first: 5) { totalCount } }","operationName":"DirectoryPage"}`))
	send(t, h, gqlRequest(`{"query":"query Deep { people { edges { node { id } } } } }"}`))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`birge_graphql_operations_total{code="OK",operation="DirectoryPage",type="query"} 1`,
		`birge_graphql_operations_total{code="GRAPHQL_PARSE_FAILED",operation="anonymous",type="invalid"} 1`,
		`birge_graphql_operation_duration_seconds_count{operation="DirectoryPage",type="query"} 1`,
		`birge_http_requests_total{route="/graphql",status="200"} 1`,
		`go_sql_max_open_connections{db_name="birge"}`,
		`birge_build_info{version=`,
		`go_build_info{`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestMetricsToken(t *testing.T) {
	t.Parallel()
	h, _ := limitsServer(t, Config{MetricsToken: "s3cret"})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("metrics without the token: %d", rec.Code)
	}
	req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
	req.Header.Set("Authorization", "Bearer s3cret")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Errorf("metrics with the token: %d", rec.Code)
	}
}

func TestOperationNamesInMetricsAreBounded(t *testing.T) {
	m := newMetrics(nil)
	for i := range maxOperationNames + 50 {
		m.operationName("Op" + strings.Repeat("x", i%60) + string(rune('a'+i%26)) + string(rune('A'+i/26%26)))
	}
	if len(m.opNames) > maxOperationNames {
		t.Errorf("%d names kept", len(m.opNames))
	}
	if got := m.operationName("drop table"); got != "other" {
		t.Errorf("a name that is not a GraphQL name: %q", got)
	}
}

func TestSecretsOnlyFromTheEnvironment(t *testing.T) {
	t.Setenv("BIRGE_SMTP_URL", "smtp://mailer:hunter2-smtp@mail.example.kz:587?from=birge@example.kz")
	t.Setenv("BIRGE_DATABASE_URL", "postgres://birge:hunter2-db@127.0.0.1/birge")
	var help bytes.Buffer
	_, err := parseFlags("birge serve", []string{"-h"}, &help, nil)
	if err == nil {
		t.Fatal("-h did not stop")
	}
	if strings.Contains(help.String(), "hunter2") {
		t.Errorf("--help shows a password:\n%s", help.String())
	}
	c, err := parseFlags("birge serve", nil, io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.SMTPURL, "hunter2-smtp") || !strings.Contains(c.DatabaseURL, "hunter2-db") {
		t.Errorf("the environment's URLs were not used: %q %q", c.SMTPURL, c.DatabaseURL)
	}
	for _, args := range [][]string{
		{"--smtp", "smtp://u:pw@mail.example.kz:587"},
		{"--database", "postgres://u:pw@127.0.0.1/birge"},
	} {
		if _, err := parseFlags("birge serve", args, io.Discard, nil); err == nil || !strings.Contains(err.Error(), "environment") {
			t.Errorf("%v: err = %v, want a refusal naming the environment", args, err)
		}
	}
}

// The page cache is on unless the flag or the environment turns it off;
// a value that is not a boolean is refused.
func TestPageCacheSetting(t *testing.T) {
	for _, tc := range []struct {
		env  string
		args []string
		off  bool
	}{
		{"", nil, false},
		{"", []string{"--page-cache=false"}, true},
		{"false", nil, true},
		{"false", []string{"--page-cache=true"}, false},
	} {
		t.Setenv("BIRGE_PAGE_CACHE", tc.env)
		c, err := parseFlags("birge serve", tc.args, io.Discard, nil)
		if err != nil || c.NoPageCache != tc.off {
			t.Errorf("BIRGE_PAGE_CACHE=%q %v: NoPageCache %v (%v), want %v", tc.env, tc.args, c.NoPageCache, err, tc.off)
		}
	}
	if _, err := parseFlags("birge serve", []string{"--page-cache=sometimes"}, io.Discard, nil); err == nil {
		t.Error("--page-cache=sometimes was taken")
	}
}
