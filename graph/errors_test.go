package graph_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/shyraq/birge/graph"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
)

// TestMalformedRequests checks that requests the schema cannot run are
// refused before execution, with the code gqlgen gives them, and that
// nothing is written.
func TestMalformedRequests(t *testing.T) {
	t.Parallel()
	a := setup(t)
	for _, tc := range []struct {
		name  string
		body  map[string]any
		code  string
		words []string
	}{
		{"syntax error", map[string]any{"query": `{ people { edges { node { id } }`},
			"GRAPHQL_PARSE_FAILED", nil},
		{"unknown field", map[string]any{"query": `{ people { edges { node { shoeSize } } } }`},
			"GRAPHQL_VALIDATION_FAILED", []string{"shoeSize"}},
		{"unknown argument", map[string]any{"query": `{ people(limit: 5) { totalCount } }`},
			"GRAPHQL_VALIDATION_FAILED", []string{"limit"}},
		{"argument of the wrong type", map[string]any{"query": `{ people(first: "ten") { totalCount } }`},
			"GRAPHQL_VALIDATION_FAILED", []string{"Int"}},
		{"unknown enum value", map[string]any{"query": `{ people(orderBy: [{field: SHOE_SIZE}]) { totalCount } }`},
			"GRAPHQL_VALIDATION_FAILED", []string{"SHOE_SIZE"}},
		{"variable of the wrong type", map[string]any{
			"query":     `query($n: Int) { people(first: $n) { totalCount } }`,
			"variables": map[string]any{"n": "ten"}},
			"GRAPHQL_VALIDATION_FAILED", []string{"n"}},
		{"required input field missing", map[string]any{
			"query": `mutation { createPerson(input: {givenName: "Aliya"}) { id } }`},
			"GRAPHQL_VALIDATION_FAILED", []string{"familyName"}},
		{"no selection on an object", map[string]any{"query": `{ people }`},
			"GRAPHQL_VALIDATION_FAILED", []string{"people"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := a.post(tc.body)
			if resp.Status != http.StatusUnprocessableEntity {
				t.Errorf("status = %d, want %d", resp.Status, http.StatusUnprocessableEntity)
			}
			if len(resp.Errors) == 0 {
				t.Fatalf("no errors in response")
			}
			e := resp.Errors[0]
			if e.code() != tc.code {
				t.Errorf("code = %q, want %q (message %q)", e.code(), tc.code, e.Message)
			}
			for _, w := range tc.words {
				if !strings.Contains(e.Message, w) {
					t.Errorf("message %q does not name %q", e.Message, w)
				}
			}
			if resp.Data != nil {
				t.Errorf("data = %v, want none", resp.Data)
			}
		})
	}
	if n := a.client.Person.Query().CountX(a.ctx); n != 0 {
		t.Errorf("%d people written by refused requests", n)
	}
}

// TestGET checks that GET serves queries (so they can be cached) and never
// mutations (so a link cannot change data).
func TestGET(t *testing.T) {
	t.Parallel()
	a := setup(t)
	a.person("Aliya", "Abenova", "Almaty")

	resp := a.get(`{ people { totalCount } }`)
	if resp.Status != http.StatusOK || len(resp.Errors) > 0 || fmt.Sprint(resp.Data) != "map[people:map[totalCount:1]]" {
		t.Errorf("GET query: status %d, data %v, errors %v", resp.Status, resp.Data, resp.Errors)
	}

	resp = a.get(`mutation { createPerson(input: {givenName: "Dana", familyName: "Serikova"}) { id } }`)
	if resp.Status == http.StatusOK || len(resp.Errors) == 0 || resp.Data != nil {
		t.Errorf("GET mutation: status %d, data %v, errors %v; want it refused", resp.Status, resp.Data, resp.Errors)
	}
	if n := a.client.Person.Query().CountX(a.ctx); n != 1 {
		t.Errorf("%d people after a GET mutation, want 1", n)
	}
}

// TestInternalErrorsHidden makes the database fail under a query and a
// mutation: the client gets INTERNAL_SERVER_ERROR with a plain message,
// while the server log keeps the cause.
func TestInternalErrorsHidden(t *testing.T) {
	t.Parallel()
	db := testdb.Open(t)
	var log bytes.Buffer
	srv := graph.NewHandler(db.Client, graph.Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), admin)))
	})
	if err := db.SQL.Close(); err != nil { // every statement now fails in database/sql
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, query string }{
		{"list", `{ people { edges { node { id } } } }`},
		{"node", `{ node(id: "1") { id } }`},
		{"mutation", `mutation { createPerson(input: {givenName: "Aliya", familyName: "Abenova"}) { id } }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &api{t: t, h: h, gql: client.New(h), client: db.Client}
			if resp, err := a.gql.RawPost(tc.query); err == nil && strings.Contains(string(resp.Errors), "cannot create transaction") {
				t.Fatalf("the failure to open a mutation's transaction reached the client: %s", resp.Errors)
			}
			e := a.failWith("INTERNAL_SERVER_ERROR", tc.query, nil)
			if e.Message != "internal server error" {
				t.Errorf("message = %q, want exactly %q", e.Message, "internal server error")
			}
		})
	}
	if !strings.Contains(log.String(), "database is closed") {
		t.Errorf("server log does not keep the cause:\n%s", log.String())
	}
}
