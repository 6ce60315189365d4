package report_test

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/shyraq/birge/ent/outcomesurvey"
	"github.com/shyraq/birge/report"
)

func snapshot(t *testing.T, f *fixture) *report.Snapshot {
	t.Helper()
	s, err := report.New(f.client, report.Options{}).Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// is checks a shown cell's value.
func is(t *testing.T, what string, c report.Cell, want float64) {
	t.Helper()
	switch {
	case c.Suppressed:
		t.Errorf("%s is suppressed, want %v", what, want)
	case c.Value == nil:
		t.Errorf("%s has no value, want %v", what, want)
	case math.Abs(*c.Value-want) > 1e-9:
		t.Errorf("%s = %v, want %v", what, *c.Value, want)
	}
}

func hidden(t *testing.T, what string, c report.Cell) {
	t.Helper()
	if !c.Suppressed || c.Value != nil || c.N != nil {
		t.Errorf("%s should be suppressed with no number, got %+v", what, c)
	}
}

// empty checks a cell about no one: shown, n = 0, no value.
func empty(t *testing.T, what string, c report.Cell) {
	t.Helper()
	if c.Suppressed || c.Value != nil || c.N == nil || *c.N != 0 {
		t.Errorf("%s should be an empty cell, got %+v", what, c)
	}
}

func rowOf[R any](t *testing.T, rows []R, label func(R) string, want string) R {
	t.Helper()
	for _, r := range rows {
		if label(r) == want {
			return r
		}
	}
	t.Fatalf("no row %q", want)
	var zero R
	return zero
}

func reachRow(t *testing.T, r *report.Reach, label string) report.ReachRow {
	t.Helper()
	return rowOf(t, r.Rows, func(x report.ReachRow) string { return x.Group.Label }, label)
}

func TestReach(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := snapshot(t, f)

	all, err := s.Reach(report.ByNone)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Rows) != 0 {
		t.Errorf("NONE has %d rows, want only the total", len(all.Rows))
	}
	if all.Total.CoursesRun != 6 {
		t.Errorf("courses run = %d, want 6 (not the open or the cancelled one)", all.Total.CoursesRun)
	}
	is(t, "participants", all.Total.Participants, 29)
	is(t, "completed", all.Total.Completed, 24)
	is(t, "completion rate", all.Total.CompletionRate, 24.0/29)

	byCourse, _ := s.Reach(report.ByCohort)
	if len(byCourse.Rows) != 6 {
		t.Fatalf("%d course rows, want 6", len(byCourse.Rows))
	}
	hidden(t, "B (4 people)", reachRow(t, byCourse, "Almaty, autumn 2019").Participants)
	hidden(t, "H (3 people)", reachRow(t, byCourse, "Almaty, autumn 2022").Participants)
	// A (8 people) and the 2019 row of the by-year report (12 = 8 + B)
	// would give B away together: one of them is hidden too.
	byYear, _ := s.Reach(report.ByYear)
	if !reachRow(t, byCourse, "Almaty, spring 2019").Participants.Suppressed && !reachRow(t, byYear, "2019").Participants.Suppressed {
		t.Error("2019 - A = B")
	}
	// D: 7 places, 6 completed, 1 withdrew: the rate and one count hidden.
	d := reachRow(t, byCourse, "Ust-Kamenogorsk, autumn 2021")
	hidden(t, "D completion rate", d.CompletionRate)
	if !d.Completed.Suppressed && !d.Participants.Suppressed {
		t.Error("D: 7 places - 6 completed = 1 withdrew")
	}
	e := reachRow(t, byCourse, "Almaty, spring 2023")
	is(t, "E participants (0 is shown)", e.Participants, 0)
	empty(t, "E completion rate", e.CompletionRate)
	if e.Group.CohortID == nil || *e.Group.CohortID != f.ids["E"] || *e.Group.Year != 2023 || *e.Group.City != "Almaty" {
		t.Errorf("course group: %+v", e.Group)
	}

	if len(byYear.Rows) != 4 {
		t.Fatalf("%d year rows, want 4 (2019, 2021, 2022, 2023)", len(byYear.Rows))
	}
	hidden(t, "2022 (3 people)", reachRow(t, byYear, "2022").Participants)
	is(t, "2023", reachRow(t, byYear, "2023").Participants, 0)
	// 2022 hidden alone would be 29 - 12 - 14 - 0: one more year goes.
	shownYears := 0
	for _, y := range []struct {
		label string
		n     float64
	}{{"2019", 12}, {"2021", 14}} {
		if c := reachRow(t, byYear, y.label).Participants; !c.Suppressed {
			shownYears++
			is(t, y.label, c, y.n)
		}
	}
	if shownYears == 2 {
		t.Error("2022 can be computed from the total and the other years")
	}

	byCity, _ := s.Reach(report.ByCity)
	if len(byCity.Rows) != 2 || byCity.Rows[0].Group.Label != "Almaty" {
		t.Fatalf("city rows: %+v", byCity.Rows)
	}
	if c := byCity.Rows[0].CoursesRun; c != 5 {
		t.Errorf("Almaty courses = %d, want 5", c)
	}
}

