package report_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/report"
	"github.com/shyraq/birge/seed"
)

// attacker is a reader of every report in every grouping, who knows which
// course ran in which year and city (courses are public) and tries to
// compute hidden figures by differencing: wherever a sum has exactly one
// unknown, it computes it, and repeats.
type attacker struct {
	known  map[string]int64
	hidden map[string]bool // published as suppressed somewhere
	sums   [][]string      // total, parts...
}

func newAttacker() *attacker {
	return &attacker{known: map[string]int64{}, hidden: map[string]bool{}}
}

// learn records a published count, or that it was hidden.
func (a *attacker) learn(t *testing.T, key string, c report.Cell, scale func(n int) float64) {
	t.Helper()
	if c.Suppressed {
		a.hidden[key] = true
		return
	}
	if c.N == nil {
		t.Fatalf("%s: a shown cell without n", key)
	}
	var v int64
	switch {
	case scale == nil: // a count
		v = int64(*c.N)
	case c.Value == nil:
		return // a share of nobody
	default:
		v = int64(math.Round(*c.Value * scale(*c.N)))
	}
	if old, ok := a.known[key]; ok && old != v {
		t.Errorf("%s published as %d and as %d", key, old, v)
	}
	a.known[key] = v
}

func (a *attacker) sum(total string, parts ...string) {
	a.sums = append(a.sums, append([]string{total}, parts...))
}

// run differences until nothing new comes out, and returns what it found
// that it should not have: hidden figures, and small groups.
func (a *attacker) run() []string {
	var leaks []string
	for changed := true; changed; {
		changed = false
		for _, s := range a.sums {
			unknown := -1
			n := 0
			for i, k := range s {
				if _, ok := a.known[k]; !ok {
					n++
					unknown = i
				}
			}
			if n != 1 {
				continue
			}
			var v int64
			for i, k := range s[1:] {
				if i+1 != unknown {
					v += a.known[k]
				}
			}
			if unknown != 0 {
				v = a.known[s[0]] - (v)
			}
			k := s[unknown]
			a.known[k] = v
			changed = true
			switch {
			case a.hidden[k]:
				leaks = append(leaks, fmt.Sprintf("%s = %d (hidden)", k, v))
			case v >= 1 && v < 5:
				leaks = append(leaks, fmt.Sprintf("%s = %d (a small group)", k, v))
			}
		}
	}
	return leaks
}

func groupKey(g report.Group) string {
	switch {
	case g.CohortID != nil:
		return fmt.Sprintf("course %d", *g.CohortID)
	case g.Year != nil:
		return fmt.Sprintf("year %d", *g.Year)
	case g.City != nil:
		return "city " + *g.City
	}
	return "all"
}

