package graph_test

import (
	"fmt"
	"testing"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/cohort"
)

// nodeFields asks for the id and a field of its own of every node type, so
// that a node resolved as the wrong type shows.
const nodeFields = `__typename
  id
  ... on Person { familyName }
  ... on Organization { name }
  ... on Program { name }
  ... on Cohort { name }
  ... on Enrollment { status }
  ... on Activity { slug }
  ... on Interest { slug }
  ... on Funding { purpose }`

type nodeResult struct {
	Typename   string `json:"__typename"`
	ID         string
	FamilyName string
	Name       string
	Status     string
	Slug       string
	Purpose    string
}

func TestNodes(t *testing.T) {
	t.Parallel()
	a := setup(t)
	org := a.org("Samruk-Kazyna Trust")
	prog := a.program(org)
	c := a.cohort(prog, "Almaty 2024", "Almaty", date(2024, 6, 3), cohort.StatusCOMPLETED)
	p := a.person("Aliya", "Abenova", "Almaty")
	e := a.enroll(p, c)
	act := a.activity("art-therapy", "Art therapy")
	in := a.interest("singing", "Singing")
	f := must[*ent.Funding](t)(a.client.Funding.Create().SetFunder(org).SetCohort(c).SetAmountKzt(4_500_000).SetYear(2024).SetPurpose("Course week").Save(a.ctx))

	all := []struct {
		typename string
		id       int
		field    func(nodeResult) string
		want     string
	}{
		{"Person", p.ID, func(n nodeResult) string { return n.FamilyName }, "Abenova"},
		{"Organization", org.ID, func(n nodeResult) string { return n.Name }, "Samruk-Kazyna Trust"},
		{"Program", prog.ID, func(n nodeResult) string { return n.Name }, "School of Independent Life"},
		{"Cohort", c.ID, func(n nodeResult) string { return n.Name }, "Almaty 2024"},
		{"Enrollment", e.ID, func(n nodeResult) string { return n.Status }, "ENROLLED"},
		{"Activity", act.ID, func(n nodeResult) string { return n.Slug }, "art-therapy"},
		{"Interest", in.ID, func(n nodeResult) string { return n.Slug }, "singing"},
		{"Funding", f.ID, func(n nodeResult) string { return n.Purpose }, "Course week"},
	}
	check := func(t *testing.T, got nodeResult, i int) {
		t.Helper()
		want := all[i]
		if got.Typename != want.typename || got.ID != gid(want.id) || want.field(got) != want.want {
			t.Errorf("node %d = %+v, want a %s %q", want.id, got, want.typename, want.want)
		}
	}

	var ids []string
	for i, n := range all {
		ids = append(ids, gid(n.id))
		t.Run("node "+n.typename, func(t *testing.T) {
			var resp struct{ Node nodeResult }
			a.do(`query($id: ID!) { node(id: $id) { `+nodeFields+` } }`, &resp, vars("id", gid(n.id))...)
			check(t, resp.Node, i)
		})
		t.Run("absent "+n.typename, func(t *testing.T) {
			// An ID in the type's range that no row has.
			a.failWith("NOT_FOUND", `query($id: ID!) { node(id: $id) { id } }`, []string{"not found"}, vars("id", gid(n.id+1000))...)
		})
	}

	t.Run("nodes of every type", func(t *testing.T) {
		var resp struct{ Nodes []nodeResult }
		a.do(`query($ids: [ID!]!) { nodes(ids: $ids) { `+nodeFields+` } }`, &resp, vars("ids", ids)...)
		if len(resp.Nodes) != len(all) {
			t.Fatalf("got %d nodes, want %d", len(resp.Nodes), len(all))
		}
		for i, n := range resp.Nodes {
			check(t, n, i)
		}
	})

	t.Run("nodes with absent ones", func(t *testing.T) {
		absent := []string{gid(p.ID + 1000), "1099511627776"}
		data, errs := a.raw(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
			vars("ids", []string{gid(p.ID), absent[0], gid(c.ID), absent[1]})...)
		if len(errs) != len(absent) {
			t.Fatalf("got %d errors, want one per absent ID: %+v", len(errs), errs)
		}
		for i, e := range errs {
			if e.code() != "NOT_FOUND" || fmt.Sprint(e.Path) != fmt.Sprint([]any{"nodes", 1 + 2*i}) {
				t.Errorf("error %d = %+v, want NOT_FOUND at nodes[%d]", i, e, 1+2*i)
			}
		}
		// The present ones are still returned, in place.
		got := fmt.Sprint(data)
		want := fmt.Sprintf("map[nodes:[map[id:%d] <nil> map[id:%d] <nil>]]", p.ID, c.ID)
		if got != want {
			t.Errorf("data = %s, want %s", got, want)
		}
	})

	for _, tc := range []struct{ name, id, code string }{
		{"ID of no type", "1099511627776", "NOT_FOUND"},
		{"zero", "0", "NOT_FOUND"},
		{"negative", "-5", "NOT_FOUND"},
		{"not a number", "abc", "BAD_USER_INPUT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a.failWith(tc.code, `query($id: ID!) { node(id: $id) { id } }`, nil, vars("id", tc.id)...)
		})
	}
}