func TestOutcomes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := snapshot(t, f)
	o, err := s.Outcomes(report.ByNone)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Total.Stages) != 5 {
		t.Fatalf("%d stages", len(o.Total.Stages))
	}
	is(t, "completed", o.Total.Completed, 24)
	base, end, m3, m6 := o.Total.Stages[0], o.Total.Stages[1], o.Total.Stages[2], o.Total.Stages[3]
	if base.Stage != outcomesurvey.StageBASELINE || end.Stage != outcomesurvey.StageCOURSE_END {
		t.Fatalf("stages out of order: %v %v", base.Stage, end.Stage)
	}
	// Before: everyone who completed answered at BASELINE (D's withdrawn
	// participant is not counted).
	is(t, "baseline responded", base.Responded, 24)
	is(t, "baseline response rate", base.ResponseRate, 1)
	is(t, "baseline cooks", base.CooksForSelf, 7.0/24)
	is(t, "baseline travels (a share of 0)", base.TravelsAlone, 0)
	is(t, "baseline community", base.CommunityParticipation, 5.0/24)
	is(t, "baseline occupied", base.EmployedOrStudying, 6.0/24)
	if base.Compared != nil || base.IndependenceChange != nil {
		t.Error("BASELINE has change figures")
	}
	// After.
	is(t, "end responded", end.Responded, 24)
	is(t, "end cooks", end.CooksForSelf, 13.0/24)
	is(t, "end travels", end.TravelsAlone, 11.0/24)
	is(t, "end community (100%)", end.CommunityParticipation, 1)
	is(t, "end occupied", end.EmployedOrStudying, 6.0/24)
	is(t, "compared", *end.Compared, 24)
	is(t, "independence improved", *end.IndependenceImproved, 15.0/24)
	is(t, "independence change", *end.IndependenceChange, 17.0/24)
	is(t, "confidence improved", *end.ConfidenceImproved, 1)
	is(t, "confidence change", *end.ConfidenceChange, 1)
	// Only course A answered at MONTH_3: the overall figure is A's, and
	// A's 5 of 6 is hidden (1 did not answer), so the overall is too.
	hidden(t, "MONTH_3 responded", m3.Responded)
	hidden(t, "MONTH_3 response rate", m3.ResponseRate)
	hidden(t, "MONTH_3 independence improved", *m3.IndependenceImproved)
	// Nobody answered at MONTH_6: 0 of 24, and shares of nobody.
	is(t, "MONTH_6 responded", m6.Responded, 0)
	is(t, "MONTH_6 response rate", m6.ResponseRate, 0)
	empty(t, "MONTH_6 cooks", m6.CooksForSelf)
	empty(t, "MONTH_6 change", *m6.IndependenceChange)

	byCourse, _ := s.Outcomes(report.ByCohort)
	for _, r := range byCourse.Rows {
		if r.Group.Label == "Almaty, autumn 2019" {
			for _, st := range r.Stages[:2] {
				hidden(t, "B "+string(st.Stage)+" responded", st.Responded)
				hidden(t, "B "+string(st.Stage)+" cooks", st.CooksForSelf)
			}
		}
	}
	if _, err := s.Outcomes("WEEKDAY"); err == nil {
		t.Error("an unknown grouping was accepted")
	}
}

