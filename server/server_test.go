package server_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq"

	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/seed"
	"github.com/shyraq/birge/server"
	"github.com/shyraq/birge/sessioncookie"
)

// scratchDatabase returns the URL of a database of t's own: a SQLite file
// in a temporary directory, or, when BIRGE_TEST_DATABASE_URL names a
// PostgreSQL server, a new database on it, dropped when t ends.
func scratchDatabase(t *testing.T) string {
	t.Helper()
	serverURL := os.Getenv(testdb.EnvURL)
	if serverURL == "" {
		return filepath.Join(t.TempDir(), "birge.db")
	}
	return testdb.Postgres(t, serverURL)
}

// gqlClient talks to a running server as a browser on its own origin
// would, keeping the session cookie by hand (so that the test sees its
// attributes).
type gqlClient struct {
	t      *testing.T
	base   string
	cookie *http.Cookie
	last   *http.Cookie // the session cookie as last set by the server
}

type gqlResult struct {
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	status int
}

func (r gqlResult) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	s, _ := r.Errors[0].Extensions["code"].(string)
	return s
}

// post sends a JSON POST to /graphql; header adds or overrides headers.
func (c *gqlClient) post(query string, vars map[string]any, header map[string]string) gqlResult {
	c.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, c.base+"/graphql", strings.NewReader(string(body)))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", c.base)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return c.send(req)
}

func (c *gqlClient) send(req *http.Request) gqlResult {
	c.t.Helper()
	if c.cookie != nil {
		req.AddCookie(c.cookie)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	for _, ck := range res.Cookies() {
		if ck.Name != sessioncookie.Name {
			continue
		}
		c.last = ck
		if ck.MaxAge < 0 || ck.Value == "" {
			c.cookie = nil
		} else {
			c.cookie = &http.Cookie{Name: ck.Name, Value: ck.Value}
		}
	}
	raw, _ := io.ReadAll(res.Body)
	out := gqlResult{status: res.StatusCode}
	if err := json.Unmarshal(raw, &out); err != nil {
		c.t.Fatalf("%s %s: status %d, body %q is not JSON: %v", req.Method, req.URL, res.StatusCode, raw, err)
	}
	return out
}

const (
	signInMutation = `mutation($email: String!, $password: String!) { signIn(input: {email: $email, password: $password}) { id email role } }`
	viewerQuery    = `{ viewer { id email role } }`
)

type accountView struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Role  string `json:"role"`
}

// viewer returns the signed-in account, nil for a visitor.
func (c *gqlClient) viewer() *accountView {
	c.t.Helper()
	r := c.post(viewerQuery, nil, nil)
	if r.status != http.StatusOK || len(r.Errors) > 0 {
		c.t.Fatalf("viewer: status %d, errors %+v", r.status, r.Errors)
	}
	var v *accountView
	if err := json.Unmarshal(r.Data["viewer"], &v); err != nil {
		c.t.Fatalf("viewer: %s: %v", r.Data["viewer"], err)
	}
	return v
}

func (c *gqlClient) signIn(email string) *accountView {
	c.t.Helper()
	r := c.post(signInMutation, map[string]any{"email": email, "password": seed.DemoPassword}, nil)
	if r.status != http.StatusOK || len(r.Errors) > 0 {
		c.t.Fatalf("signIn %s: status %d, errors %+v", email, r.status, r.Errors)
	}
	var a accountView
	if err := json.Unmarshal(r.Data["signIn"], &a); err != nil || a.Email != email {
		c.t.Fatalf("signIn %s: %s", email, r.Data["signIn"])
	}
	if c.cookie == nil {
		c.t.Fatalf("signIn %s set no session cookie", email)
	}
	return &a
}

func TestServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := server.Open(ctx, server.Config{
		DatabaseURL: scratchDatabase(t),
		Seed:        true,
		PublicURL:   "http://birge.test",
		ShutdownTTL: time.Second,
	}, logger)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)

	member := seed.DemoSignIns[2]
	c := &gqlClient{t: t, base: ts.URL}

	t.Run("SignInCookie", func(t *testing.T) {
		c.t = t
		if v := c.viewer(); v != nil {
			t.Fatalf("viewer before signing in: %+v", v)
		}
		a := c.signIn(member.Email)
		ck := c.last
		if !ck.HttpOnly {
			t.Error("session cookie is not HttpOnly")
		}
		if ck.SameSite != http.SameSiteLaxMode {
			t.Errorf("session cookie SameSite = %v, want Lax", ck.SameSite)
		}
		if ck.Secure {
			t.Error("session cookie is Secure on a plain-http public URL")
		}
		if ck.Path != "/" || ck.MaxAge <= 0 {
			t.Errorf("session cookie path %q, max age %d", ck.Path, ck.MaxAge)
		}
		if v := c.viewer(); v == nil || v.ID != a.ID || v.Email != member.Email || v.Role != string(member.Role) {
			t.Fatalf("viewer with the cookie: %+v, want %+v", v, a)
		}
	})

	t.Run("SharedAnswersCompressedOnce", func(t *testing.T) {
		// A visitor's directory page is a shared answer: to a client that
		// takes gzip it is the answer's own gzip (made once, at the
		// default level), the same JSON as without gzip.
		const page = `{"query":"{ people(first: 5, orderBy: [{field: FAMILY_NAME}, {field: GIVEN_NAME}]) { totalCount edges { node { id givenName city } } } }"}`
		ask := func(gz bool) (*http.Response, []byte) {
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(page))
			req.Header.Set("Content-Type", "application/json")
			if gz {
				req.Header.Set("Accept-Encoding", "gzip")
			}
			res, err := http.DefaultTransport.RoundTrip(req) // no transparent gunzip
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			return res, body
		}
		_, plain := ask(false)
		if !strings.HasPrefix(string(plain), `{"data":{"people":{"totalCount":`) {
			t.Fatalf("directory page: %s", plain)
		}
		var once bytes.Buffer
		zw := gzip.NewWriter(&once)
		zw.Write(plain)
		zw.Close()
		for range 2 {
			res, body := ask(true)
			if res.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("Content-Encoding %q", res.Header.Get("Content-Encoding"))
			}
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(got, plain) {
				t.Fatalf("gunzipped %s (%v), want %s", got, err, plain)
			}
			if !bytes.Equal(body, once.Bytes()) {
				t.Error("the shared answer was compressed per request, not once")
			}
		}
	})

	t.Run("CrossSitePostRefused", func(t *testing.T) {
		c.t = t
		for _, h := range []map[string]string{
			{"Origin": "https://evil.example"},
			{"Origin": "null"},
			{"Origin": "", "Sec-Fetch-Site": "cross-site"},
		} {
			r := c.post(`mutation { signOut }`, nil, h)
			if r.status != http.StatusForbidden || r.code() != "FORBIDDEN" {
				t.Errorf("signOut with %v: status %d, code %q; want 403 FORBIDDEN", h, r.status, r.code())
			}
		}
		if c.viewer() == nil {
			t.Fatal("a refused cross-site signOut signed the browser out")
		}
	})

	t.Run("FormPostRefused", func(t *testing.T) {
		c.t = t
		// An HTML form can post any of these types, with a body that
		// looks like JSON (enctype text/plain): refused for its type.
		for _, ct := range []string{"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", ""} {
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(`{"query":"mutation { signOut }"}`))
			req.Header.Set("Content-Type", ct)
			req.Header.Set("Origin", ts.URL)
			r := c.send(req)
			if r.status != http.StatusUnsupportedMediaType {
				t.Errorf("POST as %q: status %d, want 415", ct, r.status)
			}
		}
		// A classic form body is refused too (as not JSON, or for its type).
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(`query=mutation+%7B+signOut+%7D`))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if r := c.send(req); r.status != http.StatusUnsupportedMediaType && r.status != http.StatusBadRequest {
			t.Errorf("form-encoded POST: status %d, want 415 or 400", r.status)
		}
		if c.viewer() == nil {
			t.Fatal("a refused form POST signed the browser out")
		}
	})

	t.Run("MutationByGETRefused", func(t *testing.T) {
		c.t = t
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/graphql?query="+url.QueryEscape(`mutation { signOut }`), nil)
		r := c.send(req)
		if r.status != http.StatusNotAcceptable || r.code() != "BAD_REQUEST" {
			t.Errorf("mutation by GET: status %d, errors %+v, want 406 BAD_REQUEST", r.status, r.Errors)
		}
		if _, ok := r.Data["signOut"]; ok {
			t.Errorf("mutation by GET ran: %s", r.Data["signOut"])
		}
		if c.viewer() == nil {
			t.Fatal("a mutation by GET signed the browser out")
		}
		// Queries by GET work.
		req, _ = http.NewRequest(http.MethodGet, ts.URL+"/graphql?query="+url.QueryEscape(viewerQuery), nil)
		if r := c.send(req); r.status != http.StatusOK || len(r.Errors) > 0 || string(r.Data["viewer"]) == "null" {
			t.Errorf("query by GET: status %d, errors %+v, data %v", r.status, r.Errors, r.Data)
		}
	})

	t.Run("SignOut", func(t *testing.T) {
		c.t = t
		old := c.cookie
		r := c.post(`mutation { signOut }`, nil, nil)
		if len(r.Errors) > 0 || string(r.Data["signOut"]) != "true" {
			t.Fatalf("signOut: %+v %v", r.Errors, r.Data)
		}
		if c.cookie != nil {
			t.Error("signOut did not clear the cookie")
		}
		// The old token no longer works, even if a browser kept it.
		c.cookie = old
		if v := c.viewer(); v != nil {
			t.Errorf("viewer with a signed-out token: %+v", v)
		}
	})

	t.Run("Health", func(t *testing.T) {
		for _, p := range []string{"/healthz", "/readyz"} {
			res, err := http.Get(ts.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Errorf("GET %s: %d", p, res.StatusCode)
			}
		}
	})

	t.Run("SPAFallback", func(t *testing.T) {
		for _, p := range []string{"/directory", "/people/123", "/"} {
			res, err := http.Get(ts.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") ||
				!strings.Contains(strings.ToLower(string(body)), "<html") {
				t.Errorf("GET %s: %d %s %.80q, want the app's HTML", p, res.StatusCode, res.Header.Get("Content-Type"), body)
			}
		}
	})
}

