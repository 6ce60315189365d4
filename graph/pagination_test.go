package graph_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/graph"
)

type personPage struct {
	People struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage     bool
			HasPreviousPage bool
			StartCursor     *string
			EndCursor       *string
		}
		Edges []struct {
			Cursor string
			Node   struct{ ID, FamilyName string }
		}
	}
}

const peoplePageQuery = `query($first: Int, $after: Cursor, $last: Int, $before: Cursor) {
  people(first: $first, after: $after, last: $last, before: $before, orderBy: [{field: FAMILY_NAME}]) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id familyName } }
  }
}`

// people adds n people whose family names sort in the order they are made.
func (a *api) people(n int) []*ent.Person {
	a.t.Helper()
	out := make([]*ent.Person, n)
	for i := range out {
		out[i] = a.person("Aigerim", fmt.Sprintf("Family%03d", i), "Almaty")
	}
	return out
}

func TestPeoplePagination(t *testing.T) {
	t.Parallel()
	a := setup(t)
	const total, size = 25, 7
	var want []string
	for _, p := range a.people(total) {
		want = append(want, p.FamilyName)
	}
	// checkPage checks what every page promises: the count of all people,
	// cursors that bound its edges, and a page no larger than asked.
	checkPage := func(t *testing.T, page personPage) []string {
		t.Helper()
		c := page.People
		if c.TotalCount != total {
			t.Errorf("totalCount = %d, want %d", c.TotalCount, total)
		}
		if len(c.Edges) == 0 || len(c.Edges) > size {
			t.Fatalf("page has %d edges, want 1 to %d", len(c.Edges), size)
		}
		if c.PageInfo.StartCursor == nil || *c.PageInfo.StartCursor != c.Edges[0].Cursor {
			t.Errorf("startCursor %v is not the first edge's cursor %q", c.PageInfo.StartCursor, c.Edges[0].Cursor)
		}
		if c.PageInfo.EndCursor == nil || *c.PageInfo.EndCursor != c.Edges[len(c.Edges)-1].Cursor {
			t.Errorf("endCursor %v is not the last edge's cursor", c.PageInfo.EndCursor)
		}
		var names []string
		for _, e := range c.Edges {
			names = append(names, e.Node.FamilyName)
		}
		return names
	}

	t.Run("forward", func(t *testing.T) {
		var got []string
		var after *string
		for pages := 1; ; pages++ {
			var page personPage
			a.do(peoplePageQuery, &page, vars("first", size, "after", after)...)
			got = append(got, checkPage(t, page)...)
			info := page.People.PageInfo
			if info.HasPreviousPage != (after != nil) {
				t.Errorf("page %d: hasPreviousPage = %v", pages, info.HasPreviousPage)
			}
			if !info.HasNextPage {
				if len(got) != total {
					t.Errorf("hasNextPage false after %d people, want %d", len(got), total)
				}
				break
			}
			if pages > total {
				t.Fatal("pagination does not end")
			}
			after = info.EndCursor
		}
		if !slices.Equal(got, want) {
			t.Errorf("forward walk visited\n%v\nwant\n%v", got, want)
		}
	})

	t.Run("backward", func(t *testing.T) {
		var got []string
		var before *string
		for pages := 1; ; pages++ {
			var page personPage
			a.do(peoplePageQuery, &page, vars("last", size, "before", before)...)
			names := checkPage(t, page)
			got = append(names, got...) // each page is in order; pages come from the end
			info := page.People.PageInfo
			if info.HasNextPage != (before != nil) {
				t.Errorf("page %d: hasNextPage = %v", pages, info.HasNextPage)
			}
			if !info.HasPreviousPage {
				break
			}
			if pages > total {
				t.Fatal("pagination does not end")
			}
			before = info.StartCursor
		}
		if !slices.Equal(got, want) {
			t.Errorf("backward walk visited\n%v\nwant\n%v", got, want)
		}
	})

	t.Run("last page is short", func(t *testing.T) {
		var page personPage
		a.do(peoplePageQuery, &page, vars("last", size)...)
		if got := checkPage(t, page); !slices.Equal(got, want[total-size:]) {
			t.Errorf("last %d = %v, want %v", size, got, want[total-size:])
		}
	})
}