func TestFunding(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := snapshot(t, f)
	byFunder, err := s.Funding(report.ByFunder)
	if err != nil {
		t.Fatal(err)
	}
	if byFunder.TotalKZT != 14_300_000 {
		t.Errorf("total = %d", byFunder.TotalKZT)
	}
	if len(byFunder.Rows) != 2 || byFunder.Rows[0].Label != "City of Almaty" || byFunder.Rows[0].AmountKZT != 10_800_000 ||
		byFunder.Rows[0].Grants != 4 || byFunder.Rows[1].AmountKZT != 3_500_000 || byFunder.Rows[1].FunderID == nil {
		t.Errorf("by funder: %+v", byFunder.Rows)
	}
	byPurpose, _ := s.Funding(report.ByPurpose)
	want := map[string]int64{"Venue rent": 10_800_000, "Travel": 2_000_000, "Art materials": 1_500_000}
	for _, r := range byPurpose.Rows {
		if want[r.Label] != r.AmountKZT {
			t.Errorf("purpose %q = %d, want %d", r.Label, r.AmountKZT, want[r.Label])
		}
		delete(want, r.Label)
	}
	if len(want) > 0 {
		t.Errorf("missing purposes %v", want)
	}
	byYear, _ := s.Funding(report.ByFundingYear)
	var years []int
	for _, r := range byYear.Rows {
		years = append(years, *r.Year)
	}
	if len(years) != 5 || years[0] != 2019 || years[4] != 2024 {
		t.Errorf("years %v", years)
	}
	costs := map[int]report.YearCost{}
	for _, c := range byYear.CostByYear {
		costs[c.Year] = c
	}
	if len(costs) != 5 {
		t.Fatalf("cost years: %+v", byYear.CostByYear)
	}
	// 2022: 3 participants; the cost (3,200,000 / 3) would give them away.
	hidden(t, "2022 cost", costs[2022].PerParticipantKZT)
	hidden(t, "2022 participants", costs[2022].Participants)
	empty(t, "2023 cost (no participants)", costs[2023].PerParticipantKZT)
	empty(t, "2024 cost (no course)", costs[2024].PerParticipantKZT)
	if c := costs[2021]; !c.PerParticipantKZT.Suppressed {
		is(t, "2021 cost", c.PerParticipantKZT, 5_600_000.0/14)
	}
	if c := costs[2021]; !c.PerCompleterKZT.Suppressed {
		is(t, "2021 cost per completer", c.PerCompleterKZT, 5_600_000.0/11)
	}
	// Hidden exactly when the same year's reach is hidden.
	reach, _ := s.Reach(report.ByYear)
	for _, r := range reach.Rows {
		c := costs[*r.Group.Year]
		if c.PerParticipantKZT.Suppressed != r.Participants.Suppressed || c.PerCompleterKZT.Suppressed != r.Completed.Suppressed {
			t.Errorf("%d: costs and counts disagree on suppression", *r.Group.Year)
		}
	}
	is(t, "overall cost", byYear.PerParticipantKZT, 14_300_000.0/29)
	is(t, "overall cost per completer", byYear.PerCompleterKZT, 14_300_000.0/24)
	if _, err := s.Funding("COLOUR"); err == nil {
		t.Error("an unknown grouping was accepted")
	}
}

