package failure

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/shyraq/birge/graph"
	"github.com/shyraq/birge/internal/testdb"
)

// payloads go into every text argument: SQL and script injection, very
// long and odd text. None may reach the database as anything but text.
var payloads = []string{
	`'; DROP TABLE persons; --`,
	`" OR "1"="1`,
	`1' OR '1'='1' --`,
	`admin'--`,
	`'); DELETE FROM accounts WHERE ('1'='1`,
	`\'; SELECT pg_sleep(10); --`,
	`<script>alert(document.cookie)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`javascript:alert(1)`,
	`{{7*7}}${7*7}<%= 7*7 %>`,
	"nul\x00byte",
	"\u202eRTL override\u202c",
	"Айгерім 👩‍🦽 ✓",
	strings.Repeat("a", 100_000),
	strings.Repeat("ж", 20_000),
}

// checkAnswer checks one answer: never a 5xx, never a transport error,
// every error with a code that is not an internal error, no internals in
// messages.
func checkAnswer(t *testing.T, what string, r reply, sent ...string) {
	t.Helper()
	switch {
	case r.Err != nil:
		t.Errorf("%s: %v", what, r.Err)
		return
	case r.Status >= 500:
		t.Errorf("%s: status %d: %.300s", what, r.Status, r.Body)
		return
	case r.Status >= 400 && len(r.Errors) == 0:
		t.Errorf("%s: status %d without a GraphQL error: %.300s", what, r.Status, r.Body)
	}
	for _, e := range r.Errors {
		code, _ := e.Extensions["code"].(string)
		if code == "" || code == "INTERNAL_SERVER_ERROR" {
			t.Errorf("%s: error with code %q: %s", what, code, e.Message)
		}
		msg := e.Message
		for _, s := range sent {
			msg = strings.ReplaceAll(msg, s, "") // the client's own text, echoed
		}
		if leaks(msg) {
			t.Errorf("%s: message shows internals: %.300s", what, e.Message)
		}
	}
}

// Malformed requests, hostile queries and injection strings in every text
// argument of every mutation: each answered with a 4xx or a GraphQL error
// with a code, never a 5xx, and the database unchanged.
func TestBadInputCorpus(t *testing.T) {
	t.Parallel()
	db := testdb.Open(t)
	fx := seedFixture(t, db.Client, 1)
	logs := &syncBuffer{}
	ts := newServer(t, db, logs)
	visitor := newClient(ts.URL)
	member := newClient(ts.URL)
	member.signIn(t, fx.Members[0])
	before := rowCounts(t, db)

	aliases := make([]string, 2000)
	for i := range aliases {
		aliases[i] = fmt.Sprintf("a%d: viewer { id }", i)
	}
	bomb := "query { ...F0 } "
	for i := range 12 {
		bomb += fmt.Sprintf("fragment F%d on Query { ...F%d ...F%d } ", i, i+1, i+1)
	}
	bomb += "fragment F12 on Query { viewer { id } }"
	raw := []struct {
		name, contentType, body string
	}{
		{"empty body", "application/json", ``},
		{"truncated JSON", "application/json", `{"query": "{ viewer { id } }"`},
		{"not JSON", "application/json", `query { viewer { id } }`},
		{"JSON null", "application/json", `null`},
		{"JSON array (batch)", "application/json", `[{"query":"{ viewer { id } }"}]`},
		{"query is a number", "application/json", `{"query": 42}`},
		{"variables are a string", "application/json", `{"query":"{ viewer { id } }","variables":"x"}`},
		{"deeply nested JSON", "application/json", `{"query":"{ viewer { id } }","variables":{"x":` + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + `}}`},
		{"invalid UTF-8 in the body", "application/json", "{\"query\":\"{ viewer { id } }\",\"variables\":{\"x\":\"\xff\xfe\xfd\"}}"},
		{"invalid UTF-8 in the query", "application/json", "{\"query\":\"{ viewer\xff { id } }\"}"},
		{"NUL in the query", "application/json", `{"query":"{ viewer { id \u0000 } }"}`},
		{"text/plain", "text/plain", `{"query":"mutation { signOut }"}`},
		{"form", "application/x-www-form-urlencoded", `query=mutation+%7B+signOut+%7D`},
		{"multipart", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}\r\n--x--"},
		{"no content type", "", `{"query":"{ viewer { id } }"}`},
		{"huge body", "application/json", `{"query":"{ viewer { id } }","variables":{"x":"` + strings.Repeat("x", 2<<20) + `"}}`},
		{"deeply nested query", "application/json", mustJSON(map[string]any{"query": "{ cohorts { edges { node { enrollments { edges { node { person { enrollments { edges { node { cohort { enrollments { edges { node { id } } } } } } } } } } } } } } }"})},
		{"nested beyond the parser", "application/json", mustJSON(map[string]any{"query": strings.Repeat("{ viewer ", 3000) + strings.Repeat("}", 3000)})},
		{"alias amplification", "application/json", mustJSON(map[string]any{"query": "{ " + strings.Join(aliases, " ") + " }"})},
		{"fragment bomb", "application/json", mustJSON(map[string]any{"query": bomb})},
		{"fragment cycle", "application/json", mustJSON(map[string]any{"query": "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"})},
		{"100 × 100 pages", "application/json", mustJSON(map[string]any{"query": "{ cohorts(first: 100) { edges { node { enrollments(first: 100) { edges { node { id person { id } } } } } } } }"})},
		{"page too large", "application/json", mustJSON(map[string]any{"query": "{ people(first: 1000000) { totalCount } }"})},
		{"negative page", "application/json", mustJSON(map[string]any{"query": "{ people(first: -1) { totalCount } }"})},
		{"unknown operation", "application/json", mustJSON(map[string]any{"query": "query A { viewer { id } }", "operationName": "B"})},
		{"two operations, none named", "application/json", mustJSON(map[string]any{"query": "query A { viewer { id } } query B { viewer { id } }"})},
		{"unknown field", "application/json", mustJSON(map[string]any{"query": "{ secrets }"})},
		{"Int variable as a string", "application/json", mustJSON(map[string]any{"query": "query($n: Int) { people(first: $n) { totalCount } }", "variables": map[string]any{"n": "ten"}})},
		{"Int variable too big", "application/json", mustJSON(map[string]any{"query": "query($n: Int) { people(first: $n) { totalCount } }", "variables": map[string]any{"n": 1e30}})},
		{"missing required variable", "application/json", mustJSON(map[string]any{"query": "query($id: ID!) { node(id: $id) { id } }"})},
		{"cursor garbage", "application/json", mustJSON(map[string]any{"query": `{ people(after: "not-a-cursor") { totalCount } }`})},
		{"introspection", "application/json", mustJSON(map[string]any{"query": "{ __schema { types { name } } }"})},
	}
	for _, id := range []any{"abc", "-1", "0", "99999999999999999999999", "1e3", "", " 1", "1; DROP TABLE persons", 12.5, true, []any{1}, map[string]any{"id": 1}} {
		raw = append(raw, struct{ name, contentType, body string }{
			fmt.Sprintf("node(id: %v)", id), "application/json",
			mustJSON(map[string]any{"query": "query($id: ID!) { node(id: $id) { id } }", "variables": map[string]any{"id": id}}),
		})
	}
	for _, c := range []*client{visitor, member} {
		for _, tc := range raw {
			checkAnswer(t, tc.name, c.raw(tc.contentType, []byte(tc.body)))
		}
	}
	// A GET may not write.
	res, err := http.Get(ts.URL + "/graphql?query=" + "mutation%20%7B%20signOut%20%7D")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode < 400 || res.StatusCode >= 500 {
		t.Errorf("a mutation over GET: status %d", res.StatusCode)
	}

	// Every text argument of every mutation, one at a time (the others
	// plain), as a visitor and as a member.
	schema := graph.NewSchema(db.Client, nil).Schema()
	var sent int
	accepted := map[string]int{}
	for _, f := range schema.Mutation.Fields {
		var targets []string
		for _, a := range f.Arguments {
			targets = append(targets, textPaths(schema, a.Type, a.Name, map[string]bool{})...)
		}
		for _, target := range targets {
			for _, p := range payloads {
				vars := map[string]any{}
				var decl, args []string
				for _, a := range f.Arguments {
					v, ok := valueFor(schema, a.Type, a.Name, target, p, fx)
					if !ok {
						continue
					}
					vars[a.Name] = v
					decl = append(decl, "$"+a.Name+": "+a.Type.String())
					args = append(args, a.Name+": $"+a.Name)
				}
				q := "mutation(" + strings.Join(decl, ", ") + ") { " + f.Name + "(" + strings.Join(args, ", ") + ")" + selection(schema, f.Type) + " }"
				for _, who := range []string{"visitor", "member"} {
					c := map[string]*client{"visitor": visitor, "member": member}[who]
					r := c.do(q, vars)
					sent++
					checkAnswer(t, fmt.Sprintf("%s(%s) as %s with %.40q", f.Name, target, who, p), r, p)
					if r.ok() {
						accepted[f.Name+" as "+who]++
					}
					if who == "visitor" && r.ok() && f.Name != "requestPasswordReset" {
						t.Errorf("%s succeeded for a visitor", f.Name)
					}
				}
			}
		}
	}
	t.Logf("%d transport cases, %d mutation requests; accepted (text stored as text): %v", 2*len(raw), sent, accepted)

	after := rowCounts(t, db)
	var changed []string
	for tb, n := range after {
		if n == before[tb] {
			continue
		}
		// The member's own profile and contact rows may be created by
		// updateMyProfile (text is just text); nothing else may change.
		if (tb == "profiles" || tb == "contact_details") && n == before[tb]+1 {
			continue
		}
		changed = append(changed, fmt.Sprintf("%s: %d -> %d", tb, before[tb], n))
	}
	sort.Strings(changed)
	if len(changed) > 0 {
		t.Errorf("the database changed: %v", changed)
	}
	// What was accepted was stored as text, exactly.
	for _, p := range payloads[:6] {
		r := member.do(`mutation($n: String!) { updateMyProfile(input: {givenName: $n}) { givenName } }`, map[string]any{"n": p})
		var got struct{ GivenName string }
		if !r.ok() || json.Unmarshal(r.Data["updateMyProfile"], &got) != nil || got.GivenName != p {
			t.Errorf("stored %q, read back %q (%+v)", p, got.GivenName, r.Errors)
		}
	}
	// The server is well and the member still signed in.
	if r := member.do(`{ viewer { id } people(first: 5) { totalCount } }`, nil); !r.ok() || strings.Contains(string(r.Data["viewer"]), "null") {
		t.Errorf("after the corpus: %d %+v %s", r.Status, r.Errors, r.Data["viewer"])
	}
	if strings.Contains(logs.String(), "panic") {
		t.Errorf("the log has a panic:\n%s", logs.String())
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// textPaths lists the String leaves of a value of type t at path
// (arg.field.field), not descending into recursive inputs.
func textPaths(s *ast.Schema, t *ast.Type, path string, seen map[string]bool) []string {
	for t.Elem != nil {
		t = t.Elem
	}
	if t.NamedType == "String" {
		return []string{path}
	}
	d := s.Types[t.NamedType]
	if d == nil || d.Kind != ast.InputObject || seen[d.Name] {
		return nil
	}
	seen = maps.Clone(seen)
	seen[d.Name] = true
	var out []string
	for _, f := range d.Fields {
		out = append(out, textPaths(s, f.Type, path+"."+f.Name, seen)...)
	}
	return out
}

// valueFor makes a value of type t at path: the payload at the target
// text leaf, "Test" at other required text, IDs naming a real row (the
// fixture's cohort), plausible other scalars. ok is false for an optional
// value it leaves out.
func valueFor(s *ast.Schema, t *ast.Type, path, target, payload string, fx fixture) (any, bool) {
	if t.Elem != nil {
		if !t.NonNull && target != path && !strings.HasPrefix(target, path+".") {
			return nil, false
		}
		v, ok := valueFor(s, t.Elem, path, target, payload, fx)
		if !ok {
			return nil, false
		}
		return []any{v}, true
	}
	switch t.NamedType {
	case "String":
		switch {
		case path == target:
			return payload, true
		case t.NonNull:
			return "Test", true
		}
		return nil, false
	case "ID":
		return fmt.Sprint(fx.Cohort), t.NonNull
	case "Int":
		return 1, t.NonNull
	case "Float":
		return 1.5, t.NonNull
	case "Boolean":
		return true, t.NonNull
	case "Time":
		return "2026-05-01T00:00:00Z", t.NonNull
	}
	d := s.Types[t.NamedType]
	switch {
	case d == nil:
		return nil, false
	case d.Kind == ast.Enum:
		return d.EnumValues[0].Name, t.NonNull
	case d.Kind == ast.InputObject:
		if !t.NonNull && !strings.HasPrefix(target, path+".") {
			return nil, false
		}
		obj := map[string]any{}
		for _, f := range d.Fields {
			if v, ok := valueFor(s, f.Type, path+"."+f.Name, target, payload, fx); ok {
				obj[f.Name] = v
			}
		}
		return obj, true
	}
	return nil, false
}

// selection selects the id of an object result, nothing of a scalar one.
func selection(s *ast.Schema, t *ast.Type) string {
	for t.Elem != nil {
		t = t.Elem
	}
	d := s.Types[t.NamedType]
	if d == nil || (d.Kind != ast.Object && d.Kind != ast.Interface) {
		return ""
	}
	if d.Fields.ForName("id") != nil {
		return " { id }"
	}
	return " { __typename }"
}