func TestDefaultPageSize(t *testing.T) {
	t.Parallel()
	a := setup(t)
	org := a.org("Shyraq")
	c := a.cohort(a.program(org), "Almaty 2024", "Almaty", date(2024, 6, 3), cohort.StatusCOMPLETED)
	const total = graph.DefaultPageSize + 5
	for _, p := range a.people(total) {
		a.enroll(p, c)
		a.client.Person.UpdateOne(p).SetIsTrainer(true).ExecX(a.ctx)
	}
	const page = `totalCount pageInfo { hasNextPage } edges { node { id } }`
	for _, tc := range []struct {
		name, query string
		vars        []any
	}{
		{"people", `{ people { ` + page + ` } }`, nil},
		{"trainers", `{ trainers { ` + page + ` } }`, nil},
		{"nested edge", `{ cohorts { edges { node { enrollments { ` + page + ` } } } } }`, nil},
		{"nested edge with first null", `query($n: Int) { cohorts { edges { node { enrollments(first: $n) { ` + page + ` } } } } }`, nil},
		{"nested edge in a fragment", `{ cohorts { edges { node { ...E } } } } fragment E on Cohort { enrollments { ` + page + ` } }`, nil},
		{"nested edge of a node", `query($id: ID!) { node(id: $id) { ... on Cohort { enrollments { ` + page + ` } } } }`, []any{"id", gid(c.ID)}},
		{"nested edge of a mutation's result", `mutation($id: ID!) { updateCohort(id: $id, input: {}) { enrollments { ` + page + ` } } }`, []any{"id", gid(c.ID)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, errs := a.raw(tc.query, vars(tc.vars...)...)
			if len(errs) > 0 {
				t.Fatalf("errors: %+v", errs)
			}
			var conn struct {
				TotalCount int
				PageInfo   struct{ HasNextPage bool }
				Edges      []any
			}
			decode(t, findConnection(data), &conn)
			if len(conn.Edges) != graph.DefaultPageSize || !conn.PageInfo.HasNextPage || conn.TotalCount != total {
				t.Errorf("without first/last: %d edges, hasNextPage %v, totalCount %d; want %d, true, %d",
					len(conn.Edges), conn.PageInfo.HasNextPage, conn.TotalCount, graph.DefaultPageSize, total)
			}
		})
	}

	var full struct {
		People struct {
			PageInfo struct{ HasNextPage bool }
			Edges    []any
		}
	}
	a.do(`{ people(first: 100) { pageInfo { hasNextPage } edges { node { id } } } }`, &full)
	if n := len(full.People.Edges); n != total || full.People.PageInfo.HasNextPage {
		t.Errorf("first: 100 gave %d edges (hasNextPage %v), want all %d", n, full.People.PageInfo.HasNextPage, total)
	}
}

// findConnection returns the first object with a totalCount in data.
func findConnection(data any) any {
	switch v := data.(type) {
	case map[string]any:
		if _, ok := v["totalCount"]; ok {
			return v
		}
		for _, x := range v {
			if c := findConnection(x); c != nil {
				return c
			}
		}
	case []any:
		for _, x := range v {
			if c := findConnection(x); c != nil {
				return c
			}
		}
	}
	return nil
}

func TestPageBounds(t *testing.T) {
	t.Parallel()
	// Pages above the bound would also cost more than the limit allows;
	// the bound is checked here on its own.
	a := setup(t, noCostLimit)
	org := a.org("Shyraq")
	c := a.cohort(a.program(org), "Almaty 2024", "Almaty", date(2024, 6, 3), cohort.StatusCOMPLETED)
	a.enroll(a.person("Aigerim", "Bekova", "Almaty"), c)

	for _, tc := range []struct {
		name  string
		query string
		words []string
	}{
		{"first above max", `{ people(first: 101) { totalCount } }`, []string{"first", "100"}},
		{"last above max", `{ people(last: 101) { totalCount } }`, []string{"last", "100"}},
		{"negative first", `{ people(first: -1) { totalCount } }`, []string{"first"}},
		{"negative last", `{ people(last: -1) { totalCount } }`, []string{"last"}},
		{"first and last", `{ people(first: 5, last: 5) { totalCount } }`, []string{"first", "last"}},
		{"trainers above max", `{ trainers(first: 101) { totalCount } }`, []string{"first", "100"}},
		{"nested edge above max", `{ cohorts { edges { node { enrollments(first: 500) { totalCount } } } } }`, []string{"first", "100"}},
		{"nested edge negative", `{ cohorts { edges { node { enrollments(first: -1) { totalCount } } } } }`, []string{"first"}},
		{"deeper edge above max", `{ people { edges { node { enrollments { edges { node { cohort { trainers(last: 101) { totalCount } } } } } } } } }`, []string{"last", "100"}},
		{"malformed cursor", `{ people(after: "not-a-cursor") { totalCount } }`, []string{"cursor"}},
		{"nested malformed cursor", `{ cohorts { edges { node { enrollments(after: "not-a-cursor") { totalCount } } } } }`, []string{"cursor"}},
		{"nested in a fragment above max", `{ cohorts { edges { node { ...E } } } } fragment E on Cohort { enrollments(first: 101) { totalCount } }`, []string{"first", "100"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a.failWith("BAD_USER_INPUT", tc.query, tc.words)
		})
	}
}
