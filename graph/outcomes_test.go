package graph_test

// Outcome surveys and the reports built on them (issue 6): who records
// and reads surveys, who reads which report, and that a partner reaches
// no survey answer and no hidden person through any path.

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/outcomesurvey"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/report"
	"github.com/shyraq/birge/seed"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

// ocDemo is the demo community with its surveys.
type ocDemo struct {
	db  *database.DB
	st  seed.Stats
	ctx context.Context // the system, for checks behind the API
}

func ocSeed(t *testing.T) *ocDemo {
	t.Helper()
	db := testdb.Open(t)
	st, err := seed.Demo(context.Background(), db.Client)
	if err != nil {
		t.Fatal(err)
	}
	return &ocDemo{db: db, st: st, ctx: viewer.SystemContext(context.Background())}
}

// account creates a sign-in of role for person (0 for none) and returns
// its viewer.
func (d *ocDemo) account(t *testing.T, email string, role account.Role, person int) viewer.Viewer {
	t.Helper()
	b := d.db.Client.Account.Create().SetEmail(email).SetPasswordHash("x").SetRole(role)
	if person != 0 {
		b.SetPersonID(person)
	}
	v := viewer.Viewer{Role: viewer.Role(role), PersonID: person}
	if role == account.RolePARTNER {
		b.SetOrganizationID(d.st.PartnerOrg)
		v.OrganizationID = d.st.PartnerOrg
	}
	a, err := b.Save(d.ctx)
	if err != nil {
		t.Fatal(err)
	}
	v.AccountID = a.ID
	return v
}

const ocReportsQuery = `query($g: ReportGrouping!, $f: FundingGrouping!) {
  impactHeadline { coursesRun participants { value n suppressed } }
  programReach(groupBy: $g) { rows { group { label } participants { value suppressed } } csv }
  outcomes(groupBy: $g) { total { stages { stage responseRate { value n suppressed } } } csv }
  fundingReport(groupBy: $f) { totalKzt costByYear { year perParticipantKzt { value suppressed } } csv }
}`

// TestReportAudience: the headline and the reach are public; outcomes and
// funding are for partners, staff and admins.
func TestReportAudience(t *testing.T) {
	d := ocSeed(t)
	partner := d.account(t, "p@example.org", account.RolePARTNER, d.st.DemoPartnerPerson)
	member := d.account(t, "m@example.org", account.RoleMEMBER, d.st.DemoAlumni[0])
	staff := d.account(t, "s@example.org", account.RoleSTAFF, d.st.DemoTrainer)
	public := `{ impactHeadline { coursesRun participants { value } } programReach(groupBy: YEAR) { rows { group { year } } } }`
	for _, c := range []struct {
		name string
		v    viewer.Viewer
		code string // of outcomes and fundingReport; "" for allowed
	}{
		{"visitor", viewer.Viewer{}, "UNAUTHENTICATED"},
		{"member", member, "FORBIDDEN"},
		{"partner", partner, ""},
		{"staff", staff, ""},
		{"admin", admin, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := newAPI(t, d.db, c.v)
			var pub struct {
				ImpactHeadline struct {
					CoursesRun   int
					Participants struct{ Value *float64 }
				}
				ProgramReach struct {
					Rows []struct{ Group struct{ Year int } }
				}
			}
			a.do(public, &pub)
			if pub.ImpactHeadline.CoursesRun < 12 || len(pub.ProgramReach.Rows) < 8 {
				t.Errorf("public reports: %+v", pub)
			}
			for _, q := range []string{`{ outcomes { total { completed { value } } } }`, `{ fundingReport { totalKzt } }`} {
				if c.code == "" {
					var out map[string]any
					a.do(q, &out)
					continue
				}
				a.failWith(c.code, q, nil)
			}
		})
	}
}