// attack publishes every report of s to an attacker and returns its
// findings.
func attack(t *testing.T, s *report.Snapshot) []string {
	t.Helper()
	a := newAttacker()
	n := func(k int) float64 { return float64(k) }
	var courses []report.Group
	for _, g := range []report.Grouping{report.ByNone, report.ByYear, report.ByCity, report.ByCohort} {
		reach, err := s.Reach(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range append(reach.Rows, reach.Total) {
			k := groupKey(r.Group)
			a.learn(t, "participants|"+k, r.Participants, nil)
			a.learn(t, "completed|"+k, r.Completed, nil)
			a.learn(t, "completed|"+k, r.CompletionRate, n)
			if r.Group.CohortID != nil {
				courses = append(courses, r.Group)
			}
		}
		o, err := s.Outcomes(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range append(o.Rows, o.Total) {
			k := groupKey(r.Group)
			a.learn(t, "completed|"+k, r.Completed, nil)
			for _, st := range r.Stages {
				sk := string(st.Stage) + "|" + k
				a.learn(t, "due|"+sk, st.Due, nil)
				a.learn(t, "responded|"+sk, st.Responded, nil)
				a.learn(t, "responded|"+sk, st.ResponseRate, n)
				for name, c := range map[string]report.Cell{"cooks": st.CooksForSelf, "travels": st.TravelsAlone, "community": st.CommunityParticipation, "occupied": st.EmployedOrStudying} {
					a.learn(t, name+"|"+sk, c, n)
				}
				if st.Compared != nil {
					a.learn(t, "pairs|"+sk, *st.Compared, nil)
					a.learn(t, "indepUp|"+sk, *st.IndependenceImproved, n)
					a.learn(t, "confUp|"+sk, *st.ConfidenceImproved, n)
					a.learn(t, "indepSum|"+sk, *st.IndependenceChange, n)
					a.learn(t, "confSum|"+sk, *st.ConfidenceChange, n)
				}
			}
		}
	}
	fy, err := s.Funding(report.ByFundingYear)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range fy.CostByYear {
		for m, cost := range map[string]report.Cell{"participants": c.PerParticipantKZT, "completed": c.PerCompleterKZT} {
			k := fmt.Sprintf("%s|year %d", m, c.Year)
			if cost.Value != nil {
				// The money is public: funding / cost is the count.
				v := math.Round(float64(c.FundingKZT) / *cost.Value)
				a.learn(t, k, report.Cell{Value: &v, N: cost.N}, nil)
			} else if cost.Suppressed {
				a.hidden[k] = true
			}
		}
	}
	h := s.Headline()
	a.learn(t, "participants|all", h.Participants, nil)
	a.learn(t, "completed|all", h.Completed, nil)
	a.learn(t, "indepUp|"+string(h.FollowUpStage)+"|all", h.IndependenceImproved, n)

	// The sums a reader can write down.
	measures := []string{"participants", "completed", "notCompleted"}
	stages := []string{"BASELINE", "COURSE_END", "MONTH_3", "MONTH_6", "MONTH_12"}
	for _, st := range stages {
		for _, m := range []string{"due", "notDue", "responded", "missing", "cooks", "travels", "community", "occupied", "-cooks", "-travels", "-community", "-occupied"} {
			measures = append(measures, m+"|"+st)
		}
		if st != "BASELINE" {
			for _, m := range []string{"pairs", "noBaseline", "noFollowUp", "indepUp", "indepNot", "confUp", "confNot", "indepSum", "confSum"} {
				measures = append(measures, m+"|"+st)
			}
		}
	}
	years, cities := map[string][]string{}, map[string][]string{}
	var all []string
	for _, c := range courses {
		k := groupKey(c)
		y, ci := fmt.Sprintf("year %d", *c.Year), "city "+*c.City
		years[y] = append(years[y], k)
		cities[ci] = append(cities[ci], k)
		all = append(all, k)
	}
	groups := []string{"all"}
	for y := range years {
		groups = append(groups, y)
	}
	for c := range cities {
		groups = append(groups, c)
	}
	groups = append(groups, all...)
	for _, m := range measures {
		across := func(total string, parts []string) {
			keys := make([]string, len(parts))
			for i, p := range parts {
				keys[i] = m + "|" + p
			}
			a.sum(m+"|"+total, keys...)
		}
		var ys, cs []string
		for y, parts := range years {
			across(y, parts)
			ys = append(ys, y)
		}
		for c, parts := range cities {
			across(c, parts)
			cs = append(cs, c)
		}
		across("all", ys)
		across("all", cs)
		across("all", all)
	}
	for _, g := range groups {
		a.sum("participants|"+g, "completed|"+g, "notCompleted|"+g)
		for _, st := range stages {
			k := st + "|" + g
			a.sum("completed|"+g, "due|"+k, "notDue|"+k)
			a.sum("due|"+k, "responded|"+k, "missing|"+k)
			for _, m := range []string{"cooks", "travels", "community", "occupied"} {
				a.sum("responded|"+k, m+"|"+k, "-"+m+"|"+k)
			}
			if st != "BASELINE" {
				a.sum("responded|"+k, "pairs|"+k, "noBaseline|"+k)
				a.sum("responded|BASELINE|"+g, "pairs|"+k, "noFollowUp|"+k)
				a.sum("pairs|"+k, "indepUp|"+k, "indepNot|"+k)
				a.sum("pairs|"+k, "confUp|"+k, "confNot|"+k)
			}
		}
	}
	return a.run()
}

// TestDifferencingFails: with every grouping of every report published
// at once, differencing recovers no hidden figure and no small group.
func TestDifferencingFails(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if leaks := attack(t, snapshot(t, f)); len(leaks) > 0 {
		t.Errorf("differencing found %d figures, e.g. %v", len(leaks), leaks[:min(5, len(leaks))])
	}
}

// TestDemoOutcomes checks the demo community's surveys through the
// reports: realistic (figures improve after the course, answers thin out
// over the year), and safe from differencing.
func TestDemoOutcomes(t *testing.T) {
	t.Parallel()
	db := testdb.Open(t)
	if _, err := seed.Demo(context.Background(), db.Client); err != nil {
		t.Fatal(err)
	}
	s, err := report.New(db.Client, report.Options{}).Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	o, _ := s.Outcomes(report.ByNone)
	val := func(what string, c report.Cell) float64 {
		t.Helper()
		if c.Suppressed || c.Value == nil {
			t.Fatalf("demo %s: %+v", what, c)
		}
		return *c.Value
	}
	var prevRate float64 = 2
	for i, st := range o.Total.Stages {
		rate := val(string(st.Stage)+" response rate", st.ResponseRate)
		if rate >= prevRate || rate < 0.3 {
			t.Errorf("%s response rate %.2f after %.2f: want fewer answers at each later stage", st.Stage, rate, prevRate)
		}
		prevRate = rate
		if i == 0 {
			continue
		}
		if ch := val(string(st.Stage)+" independence change", *st.IndependenceChange); ch <= 0.2 {
			t.Errorf("%s: independence change %.2f, want a clear improvement", st.Stage, ch)
		}
		base := o.Total.Stages[0]
		for name, pair := range map[string][2]report.Cell{
			"cooks":     {base.CooksForSelf, st.CooksForSelf},
			"travels":   {base.TravelsAlone, st.TravelsAlone},
			"community": {base.CommunityParticipation, st.CommunityParticipation},
		} {
			if before, after := val(name, pair[0]), val(name, pair[1]); after <= before {
				t.Errorf("%s at %s: %.2f after, %.2f before", name, st.Stage, after, before)
			}
		}
	}
	if leaks := attack(t, s); len(leaks) > 0 {
		t.Errorf("differencing found %d figures, e.g. %v", len(leaks), leaks[:min(5, len(leaks))])
	}
	for _, g := range []report.Grouping{report.ByYear, report.ByCohort} {
		r, _ := s.Reach(g)
		places, completed := 0, 0
		for _, row := range r.Rows {
			if !row.Participants.Suppressed {
				places++
			}
			if !row.Completed.Suppressed {
				completed++
			}
		}
		o, _ := s.Outcomes(g)
		rates, cooks := 0, 0
		for _, row := range o.Rows {
			if !row.Stages[1].ResponseRate.Suppressed {
				rates++
			}
			if !row.Stages[1].CooksForSelf.Suppressed {
				cooks++
			}
		}
		t.Logf("demo by %s: places shown in %d, completions in %d, COURSE_END response rates in %d, cooking in %d of %d rows",
			g, places, completed, rates, cooks, len(r.Rows))
	}
}
