package failure

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shyraq/birge/auth"
	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/server"
	"github.com/shyraq/birge/viewer"
)

const password = "failure-test-2026"

// fixture is a small community: an operator, a program, a cohort, an
// admin, a staff member and some members, all with the same password.
type fixture struct {
	Program, Cohort int
	Admin, Staff    string   // emails
	Members         []string // emails
	MemberPeople    []int    // their persons, in the same order
}

func seedFixture(t testing.TB, client *ent.Client, members int) fixture {
	t.Helper()
	ctx := viewer.SystemContext(context.Background())
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	org := client.Organization.Create().SetName("Shyraq").SetKind(organization.KindASSOCIATION).SaveX(ctx)
	prog := client.Program.Create().SetName("School of Independent Life").SetOperatorID(org.ID).SaveX(ctx)
	start := time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)
	cohort := client.Cohort.Create().SetName("Almaty, spring").SetCity("Almaty").SetStartDate(start).SetEndDate(start.AddDate(0, 0, 6)).SetCapacity(15).SetProgramID(prog.ID).SaveX(ctx)
	f := fixture{Program: prog.ID, Cohort: cohort.ID, Admin: "admin@failure.example", Staff: "staff@failure.example"}
	mk := func(email string, role account.Role, given string) int {
		p := client.Person.Create().SetGivenName(given).SetFamilyName("Test").SetCity("Almaty").SaveX(ctx)
		client.Account.Create().SetEmail(email).SetPasswordHash(hash).SetRole(role).SetPersonID(p.ID).ExecX(ctx)
		// They may ask one another to connect.
		client.Consent.Create().SetPersonID(p.ID).SetKind(consent.KindPEER_CONTACT).SetGrantedAt(time.Now()).ExecX(ctx)
		return p.ID
	}
	mk(f.Admin, account.RoleADMIN, "Admin")
	mk(f.Staff, account.RoleSTAFF, "Staff")
	for i := range members {
		email := fmt.Sprintf("member%02d@failure.example", i)
		f.Members = append(f.Members, email)
		f.MemberPeople = append(f.MemberPeople, mk(email, account.RoleMEMBER, fmt.Sprintf("Member%02d", i)))
	}
	return f
}

// newServer serves db on an httptest server (no rate limits: the tests
// make many requests from one address).
func newServer(t testing.TB, db *database.DB, logs io.Writer) *httptest.Server {
	t.Helper()
	s, err := server.New(server.Config{PublicURL: "http://127.0.0.1", TrustedProxies: server.DefaultTrustedProxies}, db, server.NewLoggerTo(logs, "text"))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// client is one browser: a cookie jar and the site's origin.
type client struct {
	base string
	http *http.Client
	// from, if set, is the client's address as the (trusted, loopback)
	// reverse proxy reports it in X-Forwarded-For.
	from string
}

func newClient(base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{base: base, http: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

type reply struct {
	Status int
	Body   []byte
	Data   map[string]json.RawMessage
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
	Err error // transport error (no response)
}

// code is the first error's code, "" when there is none.
func (r reply) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// ok reports whether the request succeeded entirely.
func (r reply) ok() bool {
	return r.Err == nil && r.Status == http.StatusOK && len(r.Errors) == 0 && r.Data != nil
}

func (c *client) do(query string, vars map[string]any) reply {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return c.raw("application/json", body)
}

func (c *client) raw(contentType string, body []byte) reply {
	req, err := http.NewRequest(http.MethodPost, c.base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return reply{Err: err}
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Origin", c.base)
	if c.from != "" {
		req.Header.Set("X-Forwarded-For", c.from)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return reply{Err: err}
	}
	defer res.Body.Close()
	out := reply{Status: res.StatusCode}
	out.Body, _ = io.ReadAll(res.Body)
	if err := json.Unmarshal(out.Body, &out); err != nil {
		out.Err = fmt.Errorf("status %d, body is not JSON: %.200q", res.StatusCode, out.Body)
	}
	return out
}

func (c *client) signIn(t testing.TB, email string) {
	t.Helper()
	r := c.do(`mutation($e: String!, $p: String!) { signIn(input: {email: $e, password: $p}) { id } }`, map[string]any{"e": email, "p": password})
	if !r.ok() {
		t.Fatalf("sign in %s: %d %+v %v", email, r.Status, r.Errors, r.Err)
	}
}

// leaks reports what in a client-facing message would betray the
// server's internals: SQL, driver names, Go errors.
func leaks(msg string) bool {
	m := strings.ToLower(msg)
	for _, s := range []string{"pq:", "sql:", "select ", "insert ", "update ", "delete from", "syntax error at", "dial tcp", "connection refused", "goroutine", ".go:", "ent:", "sqlite"} {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}

// rowCounts counts the rows of every table of the schema.
func rowCounts(t testing.TB, db *database.DB) map[string]int {
	t.Helper()
	rows, err := db.SQL.Query(tablesQuery(db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string]int{}
	for _, tb := range tables {
		var n int
		// Table names come from the catalog, not from input.
		if err := db.SQL.QueryRow(`SELECT count(*) FROM "` + tb + `"`).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", tb, err)
		}
		out[tb] = n
	}
	return out
}

func tablesQuery(dia string) string {
	if dia == "postgres" {
		return `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	return `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
}

// syncBuffer is a log sink for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