func TestHeadline(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h := snapshot(t, f).Headline()
	if h.CoursesRun != 6 || h.Cities != 2 || h.FirstYear == nil || *h.FirstYear != 2019 || h.Funders != 2 || h.FundingKZT != 14_300_000 {
		t.Errorf("headline: %+v", h)
	}
	is(t, "participants", h.Participants, 29)
	is(t, "completed", h.Completed, 24)
	if h.FollowUpStage != outcomesurvey.StageMONTH_6 {
		t.Errorf("stage %v", h.FollowUpStage)
	}
	empty(t, "nobody answered at MONTH_6", h.IndependenceImproved)
}

func TestCSV(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := snapshot(t, f)
	reach, _ := s.Reach(report.ByCohort)
	text, err := reach.CSV()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if lines[0] != "group,year,city,cohort_id,courses_run,participants,completed,completion_rate" {
		t.Errorf("header %q", lines[0])
	}
	if len(lines) != 1+6+1 {
		t.Errorf("%d lines, want header, 6 courses and the total:\n%s", len(lines), text)
	}
	if !strings.Contains(text, "Almaty, autumn 2019\",2019,Almaty,") || !strings.Contains(text, ",<5,<5,<5") {
		t.Errorf("B should be written with <5:\n%s", text)
	}
	if !strings.Contains(text, "\nall,,,,6,29,24,0.828\n") {
		t.Errorf("total row:\n%s", text)
	}
	o, _ := s.Outcomes(report.ByYear)
	text, _ = o.CSV()
	if strings.Count(text, "\n") != 1+5*5 {
		t.Errorf("outcomes by year: want a line per year and stage and the total's 5:\n%s", text)
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "all,,,,COURSE_END,") {
			if want := "all,,,,COURSE_END,24,24,24,1.000,0.542,0.458,1.000,0.250,24,0.625,0.71,1.000,1.00"; line != want {
				t.Errorf("total at COURSE_END:\n got %s\nwant %s", line, want)
			}
		}
	}
	fy, _ := s.Funding(report.ByFundingYear)
	text, _ = fy.CSV()
	if !strings.Contains(text, "2022,3200000,1,<5,<5,<5,<5") {
		t.Errorf("funding by year:\n%s", text)
	}
}

// TestStatementCount: one snapshot is six statements, however many
// courses and surveys there are.
func TestStatementCount(t *testing.T) {
	t.Parallel()
	client, plain, counter := countedClient(t)
	s := report.New(client, report.Options{})
	if _, err := s.Snapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := counter.n.Load(); n > 6 {
		t.Errorf("an empty database took %d statements, want at most 6", n)
	}
	fillCounted(t, plain)
	counter.n.Store(0)
	if _, err := s.Snapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := counter.n.Load(); n != 6 {
		t.Errorf("a snapshot took %d statements, want 6", n)
	}
}

func TestServiceServesSnapshots(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	now := time.Date(2026, 11, 16, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	s := report.New(f.client, report.Options{MaxAge: time.Minute, Now: clock})
	first, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	again, _ := s.Snapshot(context.Background())
	if again != first {
		t.Error("a fresh snapshot was computed again")
	}
	now = now.Add(2 * time.Minute)
	stale, _ := s.Snapshot(context.Background())
	if stale != first {
		t.Error("a stale snapshot should be served while the next is computed")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		next, _ := s.Snapshot(context.Background())
		if next != first {
			if !next.GeneratedAt.Equal(now) {
				t.Errorf("new snapshot generated at %v", next.GeneratedAt)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the snapshot was never refreshed")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestCSVFormulas: labels typed by staff (purposes, course names) are
// never read as spreadsheet formulas.
func TestCSVFormulas(t *testing.T) {
	t.Parallel()
	purpose := "=HYPERLINK(\"http://example.org\")"
	f := &report.Funding{GroupBy: report.ByPurpose, Rows: []report.FundingRow{{Label: purpose, Purpose: &purpose, AmountKZT: 5, Grants: 1}}, TotalKZT: 5}
	text, err := f.CSV()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, `"'=HYPERLINK(""http://example.org"")",,5,1`) {
		t.Errorf("formula not neutralized:\n%s", text)
	}
}
