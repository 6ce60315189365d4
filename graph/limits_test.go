package graph_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shyraq/birge/graph"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/ratelimit"
)

type limitsReply struct {
	status int
	Data   json.RawMessage
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
}

func (r limitsReply) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// limitsHandler is the GraphQL handler with a client key in every
// request's context, as the server puts there.
func limitsHandler(t *testing.T, opts graph.Options) http.Handler {
	t.Helper()
	db := testdb.Open(t)
	h := graph.NewHandler(db.Client, opts)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(ratelimit.NewContext(r.Context(), "192.0.2.7")))
	})
}

func postGraphQL(t *testing.T, h http.Handler, body map[string]any) limitsReply {
	t.Helper()
	b, _ := json.Marshal(body)
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out limitsReply
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("reply is not JSON (%d): %s", rec.Code, rec.Body.String())
	}
	out.status = rec.Code
	return out
}

func TestOperationLimits(t *testing.T) {
	t.Parallel()
	h := limitsHandler(t, graph.Options{})
	deep := "{ people { edges { node { enrollments { edges { node { cohort { enrollments { edges { node { person { enrollments { edges { node { id } } } } } } } } } } } } } } }"
	aliases := make([]string, graph.DefaultMaxFields+1)
	for i := range aliases {
		aliases[i] = fmt.Sprintf("a%d: __typename", i)
	}
	// 3 spreads of a fragment that spreads another 3 times ... grows
	// exponentially however short the text.
	fragments := "query { ...F0 } fragment F0 on Query { ...F1 ...F1 ...F1 ...F1 ...F1 } "
	for i := 1; i < 6; i++ {
		fragments += fmt.Sprintf("fragment F%d on Query { ...F%d ...F%d ...F%d ...F%d ...F%d } ", i, i+1, i+1, i+1, i+1, i+1)
	}
	fragments += "fragment F6 on Query { __typename }"
	tokens := "{ " + strings.Repeat("__typename ", graph.DefaultParserTokenLimit) + "}"
	for _, tc := range []struct {
		name, query, code string
	}{
		{"a page of the directory", `{ people(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { node { id givenName familyName city enrollments(first: 5) { edges { node { status cohort { name city startDate } } } } } } } }`, ""},
		{"too deep", deep, "QUERY_TOO_DEEP"},
		{"alias amplification", "{ " + strings.Join(aliases, " ") + " }", "QUERY_TOO_LARGE"},
		{"fragment amplification", fragments, "QUERY_TOO_LARGE"},
		{"100 × 100 nested pages", `{ people(first: 100) { edges { node { id enrollments(first: 100) { edges { node { id cohort { id name } } } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"page size from a variable", `query($n: Int) { people(first: $n) { edges { node { id enrollments(first: $n) { edges { node { id cohort { id name } } } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"too many tokens", tokens, "GRAPHQL_PARSE_FAILED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := map[string]any{"query": tc.query}
			if strings.Contains(tc.query, "$n") {
				body["variables"] = map[string]any{"n": 100}
			}
			r := postGraphQL(t, h, body)
			if r.code() != tc.code {
				t.Errorf("code = %q, want %q (status %d, errors %+v)", r.code(), tc.code, r.status, r.Errors)
			}
			if r.status >= 500 {
				t.Errorf("status %d", r.status)
			}
		})
	}
}

func TestPersistedQueries(t *testing.T) {
	t.Parallel()
	h := limitsHandler(t, graph.Options{})
	query := "query Tags { interests(first: 5) { totalCount } }"
	sum := sha256.Sum256([]byte(query))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
	if r := postGraphQL(t, h, map[string]any{"extensions": ext}); r.code() != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("unknown hash: code %q, want PERSISTED_QUERY_NOT_FOUND", r.code())
	}
	if r := postGraphQL(t, h, map[string]any{"query": query, "extensions": ext}); r.code() != "" {
		t.Fatalf("query with its hash: %+v", r.Errors)
	}
	r := postGraphQL(t, h, map[string]any{"extensions": ext})
	if r.code() != "" || !strings.Contains(string(r.Data), "totalCount") {
		t.Fatalf("known hash alone: %s %+v", r.Data, r.Errors)
	}
	bad := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": strings.Repeat("0", 64)}}
	if r := postGraphQL(t, h, map[string]any{"query": query, "extensions": bad}); r.code() == "" {
		t.Error("a query with a wrong hash was served")
	}
}

func TestExpensiveFieldsAreRateLimited(t *testing.T) {
	t.Parallel()
	h := limitsHandler(t, graph.Options{Expensive: ratelimit.New(0.01, 2)})
	// myData needs a signed-in viewer; a visitor gets UNAUTHENTICATED, but
	// the budget is spent before any resolver runs.
	if r := postGraphQL(t, h, map[string]any{"query": "{ a: myData b: myData }"}); r.code() == "RATE_LIMITED" {
		t.Fatalf("first two exports refused: %+v", r.Errors)
	}
	r := postGraphQL(t, h, map[string]any{"query": "{ myData }"})
	if r.code() != "RATE_LIMITED" {
		t.Fatalf("third export: code %q, want RATE_LIMITED", r.code())
	}
	if s, _ := r.Errors[0].Extensions["retryAfter"].(float64); s < 1 {
		t.Errorf("retryAfter = %v, want whole seconds", r.Errors[0].Extensions["retryAfter"])
	}
	// Ordinary queries are not part of this budget.
	if r := postGraphQL(t, h, map[string]any{"query": "{ viewer { id } }"}); r.code() != "" {
		t.Errorf("an ordinary query was refused: %+v", r.Errors)
	}
}

func TestTimeoutIsReported(t *testing.T) {
	t.Parallel()
	h := limitsHandler(t, graph.Options{})
	b := `{"query":"{ people(first: 5) { totalCount } }"}`
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	ctx, cancel := context.WithTimeout(req.Context(), 0)
	defer cancel()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req.WithContext(ctx))
	if !strings.Contains(rec.Body.String(), `"TIMEOUT"`) {
		t.Errorf("a request past its deadline: %d %s", rec.Code, rec.Body.String())
	}
}

func TestLongTextIsRefused(t *testing.T) {
	t.Parallel()
	h := limitsHandler(t, graph.Options{})
	long := strings.Repeat("ж", graph.MaxTextLength+1)
	for name, body := range map[string]map[string]any{
		"in a variable":      {"query": "mutation($e: String!) { requestPasswordReset(email: $e) }", "variables": map[string]any{"e": long}},
		"nested in an input": {"query": "mutation($i: UpdateMyProfileInput!) { updateMyProfile(input: $i) { id } }", "variables": map[string]any{"i": map[string]any{"contact": map[string]any{"telegram": long}}}},
		"inline":             {"query": `mutation { requestPasswordReset(email: "` + long + `") }`},
		"in a fragment":      {"query": `query { ...F } fragment F on Query { people(where: {city: "` + long + `"}) { totalCount } }`},
	} {
		if r := postGraphQL(t, h, body); r.code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "longer than") {
			t.Errorf("%s: %q %+v", name, r.code(), r.Errors)
		}
	}
	if r := postGraphQL(t, h, map[string]any{"query": "mutation($e: String!) { requestPasswordReset(email: $e) }", "variables": map[string]any{"e": "a\x00b@example.kz"}}); r.code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "NUL") {
		t.Errorf("a NUL character: %q %+v", r.code(), r.Errors)
	}
	ok := strings.Repeat("ж", graph.MaxTextLength)
	if r := postGraphQL(t, h, map[string]any{"query": "mutation($e: String!) { requestPasswordReset(email: $e) }", "variables": map[string]any{"e": ok}}); strings.Contains(fmt.Sprint(r.Errors), "longer than") {
		t.Errorf("a text of exactly the limit was refused")
	}
}
