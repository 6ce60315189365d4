package graph_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The POST transport answers as gqlgen's: a body that is not a JSON
// request is BAD_REQUEST (400); a request refused before execution is 422
// in JSON, 400 in graphql-response+json, chosen by the first Accept type
// that names either (or any); anything else is 200.
func TestPostTransport(t *testing.T) {
	t.Parallel()
	a := setup(t)
	ask := func(body string) httpResponse {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		return a.serve(r) // decodes the body, checks for leaks
	}
	if resp := ask(`{not json`); resp.Status != http.StatusBadRequest || len(resp.Errors) != 1 || resp.Errors[0].code() != "BAD_REQUEST" {
		t.Errorf("a body that is not JSON: %d %+v", resp.Status, resp.Errors)
	}
	const invalid = `{"query":"{ people { nosuchfield } }"}`
	for _, tc := range []struct {
		accept, contentType string
		status              int
	}{
		{"", "application/json", http.StatusUnprocessableEntity},
		{"application/json", "application/json", http.StatusUnprocessableEntity},
		{"*/*", "application/json", http.StatusUnprocessableEntity},
		{"application/graphql-response+json", "application/graphql-response+json", http.StatusBadRequest},
		{"application/json, application/graphql-response+json", "application/json", http.StatusUnprocessableEntity},
		{"application/graphql-response+json, application/json", "application/graphql-response+json", http.StatusBadRequest},
		{"text/html", "application/graphql-response+json", http.StatusBadRequest},
	} {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(invalid))
		r.Header.Set("Content-Type", "application/json")
		if tc.accept != "" {
			r.Header.Set("Accept", tc.accept)
		}
		w := httptest.NewRecorder()
		a.h.ServeHTTP(w, r)
		if w.Code != tc.status || w.Header().Get("Content-Type") != tc.contentType {
			t.Errorf("Accept %q: %d %s, want %d %s", tc.accept, w.Code, w.Header().Get("Content-Type"), tc.status, tc.contentType)
		}
	}
	if resp := ask(`{"query":"{ people(first: 1) { totalCount } }"}`); resp.Status != http.StatusOK || len(resp.Errors) > 0 {
		t.Errorf("a valid query: %d %+v", resp.Status, resp.Errors)
	}
}