// TestSecureCookieOnHTTPS: outside development, with an https public URL,
// the session cookie is Secure.
func TestSecureCookieOnHTTPS(t *testing.T) {
	t.Parallel()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := server.Open(context.Background(), server.Config{
		DatabaseURL: scratchDatabase(t),
		Seed:        true,
		PublicURL:   "https://birge.example",
	}, logger)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	c := &gqlClient{t: t, base: ts.URL}
	c.signIn(seed.DemoSignIns[0].Email)
	if !c.last.Secure || !c.last.HttpOnly || c.last.SameSite != http.SameSiteLaxMode {
		t.Errorf("session cookie Secure=%v HttpOnly=%v SameSite=%v, want Secure, HttpOnly, Lax",
			c.last.Secure, c.last.HttpOnly, c.last.SameSite)
	}
	// The public origin itself is allowed to post.
	r := c.post(viewerQuery, nil, map[string]string{"Origin": "https://birge.example"})
	if r.status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("POST from the public origin: %d %+v", r.status, r.Errors)
	}
}

// TestTwoProcessesOnePostgres starts two `birge serve` processes on one
// PostgreSQL database: a session made on one is valid on the other, and
// signing out on the other ends it on the first.
func TestTwoProcessesOnePostgres(t *testing.T) {
	if os.Getenv(testdb.EnvURL) == "" {
		t.Skipf("needs PostgreSQL: set %s (CI always does) to run two server processes on one database", testdb.EnvURL)
	}
	t.Parallel()
	dbURL := scratchDatabase(t)

	bin := filepath.Join(t.TempDir(), "birge")
	build := exec.Command("go", "build", "-o", bin, "github.com/shyraq/birge")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// The first process migrates and seeds; the second starts once it is
	// ready, on the data it left.
	a := startProcess(t, bin, dbURL)
	b := startProcess(t, bin, dbURL)
	if a == b {
		t.Fatalf("both processes listen on %s", a)
	}

	ca := &gqlClient{t: t, base: a}
	acc := ca.signIn(seed.DemoSignIns[1].Email)
	cb := &gqlClient{t: t, base: b, cookie: ca.cookie}
	if v := cb.viewer(); v == nil || v.ID != acc.ID || v.Email != acc.Email {
		t.Fatalf("the second process does not know the session of the first: viewer %+v, want %+v", v, acc)
	}
	r := cb.post(`mutation { signOut }`, nil, nil)
	if len(r.Errors) > 0 || string(r.Data["signOut"]) != "true" {
		t.Fatalf("signOut on the second process: %+v %v", r.Errors, r.Data)
	}
	if v := ca.viewer(); v != nil {
		t.Errorf("the first process still accepts a session ended on the second: %+v", v)
	}

	// A directory page kept by the first process for visitors is not
	// served once the second has changed someone on it: the change is
	// relayed (keep.Relay), not waited out.
	visitor := &gqlClient{t: t, base: a}
	admin := &gqlClient{t: t, base: b}
	admin.signIn(seed.DemoSignIns[0].Email)
	const page = `{ people(first: 4, orderBy: [{field: FAMILY_NAME}, {field: GIVEN_NAME}]) { edges { node { id givenName } } } }`
	names := func() map[string]string {
		r := visitor.post(page, nil, nil)
		var out struct {
			People struct {
				Edges []struct {
					Node struct {
						ID        string `json:"id"`
						GivenName string `json:"givenName"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"people"`
		}
		raw, _ := json.Marshal(r.Data)
		if len(r.Errors) > 0 || json.Unmarshal(raw, &out) != nil {
			t.Fatalf("directory page: %+v %s", r.Errors, raw)
		}
		names := map[string]string{}
		for _, e := range out.People.Edges {
			names[e.Node.ID] = e.Node.GivenName
		}
		return names
	}
	var someone string
	for id := range names() {
		someone = id
	}
	names() // kept, if it may be
	if someone == "" {
		t.Fatal("the demo directory is empty")
	}
	if r := admin.post(`mutation($id: ID!) { updatePerson(id: $id, input: {givenName: "Zrelayed"}) { id } }`,
		map[string]any{"id": someone}, nil); len(r.Errors) > 0 {
		t.Fatalf("renaming %s on the second process: %+v", someone, r.Errors)
	}
	deadline := time.Now().Add(time.Second) // answers are kept 2 s
	for names()[someone] != "Zrelayed" {
		if time.Now().After(deadline) {
			t.Fatalf("the first process still shows %s's old name a second after the second changed it", someone)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// And the page was shared at all. (Asked as Prometheus asks, with
	// gzip: compressed once.)
	resp, err := http.Get(a + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(metrics), `birge_graphql_shared_answers_total{source="kept"}`) {
		t.Errorf("the first process answered no directory page from a kept answer: %d, %q", resp.StatusCode, metrics[:min(len(metrics), 300)])
	}
}

var listening = regexp.MustCompile(`Birge is running at (http://127\.0\.0\.1:\d+)`)

// startProcess runs `birge serve` on a free loopback port and returns its
// base URL once it serves; the process is interrupted when t ends.
func startProcess(t *testing.T, bin, dbURL string) string {
	t.Helper()
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-database", dbURL, "-seed=true")
	cmd.Env = append(os.Environ(), "BIRGE_DEV=false", "BIRGE_LOG_FORMAT=text")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	done := make(chan struct{})
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	addr := make(chan string, 1)
	var logTail []string
	go func() {
		defer close(done)
		sc := bufio.NewScanner(stderr)
		found := false
		for sc.Scan() {
			line := sc.Text()
			if !found {
				if m := listening.FindStringSubmatch(line); m != nil {
					found = true
					addr <- m[1]
				} else if len(logTail) < 50 {
					logTail = append(logTail, line)
				}
			}
		}
		_ = cmd.Wait()
		if !found {
			close(addr)
		}
	}()
	select {
	case base, ok := <-addr:
		if !ok {
			t.Fatalf("birge serve exited before serving:\n%s", strings.Join(logTail, "\n"))
		}
		return base
	case <-time.After(60 * time.Second):
		t.Fatalf("birge serve did not start within a minute")
	}
	return ""
}
