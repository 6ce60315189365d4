package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shyraq/birge/auth"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/sessioncookie"
	"github.com/shyraq/birge/viewer"
)

// FuzzGraphQLRequest sends arbitrary request bodies to /graphql, and
// arbitrary text into a search filter (as a visitor) and into profile
// fields (as a signed-in member). Whatever comes in, the answer is never
// a 5xx, always JSON, and every error carries a code that is not an
// internal error. CI runs it briefly (make fuzz); `go test` runs the
// seeds.
func FuzzGraphQLRequest(f *testing.F) {
	db := testdb.Open(f)
	ctx := viewer.SystemContext(context.Background())
	hash, err := auth.HashPassword("fuzz-password-2026")
	if err != nil {
		f.Fatal(err)
	}
	p := db.Client.Person.Create().SetGivenName("Fuzz").SetFamilyName("Member").SaveX(ctx)
	db.Client.Account.Create().SetEmail("fuzz@birge.example").SetPasswordHash(hash).SetRole(account.RoleMEMBER).SetPersonID(p.ID).ExecX(ctx)
	s, err := New(Config{PublicURL: "http://example.com"}, db, NewLoggerTo(io.Discard, "text"))
	if err != nil {
		f.Fatal(err)
	}
	h := s.Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, gqlRequest(`{"query":"mutation { signIn(input: {email: \"fuzz@birge.example\", password: \"fuzz-password-2026\"}) { id } }"}`))
	var cookie *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessioncookie.Name {
			cookie = c
		}
	}
	if cookie == nil {
		f.Fatalf("sign-in failed: %s", rec.Body.String())
	}

	for _, seed := range []struct{ body, text string }{
		{`{"query":"{ viewer { id } }"}`, "Almaty"},
		{`{"query":"{ people(first: 5) { totalCount } }","variables":{}}`, "%_\\"},
		{`{"query":"query($n: Int) { people(first: $n) { totalCount } }","variables":{"n":"x"}}`, "'; DROP TABLE persons; --"},
		{`{"query":"mutation { signOut }","operationName":"x"}`, "<script>alert(1)</script>"},
		{`{"query":"{ node(id: \"abc\") { id } }"}`, "\x00"},
		{`{"query":"{`, "\xff\xfe"},
		{`[]`, strings.Repeat("ж", 300)},
		{`{"query":"{ a: viewer { id } b: viewer { id } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}`, "Ақмола"},
		{"{\"query\":\"{ viewer { id } }\",\"variables\":{\"x\":\"\xc3\x28\"}}", " "},
	} {
		f.Add([]byte(seed.body), seed.text)
	}
	check := func(t *testing.T, what string, rec *httptest.ResponseRecorder) {
		t.Helper()
		if rec.Code >= 500 {
			t.Fatalf("%s: status %d: %.300s", what, rec.Code, rec.Body.String())
		}
		var out struct {
			Errors []struct {
				Message    string
				Extensions map[string]any
			}
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s: status %d, body is not JSON: %.300q", what, rec.Code, rec.Body.String())
		}
		if rec.Code >= 400 && len(out.Errors) == 0 {
			t.Fatalf("%s: status %d without errors", what, rec.Code)
		}
		for _, e := range out.Errors {
			code, _ := e.Extensions["code"].(string)
			if code == "" || code == "INTERNAL_SERVER_ERROR" {
				t.Fatalf("%s: error code %q: %s", what, code, e.Message)
			}
		}
	}
	f.Fuzz(func(t *testing.T, body []byte, text string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, gqlRequest(string(body)))
		check(t, "body", rec)

		search, _ := json.Marshal(map[string]any{
			"query":     `query($t: String) { people(first: 5, where: {or: [{givenNameContainsFold: $t}, {city: $t}, {familyNameHasPrefix: $t}]}) { totalCount edges { node { id } } } }`,
			"variables": map[string]any{"t": text},
		})
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, gqlRequest(string(search)))
		check(t, "search", rec)

		edit, _ := json.Marshal(map[string]any{
			"query":     `mutation($t: String) { updateMyProfile(input: {city: $t, bio: $t}) { id city } }`,
			"variables": map[string]any{"t": text},
		})
		req := gqlRequest(string(edit))
		req.AddCookie(&http.Cookie{Name: cookie.Name, Value: cookie.Value})
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		check(t, "edit", rec)
	})
}
