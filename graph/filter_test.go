package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/shyraq/birge/ent/cohort"
)

// names lists the family names of a people connection, in order.
type peopleNames struct {
	People struct {
		TotalCount int
		Edges      []struct{ Node struct{ FamilyName string } }
	}
}

func (p peopleNames) names() []string {
	var out []string
	for _, e := range p.People.Edges {
		out = append(out, e.Node.FamilyName)
	}
	return out
}

func TestPeopleFilters(t *testing.T) {
	t.Parallel()
	a := setup(t)
	p := a.program(a.org("Shyraq"))
	c2019 := a.cohort(p, "Almaty 2019", "Almaty", date(2019, 5, 6), cohort.StatusCOMPLETED)
	c2024 := a.cohort(p, "Oskemen 2024", "Ust-Kamenogorsk", date(2024, 9, 2), cohort.StatusCOMPLETED)
	dance, cooking := a.interest("dance", "Dance"), a.interest("cooking", "Cooking")

	abenova := a.person("Aliya", "Abenova", "Almaty")
	abdrakhmanov := a.person("Yerlan", "Abdrakhmanov", "Ust-Kamenogorsk")
	serikova := a.person("Dana", "Serikova", "Almaty")
	kim := a.person("Viktoriya", "Kim", "Shymkent")
	a.enroll(abenova, c2019)
	a.enroll(abdrakhmanov, c2024)
	a.enroll(serikova, c2024)
	a.client.Person.UpdateOne(abenova).AddInterests(dance).ExecX(a.ctx)
	a.client.Person.UpdateOne(serikova).AddInterests(dance, cooking).ExecX(a.ctx)
	a.client.Person.UpdateOne(kim).AddInterests(cooking).ExecX(a.ctx)

	for _, tc := range []struct {
		name  string
		where map[string]any
		want  []string // ordered by family name
	}{
		{"city", map[string]any{"city": "Almaty"}, []string{"Abenova", "Serikova"}},
		{"family name prefix", map[string]any{"familyNameHasPrefix": "Ab"}, []string{"Abdrakhmanov", "Abenova"}},
		{"family name contains, any case", map[string]any{"familyNameContainsFold": "RIK"}, []string{"Serikova"}},
		{"took part in a 2024 course", map[string]any{"cohortYear": 2024}, []string{"Abdrakhmanov", "Serikova"}},
		{"took part in a 2023 course", map[string]any{"cohortYear": 2023}, nil},
		{"took part in a cohort", map[string]any{"cohortID": gid(c2019.ID)}, []string{"Abenova"}},
		{"course year and city", map[string]any{"cohortYear": 2024, "city": "Almaty"}, []string{"Serikova"}},
		{"interested in dance", map[string]any{"hasInterestsWith": []any{map[string]any{"slug": "dance"}}}, []string{"Abenova", "Serikova"}},
		{"interest and city", map[string]any{"city": "Almaty", "hasInterestsWith": []any{map[string]any{"slug": "cooking"}}}, []string{"Serikova"}},
		{"or", map[string]any{"or": []any{map[string]any{"city": "Shymkent"}, map[string]any{"familyNameHasPrefix": "Abd"}}}, []string{"Abdrakhmanov", "Kim"}},
		{"nothing matches", map[string]any{"city": "Taraz"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var resp peopleNames
			a.do(`query($where: PersonWhereInput) {
			  people(where: $where, orderBy: [{field: FAMILY_NAME}]) { totalCount edges { node { familyName } } }
			}`, &resp, vars("where", tc.where)...)
			if got := resp.names(); !slices.Equal(got, tc.want) {
				t.Errorf("people = %v, want %v", got, tc.want)
			}
			if resp.People.TotalCount != len(tc.want) {
				t.Errorf("totalCount = %d, want %d", resp.People.TotalCount, len(tc.want))
			}
		})
	}
}