// TestReportsThroughGraphQL: the API returns the report package's figures,
// suppressed cells without numbers, and CSV with <5.
func TestReportsThroughGraphQL(t *testing.T) {
	d := ocSeed(t)
	a := newAPI(t, d.db, d.account(t, "p@example.org", account.RolePARTNER, d.st.DemoPartnerPerson))
	var out struct {
		ImpactHeadline struct {
			CoursesRun   int
			Participants report.Cell
		}
		ProgramReach struct {
			Rows []struct {
				Group        struct{ Label string }
				Participants report.Cell
			}
			CSV string
		}
		Outcomes struct {
			Total struct {
				Stages []struct {
					Stage        outcomesurvey.Stage
					ResponseRate report.Cell
				}
			}
			CSV string
		}
		FundingReport struct {
			TotalKzt   int64
			CostByYear []struct {
				Year              int
				PerParticipantKzt report.Cell
			}
			CSV string
		}
	}
	a.do(ocReportsQuery, &out, vars("g", "COHORT", "f", "YEAR")...)
	s, err := report.New(d.db.Client, report.Options{}).Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	h := s.Headline()
	if out.ImpactHeadline.CoursesRun != h.CoursesRun || *out.ImpactHeadline.Participants.Value != *h.Participants.Value {
		t.Errorf("headline %+v, want %+v", out.ImpactHeadline, h)
	}
	reach, _ := s.Reach(report.ByCohort)
	if len(out.ProgramReach.Rows) != len(reach.Rows) {
		t.Fatalf("%d reach rows, want %d", len(out.ProgramReach.Rows), len(reach.Rows))
	}
	suppressed := 0
	for i, r := range out.ProgramReach.Rows {
		want := reach.Rows[i].Participants
		if r.Participants.Suppressed != want.Suppressed || r.Group.Label != reach.Rows[i].Group.Label {
			t.Errorf("row %d: %+v, want %+v", i, r, reach.Rows[i])
		}
		if r.Participants.Suppressed {
			suppressed++
			if r.Participants.Value != nil || r.Participants.N != nil {
				t.Errorf("a suppressed cell carries a number: %+v", r.Participants)
			}
		}
	}
	if suppressed == 0 || !strings.Contains(out.ProgramReach.CSV, "<5") {
		t.Errorf("the demo's courses should show suppressed figures:\n%s", out.ProgramReach.CSV)
	}
	if len(out.Outcomes.Total.Stages) != 5 || out.Outcomes.Total.Stages[0].ResponseRate.Value == nil {
		t.Errorf("outcomes: %+v", out.Outcomes.Total)
	}
	if out.FundingReport.TotalKzt <= 0 || len(out.FundingReport.CostByYear) == 0 || !strings.HasPrefix(out.FundingReport.CSV, "year,amount_kzt,") {
		t.Errorf("funding: %+v", out.FundingReport)
	}
}

