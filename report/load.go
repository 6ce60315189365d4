package report

import (
	"context"
	"fmt"
	"time"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/funding"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/ent/outcomesurvey"
	"github.com/shyraq/birge/viewer"
)

// The counts kept per course, in a fixed layout: the reach counts, then
// one block per stage. Every count has its complement beside it, so that
// a small complement ("2 did not answer") is suppressed like any count.
const (
	mParticipants = iota // enrollments ENROLLED, COMPLETED or WITHDRAWN
	mCompleted
	mNotCompleted
	mStages // first stage block
)

// The four yes/no indicators.
const (
	iCooks = iota
	iTravels
	iCommunity
	iOccupied // employed or studying
	nIndicators
)

// A stage block.
const (
	sDue        = 0                  // completed enrollments whose stage has come
	sNotDue     = 1                  // completed enrollments whose stage is still ahead
	sResponded  = 2                  // due enrollments with a survey at the stage
	sMissing    = 3                  // due enrollments without one
	sYes        = 4                  // sYes+i: respondents answering yes to indicator i
	sNo         = sYes + nIndicators // sNo+i: respondents answering no
	sPairs      = sNo + nIndicators  // follow-ups: respondents who also answered at BASELINE
	sNoBaseline = sPairs + 1         // respondents without a BASELINE survey
	sNoFollowUp = sPairs + 2         // BASELINE respondents without a survey at this stage
	sIndepUp    = sPairs + 3         // pairs whose independence went up
	sIndepNot   = sPairs + 4
	sConfUp     = sPairs + 5 // pairs whose confidence went up
	sConfNot    = sPairs + 6
	stageWidth  = sPairs + 7
)

// nMeasures is the number of counts per course or group.
var nMeasures = mStages + len(Stages)*stageWidth

// at is the index of count s of stage st.
func at(st, s int) int { return mStages + st*stageWidth + s }

// The sums behind means, per stage: the total change in independence and
// in confidence over the stage's pairs.
func sumIndep(st int) int { return 2 * st }
func sumConf(st int) int  { return 2*st + 1 }

// course is one course that ran, with its counts.
type course struct {
	id         int
	name, city string
	year       int
	due        []bool // by stage: whether the stage has come
	counts     []int
	sums       []int
}

// DueAfter is when stage st comes for a course that runs from start to
// end: the start for BASELINE, the end for COURSE_END, and 3, 6 and 12
// months after the end for the follow-ups. The reports count a stage as
// due from then; the seeds date their surveys from it.
func DueAfter(st outcomesurvey.Stage, start, end time.Time) time.Time {
	switch st {
	case outcomesurvey.StageBASELINE:
		return start
	case outcomesurvey.StageMONTH_3:
		return end.AddDate(0, 3, 0)
	case outcomesurvey.StageMONTH_6:
		return end.AddDate(0, 6, 0)
	case outcomesurvey.StageMONTH_12:
		return end.AddDate(1, 0, 0)
	}
	return end
}

// fundingRow is the money of one funder for one year and purpose.
type fundingRow struct {
	funderID  int
	funder    string
	year      int
	purpose   string
	amountKZT int64
	grants    int
}

type data struct {
	courses  []*course
	fundings []fundingRow
}

// The survey statements are plain SQL: the join of a follow-up to its
// baseline is beyond ent's aggregate builder. They return sums per course
// and stage, and read only completed enrollments.
const (
	stageSQL = `SELECT e.cohort_id, s.stage, COUNT(*),
  SUM(CASE WHEN s.cooks_for_self THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.travels_alone THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.community_participation THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.occupation IN ('EMPLOYED', 'STUDYING') THEN 1 ELSE 0 END)
FROM outcome_surveys s
JOIN enrollments e ON e.id = s.enrollment_id
WHERE e.status = 'COMPLETED'
GROUP BY e.cohort_id, s.stage`

	pairSQL = `SELECT e.cohort_id, s.stage, COUNT(*),
  SUM(CASE WHEN s.independence > b.independence THEN 1 ELSE 0 END),
  SUM(s.independence - b.independence),
  SUM(CASE WHEN s.confidence > b.confidence THEN 1 ELSE 0 END),
  SUM(s.confidence - b.confidence)
FROM outcome_surveys s
JOIN outcome_surveys b ON b.enrollment_id = s.enrollment_id AND b.stage = 'BASELINE'
JOIN enrollments e ON e.id = s.enrollment_id
WHERE s.stage <> 'BASELINE' AND e.status = 'COMPLETED'
GROUP BY e.cohort_id, s.stage`
)

