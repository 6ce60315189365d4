package search_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/search"
	"github.com/shyraq/birge/seed"
	"github.com/shyraq/birge/viewer"
)

var update = flag.Bool("update", false, "rewrite testdata/demo.golden from SQLite")

// demoQueries are searches on the demo community, as the demo member.
var demoQueries = []search.Query{
	{Text: "Aigerim"},
	{Text: "Ermek"},
	{Text: "Gulnara"},
	{Text: "Нурлан"},
	{Text: "Zhanar"},
	{Text: "Zhanar Erzhanova"},
	{Text: "Omarov"},
	{Text: "Omarof"},
	{Text: "Kim"},
	{Text: "Ust-Kamenogorsk"},
	{Text: "sing"},
	{Text: "кулинария"},
	{Text: "Aigerim", City: "Almaty"},
	{Text: "Nurlan", CohortYear: 2023},
	{Text: "a", LookingFor: "FRIENDS", Language: "kk"},
}

// TestDemoGolden checks that the same searches of the demo community give
// the same results, in the same order, on SQLite and PostgreSQL: the
// results are those recorded in testdata/demo.golden (go test -update
// rewrites it, from SQLite).
func TestDemoGolden(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	st, err := seed.Demo(ctx, db.Client)
	if err != nil {
		t.Fatal(err)
	}
	member := viewer.NewContext(ctx, viewer.Viewer{AccountID: 1, PersonID: st.DemoAlumni[0], Role: viewer.RoleMember})
	var b strings.Builder
	for _, q := range demoQueries {
		n := 100
		conn, err := search.People(member, db.Client, q, search.Page{First: &n, Count: true})
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		fmt.Fprintf(&b, "%+v: %d\n", q, conn.TotalCount)
		for _, e := range conn.Edges {
			fmt.Fprintf(&b, "\t%s %s, %s\n", e.Node.GivenName, e.Node.FamilyName, e.Node.City)
		}
	}
	got := b.String()
	const golden = "testdata/demo.golden"
	if *update {
		if db.Dialect != "sqlite3" {
			t.Skip("-update rewrites the golden file from SQLite only")
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("results differ from %s (on %s):\n%s", golden, db.Dialect, diff(string(want), got))
	}
}

// diff lists the lines of got that are not those of want, by position.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out = append(out, fmt.Sprintf("line %d:\n  want %q\n   got %q", i+1, a, b))
		}
		if len(out) > 20 {
			break
		}
	}
	return strings.Join(out, "\n")
}