// TestPartnerReachesNoSurvey: a partner cannot reach a single survey
// answer, or a person hidden from partners, by any path: node and nodes,
// enrollments' surveys from courses, people and enrollment nodes, and the
// exports.
func TestPartnerReachesNoSurvey(t *testing.T) {
	d := ocSeed(t)
	c := d.db.Client
	partner := d.account(t, "p@example.org", account.RolePARTNER, d.st.DemoPartnerPerson)
	a := newAPI(t, d.db, partner, noCostLimit)

	surveys, err := c.OutcomeSurvey.Query().IDs(d.ctx)
	if err != nil || len(surveys) < 100 {
		t.Fatalf("the demo has %d surveys (%v)", len(surveys), err)
	}
	people, err := c.Person.Query().All(d.ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	var hidden []int
	profileShown := map[int]bool{} // people whose course history partners see
	for _, p := range people {
		if !p.VisibleToPartners && p.ID != d.st.DemoPartnerPerson {
			hidden = append(hidden, p.ID)
			names[p.GivenName+" "+p.FamilyName] = true
		}
		profileShown[p.ID] = p.VisibleToPartners && (p.ProfileVisibility == visibility.Public || p.ProfileVisibility == visibility.Community)
	}
	enrollments, err := c.Enrollment.Query().Where(enrollment.HasSurveys()).All(d.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var hiddenEnrollments, shownEnrollments []int
	for _, e := range enrollments {
		if profileShown[e.PersonID] {
			shownEnrollments = append(shownEnrollments, e.ID)
		} else {
			hiddenEnrollments = append(hiddenEnrollments, e.ID)
		}
	}
	if len(shownEnrollments) == 0 || len(hiddenEnrollments) == 0 {
		t.Fatalf("the demo should have surveyed enrollments partners see (%d) and do not see (%d)", len(shownEnrollments), len(hiddenEnrollments))
	}

	// node and nodes, on every survey, every hidden person and every
	// surveyed enrollment partners may not see: nothing comes back. The
	// enrollments they may see come back without surveys.
	nodes := func(ids []int, fields string, each func(id int, node json.RawMessage)) {
		t.Helper()
		for from := 0; from < len(ids); from += 100 {
			part := ids[from:min(from+100, len(ids))]
			gids := make([]string, len(part))
			for i, id := range part {
				gids[i] = gid(id)
			}
			data, _ := a.raw(`query($ids: [ID!]!) { nodes(ids: $ids) { id `+fields+` } }`, vars("ids", gids)...)
			var got struct{ Nodes []json.RawMessage }
			decode(t, data, &got)
			for i, n := range got.Nodes {
				each(part[i], n)
			}
		}
	}
	none := func(id int, n json.RawMessage) {
		if string(n) != "null" && len(n) > 0 {
			t.Errorf("nodes: %d reached: %s", id, n)
		}
	}
	nodes(surveys, "... on OutcomeSurvey { independence }", none)
	nodes(hidden, "... on Person { givenName }", none)
	nodes(hiddenEnrollments, "... on Enrollment { status }", none)
	nodes(shownEnrollments, "... on Enrollment { surveys { totalCount edges { node { id } } } }", func(id int, n json.RawMessage) {
		var e struct{ Surveys struct{ TotalCount int } }
		if err := json.Unmarshal(n, &e); err != nil || e.Surveys.TotalCount != 0 {
			t.Errorf("enrollment %d: surveys reached: %s", id, n)
		}
	})
	for _, id := range []int{surveys[0], surveys[len(surveys)-1], hiddenEnrollments[0]} {
		data, _ := a.raw(`query($id: ID!) { node(id: $id) { id ... on OutcomeSurvey { independence } } }`, vars("id", gid(id))...)
		var got struct{ Node json.RawMessage }
		decode(t, data, &got)
		if string(got.Node) != "null" && len(got.Node) > 0 {
			t.Errorf("node %d reached: %s", id, got.Node)
		}
	}

	// Edges: courses -> enrollments -> surveys, people -> enrollments ->
	// surveys. Enrollments of people who allowed partners are visible;
	// their surveys are not.
	type surveyEdges struct {
		TotalCount int
		Edges      []json.RawMessage
	}
	type enrollmentEdges struct {
		Edges []struct {
			Node struct {
				ID      string
				Surveys surveyEdges
			}
		}
	}
	visibleEnrollments := 0
	var cursor *string
	for page := 0; page < 10; page++ {
		var out struct {
			Cohorts struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
				Edges []struct {
					Node struct{ Enrollments enrollmentEdges }
				}
			}
		}
		a.do(`query($after: Cursor) { cohorts(first: 5, after: $after) {
		  pageInfo { hasNextPage endCursor }
		  edges { node { enrollments(first: 100) { edges { node { id
		    surveys(first: 100) { totalCount edges { node { id independence confidence occupation } } } } } } } } } }`,
			&out, vars("after", cursor)...)
		for _, co := range out.Cohorts.Edges {
			for _, e := range co.Node.Enrollments.Edges {
				visibleEnrollments++
				if e.Node.Surveys.TotalCount != 0 || len(e.Node.Surveys.Edges) != 0 {
					t.Errorf("enrollment %s: %d surveys reached through its course", e.Node.ID, e.Node.Surveys.TotalCount)
				}
			}
		}
		if !out.Cohorts.PageInfo.HasNextPage {
			break
		}
		cursor = out.Cohorts.PageInfo.EndCursor
	}
	if visibleEnrollments == 0 {
		t.Error("the partner should see the enrollments of people who allowed partners (else this test proves little)")
	}
	t.Logf("%d surveys, %d hidden people, %d hidden and %d visible surveyed enrollments; %d enrollments seen through courses, none with a survey",
		len(surveys), len(hidden), len(hiddenEnrollments), len(shownEnrollments), visibleEnrollments)
	var viaPeople struct {
		People struct {
			Edges []struct {
				Node struct {
					GivenName, FamilyName string
					Enrollments           enrollmentEdges
				}
			}
		}
	}
	a.do(`{ people(first: 100) { edges { node { givenName familyName enrollments(first: 10) { edges { node { id
	  surveys(first: 10) { totalCount edges { node { id } } } } } } } } } }`, &viaPeople)
	for _, p := range viaPeople.People.Edges {
		if names[p.Node.GivenName+" "+p.Node.FamilyName] {
			t.Errorf("hidden person %s %s listed", p.Node.GivenName, p.Node.FamilyName)
		}
		for _, e := range p.Node.Enrollments.Edges {
			if e.Node.Surveys.TotalCount != 0 {
				t.Errorf("enrollment %s: surveys reached through its person", e.Node.ID)
			}
		}
	}

	// The exports: every report's CSV, in every grouping, names no person
	// and holds only figures, "<5" or nothing beside its labels.
	for _, g := range []string{"NONE", "YEAR", "CITY", "COHORT"} {
		var out struct {
			ProgramReach struct{ CSV string }
			Outcomes     struct{ CSV string }
		}
		a.do(`query($g: ReportGrouping!) { programReach(groupBy: $g) { csv } outcomes(groupBy: $g) { csv } }`, &out, vars("g", g)...)
		for _, text := range []string{out.ProgramReach.CSV, out.Outcomes.CSV} {
			for name := range names {
				if strings.Contains(text, name) {
					t.Errorf("%s CSV names %s", g, name)
				}
			}
			for i, line := range strings.Split(strings.TrimSpace(text), "\n")[1:] {
				for _, f := range ocFields(line)[4:] {
					if !ocFigure(f) {
						t.Errorf("%s CSV line %d: %q is not a figure: %s", g, i+1, f, line)
					}
				}
			}
		}
	}
	// The person's own export is theirs alone: the partner's holds no
	// survey.
	var mine struct{ MyData string }
	a.do(`{ myData }`, &mine)
	if strings.Contains(mine.MyData, "independence") {
		t.Error("the partner's own data export holds survey answers")
	}
}

// ocFields splits a CSV line whose only quoted field is the first.
func ocFields(line string) []string {
	if strings.HasPrefix(line, `"`) {
		end := strings.Index(line[1:], `"`) + 1
		return append([]string{line[1:end]}, strings.Split(line[end+2:], ",")...)
	}
	return strings.Split(line, ",")
}

// ocFigure reports whether a CSV field is a figure: a number, "<5", a
// stage or empty.
func ocFigure(f string) bool {
	if f == "" || f == "<5" {
		return true
	}
	if _, err := fmt.Sscanf(f, "%g", new(float64)); err == nil {
		return true
	}
	return outcomesurvey.StageValidator(outcomesurvey.Stage(f)) == nil
}

// TestRecordOutcomeSurvey: staff record and correct surveys, with the
// time and account set by the server; the person reads their own; other
// members, partners and visitors neither write nor read them.
func TestRecordOutcomeSurvey(t *testing.T) {
	d := ocSeed(t)
	c := d.db.Client
	staff := d.account(t, "s@example.org", account.RoleSTAFF, d.st.DemoTrainer)
	alumna := d.st.DemoAlumni[0]
	member := d.account(t, "m@example.org", account.RoleMEMBER, alumna)
	peer := d.account(t, "peer@example.org", account.RoleMEMBER, d.st.DemoAlumni[1])
	partner := d.account(t, "p@example.org", account.RolePARTNER, d.st.DemoPartnerPerson)

	// A completed enrollment of the alumna without a MONTH_12 survey.
	e, err := c.Enrollment.Query().Where(enrollment.PersonID(alumna)).Only(d.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.OutcomeSurvey.Delete().Where(outcomesurvey.EnrollmentID(e.ID), outcomesurvey.StageEQ(outcomesurvey.StageMONTH_12)).Exec(d.ctx); err != nil {
		t.Fatal(err)
	}
	record := `mutation($in: CreateOutcomeSurveyInput!) { recordOutcomeSurvey(input: $in) {
	  id independence recordedAt recordedByID enrollment { id } } }`
	input := func(independence int) map[string]any {
		return map[string]any{
			"enrollmentID": gid(e.ID), "stage": "MONTH_12", "independence": independence, "confidence": 4,
			"cooksForSelf": true, "travelsAlone": false, "occupation": "STUDYING",
			"communityParticipation": true, "peersMet": 7, "assisted": true,
		}
	}
	newAPI(t, d.db, viewer.Viewer{}).failWith("UNAUTHENTICATED", record, nil, vars("in", input(4))...)
	newAPI(t, d.db, member).failWith("FORBIDDEN", record, nil, vars("in", input(4))...)
	newAPI(t, d.db, partner).failWith("FORBIDDEN", record, nil, vars("in", input(4))...)
	st := newAPI(t, d.db, staff)
	st.failWith("BAD_USER_INPUT", record, []string{"independence"}, vars("in", input(6))...)
	var out struct {
		RecordOutcomeSurvey struct {
			ID           string
			Independence int
			RecordedAt   string
			RecordedByID string
			Enrollment   struct{ ID string }
		}
	}
	st.do(record, &out, vars("in", input(4))...)
	got := out.RecordOutcomeSurvey
	if got.Independence != 4 || got.RecordedAt == "" || got.RecordedByID != gid(staff.AccountID) || got.Enrollment.ID != gid(e.ID) {
		t.Errorf("recorded: %+v", got)
	}
	st.failWith("BAD_USER_INPUT", record, nil, vars("in", input(3))...) // one survey per stage

	update := `mutation($id: ID!, $in: UpdateOutcomeSurveyInput!) { updateOutcomeSurvey(id: $id, input: $in) { independence } }`
	newAPI(t, d.db, member).failWith("FORBIDDEN", update, nil, vars("id", got.ID, "in", map[string]any{"independence": 1})...)
	var upd struct{ UpdateOutcomeSurvey struct{ Independence int } }
	st.do(update, &upd, vars("id", got.ID, "in", map[string]any{"independence": 5})...)
	if upd.UpdateOutcomeSurvey.Independence != 5 {
		t.Errorf("updated: %+v", upd)
	}

	// Reading: the alumna sees her surveys through her enrollment and by
	// node; a peer and a partner do not.
	own := `query($id: ID!) { node(id: $id) { ... on Enrollment { surveys { totalCount edges { node { stage independence } } } } } }`
	for _, c := range []struct {
		name string
		v    viewer.Viewer
		want bool
	}{{"herself", member, true}, {"a peer", peer, false}, {"a partner", partner, false}, {"staff", staff, true}} {
		data, _ := newAPI(t, d.db, c.v).raw(own, vars("id", gid(e.ID))...)
		var r struct {
			Node *struct {
				Surveys struct{ TotalCount int }
			}
		}
		decode(t, data, &r)
		n := 0
		if r.Node != nil {
			n = r.Node.Surveys.TotalCount
		}
		if (n > 0) != c.want {
			t.Errorf("%s sees %d of the alumna's surveys", c.name, n)
		}
		data, _ = newAPI(t, d.db, c.v).raw(`query($id: ID!) { node(id: $id) { ... on OutcomeSurvey { independence } } }`, vars("id", got.ID)...)
		var s struct{ Node json.RawMessage }
		decode(t, data, &s)
		if seen := len(s.Node) > 0 && string(s.Node) != "null"; seen != c.want {
			t.Errorf("%s: node of the survey = %s", c.name, s.Node)
		}
	}
}

// TestOutcomesAPIExamples runs the examples of docs/API.md ("Program
// outcomes") as a partner.
func TestOutcomesAPIExamples(t *testing.T) {
	d := ocSeed(t)
	a := newAPI(t, d.db, d.account(t, "p@example.org", account.RolePARTNER, d.st.DemoPartnerPerson))
	impact := `query ImpactPage {
  impactHeadline {
    coursesRun cities firstYear fundingKzt funders generatedAt
    participants { value suppressed }
    completed { value suppressed }
    followUpStage
    independenceImproved { value n suppressed }
    confidenceImproved { value n suppressed }
  }
  programReach(groupBy: YEAR) {
    rows {
      group { label year }
      coursesRun
      participants { value suppressed }
      completed { value suppressed }
      completionRate { value n suppressed }
    }
    total { coursesRun participants { value suppressed } completed { value suppressed } }
  }
}`
	dashboard := `fragment Figure on Cell { value n suppressed }

query Dashboard($groupBy: ReportGrouping!) {
  outcomes(groupBy: $groupBy) {
    generatedAt
    rows { ...OutcomeRowFields }
    total { ...OutcomeRowFields }
  }
  fundingReport(groupBy: FUNDER) {
    totalKzt
    rows { label funderID amountKzt grants }
    costByYear {
      year fundingKzt
      participants { ...Figure } completed { ...Figure }
      perParticipantKzt { ...Figure } perCompleterKzt { ...Figure }
    }
    perParticipantKzt { ...Figure }
  }
}

fragment OutcomeRowFields on OutcomeRow {
  group { label year city cohortID }
  completed { ...Figure }
  stages {
    stage
    due { ...Figure } responded { ...Figure } responseRate { ...Figure }
    cooksForSelf { ...Figure } travelsAlone { ...Figure }
    communityParticipation { ...Figure } employedOrStudying { ...Figure }
    compared { ...Figure }
    independenceImproved { ...Figure } independenceChange { ...Figure }
    confidenceImproved { ...Figure } confidenceChange { ...Figure }
  }
}`
	for _, q := range []struct {
		query string
		opts  []any
	}{
		{impact, nil},
		{dashboard, []any{"groupBy", "COHORT"}},
		{`query { outcomes(groupBy: YEAR) { csv } }`, nil},
		{`query { programReach(groupBy: COHORT) { csv } }`, nil},
		{`query { fundingReport(groupBy: YEAR) { csv } }`, nil},
	} {
		data, errs := a.raw(q.query, vars(q.opts...)...)
		if len(errs) > 0 {
			t.Errorf("%v\n%s", errs, q.query)
		}
		if testing.Verbose() {
			b, _ := json.MarshalIndent(data, "", " ")
			t.Logf("%.1500s", b)
		}
	}
}