// load reads the per-course sums and the fundings: six statements,
// whatever the size of the data. A stage counts for a course once it has
// come by now; surveys recorded ahead of it are left out.
func load(ctx context.Context, client *ent.Client, now time.Time) (*data, error) {
	// The reports count everyone; only sums leave this function.
	ctx = viewer.SystemContext(ctx)
	cohorts, err := client.Cohort.Query().
		Where(cohort.StatusIn(cohort.StatusRUNNING, cohort.StatusCOMPLETED)).
		Order(ent.Asc(cohort.FieldStartDate), ent.Asc(cohort.FieldID)).
		Select(cohort.FieldID, cohort.FieldName, cohort.FieldCity, cohort.FieldStartDate, cohort.FieldEndDate).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("courses: %w", err)
	}
	d := &data{}
	byID := map[int]*course{}
	for _, c := range cohorts {
		x := &course{
			id: c.ID, name: c.Name, city: c.City, year: c.StartDate.In(time.UTC).Year(),
			counts: make([]int, nMeasures), sums: make([]int, 2*len(Stages)),
		}
		for _, st := range Stages {
			x.due = append(x.due, !now.Before(DueAfter(st, c.StartDate, c.EndDate)))
		}
		d.courses = append(d.courses, x)
		byID[c.ID] = x
	}

	var places []struct {
		CohortID int               `json:"cohort_id"`
		Status   enrollment.Status `json:"status"`
		Count    int               `json:"places"`
	}
	err = client.Enrollment.Query().
		Where(enrollment.StatusNEQ(enrollment.StatusAPPLIED)).
		GroupBy(enrollment.FieldCohortID, enrollment.FieldStatus).
		Aggregate(ent.As(ent.Count(), "places")).
		Scan(ctx, &places)
	if err != nil {
		return nil, fmt.Errorf("participants: %w", err)
	}
	for _, p := range places {
		c := byID[p.CohortID]
		if c == nil {
			continue
		}
		c.counts[mParticipants] += p.Count
		if p.Status == enrollment.StatusCOMPLETED {
			c.counts[mCompleted] += p.Count
		} else {
			c.counts[mNotCompleted] += p.Count
		}
	}

	if err := scanRows(ctx, client, stageSQL, func(c *course, st int, v []int64) {
		c.counts[at(st, sResponded)] = int(v[0])
		for i := range nIndicators {
			c.counts[at(st, sYes+i)] = int(v[1+i])
		}
	}, byID, 5); err != nil {
		return nil, fmt.Errorf("survey answers: %w", err)
	}
	if err := scanRows(ctx, client, pairSQL, func(c *course, st int, v []int64) {
		c.counts[at(st, sPairs)] = int(v[0])
		c.counts[at(st, sIndepUp)] = int(v[1])
		c.sums[sumIndep(st)] = int(v[2])
		c.counts[at(st, sConfUp)] = int(v[3])
		c.sums[sumConf(st)] = int(v[4])
	}, byID, 5); err != nil {
		return nil, fmt.Errorf("survey changes: %w", err)
	}
	for _, c := range d.courses {
		complete(c)
	}

	if d.fundings, err = loadFundings(ctx, client); err != nil {
		return nil, err
	}
	return d, nil
}

// complete fills in the complements of the counts read.
func complete(c *course) {
	v := c.counts
	base := 0 // BASELINE's index in Stages
	for st := range Stages {
		if c.due[st] {
			v[at(st, sDue)] = v[mCompleted]
		}
		v[at(st, sNotDue)] = v[mCompleted] - v[at(st, sDue)]
		v[at(st, sMissing)] = v[at(st, sDue)] - v[at(st, sResponded)]
		for i := range nIndicators {
			v[at(st, sNo+i)] = v[at(st, sResponded)] - v[at(st, sYes+i)]
		}
		if st == base {
			continue
		}
		v[at(st, sNoBaseline)] = v[at(st, sResponded)] - v[at(st, sPairs)]
		v[at(st, sNoFollowUp)] = v[at(base, sResponded)] - v[at(st, sPairs)]
		v[at(st, sIndepNot)] = v[at(st, sPairs)] - v[at(st, sIndepUp)]
		v[at(st, sConfNot)] = v[at(st, sPairs)] - v[at(st, sConfUp)]
	}
}

// scanRows runs one of the survey statements, whose rows are a course ID,
// a stage and n sums, and hands each row of a known course to f.
func scanRows(ctx context.Context, client *ent.Client, query string, f func(*course, int, []int64), byID map[int]*course, n int) error {
	rows, err := client.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	stage := map[outcomesurvey.Stage]int{}
	for i, s := range Stages {
		stage[s] = i
	}
	v := make([]int64, n)
	dest := make([]any, n+2)
	var id int
	var st string
	dest[0], dest[1] = &id, &st
	for i := range v {
		dest[i+2] = &v[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		c := byID[id]
		i, ok := stage[outcomesurvey.Stage(st)]
		if c == nil || !ok || !c.due[i] {
			continue
		}
		f(c, i, v)
	}
	return rows.Err()
}

// loadFundings sums the fundings by funder, year and purpose, with the
// funders' names. Money is about organizations, not people: it needs no
// suppression.
func loadFundings(ctx context.Context, client *ent.Client) ([]fundingRow, error) {
	var sums []struct {
		FunderID int    `json:"funder_id"`
		Year     int    `json:"year"`
		Purpose  string `json:"purpose"`
		Amount   int64  `json:"amount"`
		Grants   int    `json:"grants"`
	}
	err := client.Funding.Query().
		GroupBy(funding.FieldFunderID, funding.FieldYear, funding.FieldPurpose).
		Aggregate(ent.As(ent.Sum(funding.FieldAmountKzt), "amount"), ent.As(ent.Count(), "grants")).
		Scan(ctx, &sums)
	if err != nil {
		return nil, fmt.Errorf("fundings: %w", err)
	}
	if len(sums) == 0 {
		return nil, nil
	}
	ids := make([]int, 0, len(sums))
	for _, s := range sums {
		ids = append(ids, s.FunderID)
	}
	orgs, err := client.Organization.Query().
		Where(organization.IDIn(ids...)).
		Select(organization.FieldID, organization.FieldName).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("funders: %w", err)
	}
	names := map[int]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	out := make([]fundingRow, len(sums))
	for i, s := range sums {
		out[i] = fundingRow{
			funderID: s.FunderID, funder: names[s.FunderID], year: s.Year,
			purpose: s.Purpose, amountKZT: s.Amount, grants: s.Grants,
		}
	}
	return out, nil
}