func TestPeopleOrder(t *testing.T) {
	t.Parallel()
	a := setup(t)
	for _, n := range [][2]string{{"Dana", "Serikova"}, {"Aliya", "Abenova"}, {"Zarina", "Kim"}, {"Arman", "Kim"}} {
		a.person(n[0], n[1], "Almaty")
	}
	for _, tc := range []struct {
		name    string
		orderBy any
		want    []string
	}{
		{"family name ascending", []any{map[string]any{"field": "FAMILY_NAME", "direction": "ASC"}},
			[]string{"Abenova", "Kim", "Kim", "Serikova"}},
		{"family name descending", []any{map[string]any{"field": "FAMILY_NAME", "direction": "DESC"}},
			[]string{"Serikova", "Kim", "Kim", "Abenova"}},
		{"family then given name", []any{
			map[string]any{"field": "FAMILY_NAME", "direction": "ASC"},
			map[string]any{"field": "GIVEN_NAME", "direction": "DESC"},
		}, []string{"Abenova Aliya", "Kim Zarina", "Kim Arman", "Serikova Dana"}},
		{"given name", []any{map[string]any{"field": "GIVEN_NAME"}},
			[]string{"Abenova Aliya", "Kim Arman", "Serikova Dana", "Kim Zarina"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var resp struct {
				People struct {
					Edges []struct {
						Node struct{ GivenName, FamilyName string }
					}
				}
			}
			a.do(`query($orderBy: [PersonOrder!]) {
			  people(orderBy: $orderBy) { edges { node { givenName familyName } } }
			}`, &resp, vars("orderBy", tc.orderBy)...)
			var got []string
			for i, e := range resp.People.Edges {
				name := e.Node.FamilyName
				if i < len(tc.want) && strings.Contains(tc.want[i], " ") {
					name += " " + e.Node.GivenName
				}
				got = append(got, name)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("order = %v, want %v", got, tc.want)
			}
		})
	}

	// Paging through an order keeps it: the cursor carries the order's values.
	var first, second struct {
		People struct {
			PageInfo struct{ EndCursor string }
			Edges    []struct{ Node struct{ GivenName string } }
		}
	}
	const q = `query($after: Cursor) {
	  people(first: 2, after: $after, orderBy: [{field: FAMILY_NAME, direction: DESC}, {field: GIVEN_NAME}]) {
	    pageInfo { endCursor } edges { node { givenName } }
	  }
	}`
	a.do(q, &first)
	a.do(q, &second, vars("after", first.People.PageInfo.EndCursor)...)
	var got []string
	for _, e := range append(first.People.Edges, second.People.Edges...) {
		got = append(got, e.Node.GivenName)
	}
	if want := []string{"Dana", "Arman", "Zarina", "Aliya"}; !slices.Equal(got, want) {
		t.Errorf("two pages in order = %v, want %v", got, want)
	}
}

func TestCohortFilters(t *testing.T) {
	t.Parallel()
	a := setup(t)
	p := a.program(a.org("Shyraq"))
	a.cohort(p, "Almaty 2023", "Almaty", date(2023, 6, 5), cohort.StatusCOMPLETED)
	a.cohort(p, "Almaty 2025", "Almaty", date(2025, 6, 2), cohort.StatusOPEN)
	a.cohort(p, "Oskemen 2025", "Ust-Kamenogorsk", date(2025, 9, 1), cohort.StatusOPEN)
	a.cohort(p, "Almaty 2026", "Almaty", date(2026, 6, 1), cohort.StatusPLANNED)

	for _, tc := range []struct {
		name  string
		where map[string]any
		want  []string
	}{
		{"status", map[string]any{"status": "OPEN"}, []string{"Almaty 2025", "Oskemen 2025"}},
		{"city", map[string]any{"city": "Almaty"}, []string{"Almaty 2023", "Almaty 2025", "Almaty 2026"}},
		{"status and city", map[string]any{"status": "OPEN", "city": "Almaty"}, []string{"Almaty 2025"}},
		{"status in", map[string]any{"statusIn": []string{"PLANNED", "COMPLETED"}}, []string{"Almaty 2023", "Almaty 2026"}},
		{"starting from", map[string]any{"startDateGTE": "2025-07-01T00:00:00Z"}, []string{"Oskemen 2025", "Almaty 2026"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var resp struct {
				Cohorts struct {
					Edges []struct{ Node struct{ Name string } }
				}
			}
			a.do(`query($where: CohortWhereInput) {
			  cohorts(where: $where, orderBy: [{field: START_DATE}]) { edges { node { name } } }
			}`, &resp, vars("where", tc.where)...)
			var got []string
			for _, e := range resp.Cohorts.Edges {
				got = append(got, e.Node.Name)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("cohorts = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTrainers(t *testing.T) {
	t.Parallel()
	a := setup(t)
	for _, n := range []struct {
		family  string
		city    string
		trainer bool
	}{
		{"Abenova", "Almaty", true},
		{"Kim", "Almaty", false},
		{"Serikova", "Ust-Kamenogorsk", true},
		{"Nurlanova", "Almaty", true},
	} {
		p := a.person("Aigerim", n.family, n.city)
		if n.trainer {
			a.client.Person.UpdateOne(p).SetIsTrainer(true).ExecX(a.ctx)
		}
	}
	type trainers struct {
		TotalCount int
		Edges      []struct {
			Node struct {
				FamilyName string
				IsTrainer  bool
			}
		}
	}
	var resp struct{ All, InAlmaty trainers }
	a.do(`{
	  all: trainers(orderBy: [{field: FAMILY_NAME}]) { totalCount edges { node { familyName isTrainer } } }
	  inAlmaty: trainers(where: {city: "Almaty"}, orderBy: [{field: FAMILY_NAME, direction: DESC}]) {
	    totalCount edges { node { familyName isTrainer } }
	  }
	}`, &resp)
	check := func(name string, c trainers, want []string) {
		t.Helper()
		var got []string
		for _, e := range c.Edges {
			if !e.Node.IsTrainer {
				t.Errorf("%s: %s is not a trainer", name, e.Node.FamilyName)
			}
			got = append(got, e.Node.FamilyName)
		}
		if !slices.Equal(got, want) || c.TotalCount != len(want) {
			t.Errorf("%s = %v (totalCount %d), want %v", name, got, c.TotalCount, want)
		}
	}
	check("trainers", resp.All, []string{"Abenova", "Nurlanova", "Serikova"})
	check("trainers in Almaty", resp.InAlmaty, []string{"Nurlanova", "Abenova"})
}
