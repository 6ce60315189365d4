package graph_test

import (
	"fmt"
	"slices"
	"testing"
)

// namesakes is an API over nine people, five of them Kims and two
// Abenovas, in three cities: orders with ties.
func namesakes(t *testing.T) *api {
	t.Helper()
	a := setup(t)
	for i, n := range [][2]string{
		{"Dana", "Kim"}, {"Aliya", "Abenova"}, {"Zarina", "Kim"}, {"Arman", "Kim"}, {"Bota", "Kim"},
		{"Erlan", "Serikov"}, {"Aigerim", "Abenova"}, {"Kamila", "Zhanova"}, {"Nurlan", "Kim"},
	} {
		a.person(n[0], n[1], []string{"Almaty", "Shymkent", "Astana"}[i%3])
	}
	return a
}

// Pages of the directory in an order of several fields, walked forwards
// and backwards, hold every person once, in order, under one totalCount:
// the bound the people resolver adds from a page's cursor (ascending or
// descending) never drops a person sharing the cursor's first value.
func TestPagesInAnOrderOfSeveralFields(t *testing.T) {
	t.Parallel()
	a := namesakes(t)
	type page struct {
		People struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage, HasPreviousPage bool
				StartCursor, EndCursor       string
			}
			Edges []struct {
				Node struct{ GivenName, FamilyName, City string }
			}
		}
	}
	const q = `query($orderBy: [PersonOrder!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
	  people(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
	    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
	    edges { node { givenName familyName city } }
	  }
	}`
	names := func(p page) []string {
		var out []string
		for _, e := range p.People.Edges {
			out = append(out, e.Node.City+"/"+e.Node.FamilyName+"/"+e.Node.GivenName)
		}
		return out
	}
	for _, order := range [][2]string{{"FAMILY_NAME", "ASC"}, {"FAMILY_NAME", "DESC"}, {"CITY", "ASC"}, {"CITY", "DESC"}} {
		for _, second := range []string{"ASC", "DESC"} {
			orderBy := []any{
				map[string]any{"field": order[0], "direction": order[1]},
				map[string]any{"field": "GIVEN_NAME", "direction": second},
			}
			t.Run(fmt.Sprintf("%s %s, given name %s", order[0], order[1], second), func(t *testing.T) {
				var all page
				a.do(q, &all, vars("orderBy", orderBy, "first", 100)...)
				want := names(all)
				if len(want) != 9 {
					t.Fatalf("whole list: %v", want)
				}
				var forward []string
				var after any
				for range 10 {
					var p page
					a.do(q, &p, vars("orderBy", orderBy, "first", 2, "after", after)...)
					if p.People.TotalCount != 9 {
						t.Errorf("forward: totalCount %d, want 9", p.People.TotalCount)
					}
					forward = append(forward, names(p)...)
					if !p.People.PageInfo.HasNextPage {
						break
					}
					after = p.People.PageInfo.EndCursor
				}
				if !slices.Equal(forward, want) {
					t.Errorf("forward pages %v, want %v", forward, want)
				}
				var backward []string
				var before any
				for range 10 {
					var p page
					a.do(q, &p, vars("orderBy", orderBy, "last", 2, "before", before)...)
					backward = append(names(p), backward...)
					if !p.People.PageInfo.HasPreviousPage {
						break
					}
					before = p.People.PageInfo.StartCursor
				}
				if !slices.Equal(backward, want) {
					t.Errorf("backward pages %v, want %v", backward, want)
				}
			})
		}
	}
}

// The bound never changes a page, whatever the cursors and the way it is
// asked (first or last, after or before): the same page asked with a
// filter that holds for everyone (no bound) is the same.
func TestCursorBoundChangesNoPage(t *testing.T) {
	t.Parallel()
	a := namesakes(t)
	type page struct {
		People struct {
			Edges []struct {
				Cursor string
				Node   struct{ GivenName, FamilyName string }
			}
		}
	}
	const q = `query($orderBy: [PersonOrder!], $first: Int, $after: Cursor, $last: Int, $before: Cursor, $where: PersonWhereInput) {
	  people(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, where: $where) {
	    edges { cursor node { givenName familyName } }
	  }
	}`
	names := func(p page) (out []string) {
		for _, e := range p.People.Edges {
			out = append(out, e.Node.FamilyName+"/"+e.Node.GivenName)
		}
		return out
	}
	everyone := map[string]any{"createdAtGT": "2000-01-01T00:00:00Z"} // a filter: no bound
	for _, dir := range []string{"ASC", "DESC"} {
		orderBy := []any{
			map[string]any{"field": "FAMILY_NAME", "direction": dir},
			map[string]any{"field": "GIVEN_NAME", "direction": "ASC"},
		}
		var all page
		a.do(q, &all, vars("orderBy", orderBy, "first", 100)...)
		c3, c6 := all.People.Edges[3].Cursor, all.People.Edges[6].Cursor
		for _, kv := range [][]any{
			{"first", 3, "after", c3}, {"first", 3, "before", c6}, {"last", 3, "after", c3}, {"last", 3, "before", c6},
		} {
			var bounded, plain page
			a.do(q, &bounded, vars(append([]any{"orderBy", orderBy}, kv...)...)...)
			a.do(q, &plain, vars(append([]any{"orderBy", orderBy, "where", everyone}, kv...)...)...)
			if !slices.Equal(names(bounded), names(plain)) {
				t.Errorf("%s, %v: %v, without the bound %v", dir, kv, names(bounded), names(plain))
			}
		}
	}
}

// Both cursors at once are refused with a code (entgql fails inside on
// an order of several fields).
func TestAfterAndBeforeTogetherRefused(t *testing.T) {
	t.Parallel()
	a := setup(t)
	a.person("Dana", "Kim", "Almaty")
	a.person("Aliya", "Abenova", "Almaty")
	var all struct {
		People struct{ Edges []struct{ Cursor string } }
	}
	a.do(`{ people(first: 2) { edges { cursor } } }`, &all)
	c := all.People.Edges[0].Cursor
	a.failWith("BAD_USER_INPUT", `query($c: Cursor) { people(first: 1, after: $c, before: $c, orderBy: [{field: FAMILY_NAME}, {field: GIVEN_NAME}]) { totalCount } }`,
		[]string{"after", "before"}, vars("c", c)...)
}
