package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/graph"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
)

// admin is the viewer of most tests: privacy is tested on its own.
var admin = viewer.Viewer{AccountID: 1, Role: viewer.RoleAdmin}

// api is the GraphQL endpoint of one test's database, called as v.
type api struct {
	t      testing.TB
	h      http.Handler
	gql    *client.Client
	client *ent.Client     // for fixtures and checks behind the API
	ctx    context.Context // system context for fixtures
}

// newAPI serves the real executable schema over db to requests made as v,
// with the handler's default options unless opts change them.
func newAPI(t testing.TB, db *database.DB, v viewer.Viewer, opts ...func(*graph.Options)) *api {
	t.Helper()
	o := graph.Options{
		Introspection: true,
		Logger:        slog.New(slog.NewTextHandler(t.Output(), nil)),
	}
	for _, f := range opts {
		f(&o)
	}
	srv := graph.NewHandler(db.Client, o)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), v)))
	})
	return &api{
		t:      t,
		h:      h,
		gql:    client.New(h),
		client: db.Client,
		ctx:    viewer.SystemContext(context.Background()),
	}
}

// setup opens a fresh database and its API, called as admin.
func setup(t testing.TB, opts ...func(*graph.Options)) *api {
	t.Helper()
	return newAPI(t, testdb.Open(t), admin, opts...)
}

// noCostLimit lifts the operation cost limit, for tests of other rules
// whose queries would cost more than a client may spend.
func noCostLimit(o *graph.Options) { o.ComplexityLimit = math.MaxInt32 }

// vars turns name, value pairs into request variables.
func vars(kv ...any) []client.Option {
	opts := make([]client.Option, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		opts = append(opts, client.Var(kv[i].(string), kv[i+1]))
	}
	return opts
}

// do runs q and decodes its data into out, failing the test on any error.
func (a *api) do(q string, out any, opts ...client.Option) {
	a.t.Helper()
	if err := a.gql.Post(q, out, opts...); err != nil {
		a.t.Fatalf("query failed: %v\nquery: %s", err, q)
	}
}

// gqlError is one entry of a response's "errors".
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

func (e gqlError) code() string { s, _ := e.Extensions["code"].(string); return s }

// raw runs q and returns its data and errors, undecoded. Every error
// message is checked for leaked internals.
func (a *api) raw(q string, opts ...client.Option) (any, []gqlError) {
	a.t.Helper()
	resp, err := a.gql.RawPost(q, opts...)
	if err != nil {
		a.t.Fatalf("post: %v", err)
	}
	var errs []gqlError
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			a.t.Fatalf("decode errors %s: %v", resp.Errors, err)
		}
	}
	checkNoLeaks(a.t, errs)
	return resp.Data, errs
}

// fail runs q, which must fail, and returns its errors.
func (a *api) fail(q string, opts ...client.Option) []gqlError {
	a.t.Helper()
	data, errs := a.raw(q, opts...)
	if len(errs) == 0 {
		a.t.Fatalf("query succeeded, want an error\nquery: %s\ndata: %v", q, data)
	}
	return errs
}

// failWith runs q and checks that its first error has code and a message
// containing each of words.
func (a *api) failWith(code string, q string, words []string, opts ...client.Option) gqlError {
	a.t.Helper()
	errs := a.fail(q, opts...)
	e := errs[0]
	if e.code() != code {
		a.t.Errorf("code = %q, want %q (message %q)", e.code(), code, e.Message)
	}
	for _, w := range words {
		if !strings.Contains(e.Message, w) {
			a.t.Errorf("message %q does not contain %q", e.Message, w)
		}
	}
	return e
}

// httpResponse is a response read at the HTTP level, for requests that the
// transport refuses before execution (gqlgen's client rejects 4xx).
type httpResponse struct {
	Status int
	Errors []gqlError `json:"errors"`
	Data   any        `json:"data"`
}

// post sends a JSON body as a POST request.
func (a *api) post(body any) httpResponse {
	a.t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		a.t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(b)))
	r.Header.Set("Content-Type", "application/json")
	return a.serve(r)
}

// get sends query in the URL, as a GET request.
func (a *api) get(query string) httpResponse {
	a.t.Helper()
	r := httptest.NewRequest(http.MethodGet, "/?"+url.Values{"query": {query}}.Encode(), nil)
	return a.serve(r)
}

func (a *api) serve(r *http.Request) httpResponse {
	a.t.Helper()
	w := httptest.NewRecorder()
	a.h.ServeHTTP(w, r)
	resp := httpResponse{Status: w.Code}
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		a.t.Fatalf("decode response %q: %v", w.Body.String(), err)
	}
	checkNoLeaks(a.t, resp.Errors)
	return resp
}

// leaks are fragments that betray SQL or Go internals in a message.
var leaks = []string{"SELECT", "INSERT", "UPDATE ", "sql:", "pq:", "sqlite", "SQL logic", "constraint failed",
	"goroutine", ".go:", "ent:", "runtime error"}

func checkNoLeaks(t testing.TB, errs []gqlError) {
	t.Helper()
	for _, e := range errs {
		for _, l := range leaks {
			if strings.Contains(e.Message, l) {
				t.Errorf("error message leaks internals (%q): %q", l, e.Message)
			}
		}
	}
}

// must returns v, failing the test if err is set.
func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// gid renders an ent ID as the GraphQL ID the API speaks.
func gid(id int) string { return fmt.Sprint(id) }

// Fixtures, written through the ent client as the system.

func (a *api) org(name string) *ent.Organization {
	a.t.Helper()
	return must[*ent.Organization](a.t)(a.client.Organization.Create().SetName(name).SetKind(organization.KindFOUNDATION).Save(a.ctx))
}

func (a *api) program(operator *ent.Organization) *ent.Program {
	a.t.Helper()
	return must[*ent.Program](a.t)(a.client.Program.Create().SetName("School of Independent Life").SetOperator(operator).Save(a.ctx))
}

// cohort plans a week-long cohort starting on start.
func (a *api) cohort(p *ent.Program, name, city string, start time.Time, status cohort.Status) *ent.Cohort {
	a.t.Helper()
	return must[*ent.Cohort](a.t)(a.client.Cohort.Create().
		SetName(name).SetCity(city).SetStartDate(start).SetEndDate(start.AddDate(0, 0, 6)).
		SetCapacity(15).SetStatus(status).SetProgram(p).Save(a.ctx))
}

func (a *api) person(given, family, city string) *ent.Person {
	a.t.Helper()
	return must[*ent.Person](a.t)(a.client.Person.Create().SetGivenName(given).SetFamilyName(family).SetCity(city).Save(a.ctx))
}

func (a *api) enroll(p *ent.Person, c *ent.Cohort) *ent.Enrollment {
	a.t.Helper()
	return must[*ent.Enrollment](a.t)(a.client.Enrollment.Create().SetPerson(p).SetCohort(c).Save(a.ctx))
}

func (a *api) interest(slug, en string) *ent.Interest {
	a.t.Helper()
	return must[*ent.Interest](a.t)(a.client.Interest.Create().SetSlug(slug).SetLabelEn(en).SetLabelRu(en + " (ru)").SetLabelKk(en + " (kk)").Save(a.ctx))
}

func (a *api) activity(slug, en string) *ent.Activity {
	a.t.Helper()
	return must[*ent.Activity](a.t)(a.client.Activity.Create().SetSlug(slug).SetLabelEn(en).SetLabelRu(en + " (ru)").SetLabelKk(en + " (kk)").Save(a.ctx))
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// decode turns undecoded response data into out.
func decode(t testing.TB, data any, out any) {
	t.Helper()
	b, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}
