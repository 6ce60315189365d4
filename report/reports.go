package report

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shyraq/birge/ent/outcomesurvey"
)

// Reach is how many courses ran, and how many took part and completed.
type Reach struct {
	GroupBy     Grouping
	Rows        []ReachRow
	Total       ReachRow
	GeneratedAt time.Time
}

// ReachRow is the reach of one group.
type ReachRow struct {
	Group          Group
	CoursesRun     int  // courses are public: not suppressed
	Participants   Cell // places taken (ENROLLED, COMPLETED, WITHDRAWN)
	Completed      Cell
	CompletionRate Cell // Completed / Participants
}

// Reach returns the reach report grouped by g.
func (s *Snapshot) Reach(g Grouping) (*Reach, error) {
	if err := groupingOf(g); err != nil {
		return nil, err
	}
	row := func(x *group) ReachRow {
		return ReachRow{
			Group:          x.Group,
			CoursesRun:     x.courses,
			Participants:   s.count(x, mParticipants),
			Completed:      s.count(x, mCompleted),
			CompletionRate: s.share(x, mCompleted, mParticipants),
		}
	}
	r := &Reach{GroupBy: g, Total: row(s.all), GeneratedAt: s.GeneratedAt, Rows: []ReachRow{}}
	for _, x := range s.groups(g) {
		r.Rows = append(r.Rows, row(x))
	}
	return r, nil
}

// Outcomes is the survey results: response rates and indicators at each
// stage, and the change since BASELINE at each follow-up.
type Outcomes struct {
	GroupBy     Grouping
	Rows        []OutcomeRow
	Total       OutcomeRow
	GeneratedAt time.Time
}

// OutcomeRow is the outcomes of one group.
type OutcomeRow struct {
	Group     Group
	Completed Cell // completed enrollments
	Stages    []StageOutcome
}

// StageOutcome is one group's results at one stage.
type StageOutcome struct {
	Stage        outcomesurvey.Stage
	Due          Cell // completed enrollments whose stage has come
	Responded    Cell // due enrollments with a survey at this stage
	ResponseRate Cell // Responded / Due
	// Shares of those who responded at this stage.
	CooksForSelf           Cell
	TravelsAlone           Cell
	CommunityParticipation Cell
	EmployedOrStudying     Cell
	// Follow-up stages only (nil at BASELINE): those who answered at
	// BASELINE and at this stage, the share of them whose rating went
	// up, and the mean change of the rating (-4 to +4).
	Compared             *Cell
	IndependenceImproved *Cell
	IndependenceChange   *Cell
	ConfidenceImproved   *Cell
	ConfidenceChange     *Cell
}

// Outcomes returns the outcomes report grouped by g.
func (s *Snapshot) Outcomes(g Grouping) (*Outcomes, error) {
	if err := groupingOf(g); err != nil {
		return nil, err
	}
	o := &Outcomes{GroupBy: g, Total: s.outcomeRow(s.all), GeneratedAt: s.GeneratedAt, Rows: []OutcomeRow{}}
	for _, x := range s.groups(g) {
		o.Rows = append(o.Rows, s.outcomeRow(x))
	}
	return o, nil
}

func (s *Snapshot) outcomeRow(x *group) OutcomeRow {
	r := OutcomeRow{Group: x.Group, Completed: s.count(x, mCompleted)}
	for st, stage := range Stages {
		responded := at(st, sResponded)
		so := StageOutcome{
			Stage:                  stage,
			Due:                    s.count(x, at(st, sDue)),
			Responded:              s.count(x, responded),
			ResponseRate:           s.share(x, responded, at(st, sDue)),
			CooksForSelf:           s.share(x, at(st, sYes+iCooks), responded),
			TravelsAlone:           s.share(x, at(st, sYes+iTravels), responded),
			CommunityParticipation: s.share(x, at(st, sYes+iCommunity), responded),
			EmployedOrStudying:     s.share(x, at(st, sYes+iOccupied), responded),
		}
		if st > 0 {
			pairs := at(st, sPairs)
			cell := func(c Cell) *Cell { return &c }
			so.Compared = cell(s.count(x, pairs))
			so.IndependenceImproved = cell(s.share(x, at(st, sIndepUp), pairs))
			so.IndependenceChange = cell(s.mean(x, sumIndep(st), pairs))
			so.ConfidenceImproved = cell(s.share(x, at(st, sConfUp), pairs))
			so.ConfidenceChange = cell(s.mean(x, sumConf(st), pairs))
		}
		r.Stages = append(r.Stages, so)
	}
	return r
}

// FundingGrouping is how the funding report breaks money down.
type FundingGrouping string

// The funding groupings.
const (
	ByFunder  FundingGrouping = "FUNDER"
	ByPurpose FundingGrouping = "PURPOSE"
	// ByFundingYear groups money by the year it was given for.
	ByFundingYear FundingGrouping = "YEAR"
)

// Funding is where the money came from and what it paid for, and the
// cost per participant by year.
type Funding struct {
	GroupBy  FundingGrouping
	Rows     []FundingRow
	TotalKZT int64
	// CostByYear is, for each year with money or courses, the
	// year's funding over the year's participants and completers.
	CostByYear []YearCost
	// PerParticipantKZT and PerCompleterKZT divide all funding by all
	// participants and all completers.
	PerParticipantKZT Cell
	PerCompleterKZT   Cell
	GeneratedAt       time.Time
}

// FundingRow is the money of one funder, year or purpose.
type FundingRow struct {
	Label     string
	FunderID  *int
	Year      *int
	Purpose   *string
	AmountKZT int64
	Grants    int // number of fundings
}

// YearCost is one year's cost per participant and per completer. Each
// is suppressed exactly when the count it divides by is: the money is
// public, so the cost would give the count away.
type YearCost struct {
	Year              int
	FundingKZT        int64
	Participants      Cell
	Completed         Cell
	PerParticipantKZT Cell
	PerCompleterKZT   Cell
}

// Funding returns the funding report grouped by g.
func (s *Snapshot) Funding(g FundingGrouping) (*Funding, error) {
	type key struct {
		funder  int
		year    int
		purpose string
	}
	keyOf := func(r fundingRow) key {
		switch g {
		case ByFunder:
			return key{funder: r.funderID}
		case ByFundingYear:
			return key{year: r.year}
		case ByPurpose:
			return key{purpose: r.purpose}
		}
		return key{}
	}
	if err := fundingGroupingOf(g); err != nil {
		return nil, err
	}
	f := &Funding{GroupBy: g, GeneratedAt: s.GeneratedAt, Rows: []FundingRow{}}
	rows := map[key]*FundingRow{}
	byYear := map[int]int64{}
	for _, r := range s.fundings {
		f.TotalKZT += r.amountKZT
		byYear[r.year] += r.amountKZT
		k := keyOf(r)
		row := rows[k]
		if row == nil {
			row = &FundingRow{}
			switch g {
			case ByFunder:
				id := r.funderID
				row.Label, row.FunderID = r.funder, &id
			case ByFundingYear:
				y := r.year
				row.Label, row.Year = fmt.Sprint(y), &y
			case ByPurpose:
				p := r.purpose
				row.Label, row.Purpose = p, &p
			}
			rows[k] = row
		}
		row.AmountKZT += r.amountKZT
		row.Grants += r.grants
	}
	for _, row := range rows {
		f.Rows = append(f.Rows, *row)
	}
	slices.SortFunc(f.Rows, func(a, b FundingRow) int {
		if g == ByFundingYear {
			return cmp.Compare(*a.Year, *b.Year)
		}
		return cmp.Or(cmp.Compare(b.AmountKZT, a.AmountKZT), cmp.Compare(a.Label, b.Label))
	})

	years := map[int]*group{}
	for _, y := range s.years {
		years[*y.Year] = y
	}
	var all []int
	for y := range byYear {
		all = append(all, y)
	}
	for y := range years {
		if _, ok := byYear[y]; !ok {
			all = append(all, y)
		}
	}
	slices.Sort(all)
	for _, y := range all {
		c := YearCost{Year: y, FundingKZT: byYear[y]}
		if g := years[y]; g != nil {
			c.Participants = s.count(g, mParticipants)
			c.Completed = s.count(g, mCompleted)
			c.PerParticipantKZT = s.p.MeanCell(float64(c.FundingKZT), g.cells[mParticipants])
			c.PerCompleterKZT = s.p.MeanCell(float64(c.FundingKZT), g.cells[mCompleted])
		} else {
			zero, none := 0, 0.0
			c.Participants = Cell{Value: &none, N: &zero}
			c.Completed = c.Participants
			c.PerParticipantKZT = Cell{N: &zero}
			c.PerCompleterKZT = c.PerParticipantKZT
		}
		f.CostByYear = append(f.CostByYear, c)
	}
	f.PerParticipantKZT = s.p.MeanCell(float64(f.TotalKZT), s.all.cells[mParticipants])
	f.PerCompleterKZT = s.p.MeanCell(float64(f.TotalKZT), s.all.cells[mCompleted])
	return f, nil
}

// Headline is the few figures of the public impact page.
type Headline struct {
	CoursesRun int
	Cities     int
	FirstYear  *int // of the first course; nil before any
	// Participants and Completed count places, as in Reach.
	Participants Cell
	Completed    Cell
	// FollowUpStage is the stage of the two improvement shares.
	FollowUpStage        outcomesurvey.Stage
	IndependenceImproved Cell
	ConfidenceImproved   Cell
	FundingKZT           int64
	Funders              int
	GeneratedAt          time.Time
}

// Headline returns the headline figures: all of them are overall figures
// of the other reports, suppressed the same way.
func (s *Snapshot) Headline() *Headline {
	st := slices.Index(Stages, HeadlineStage)
	h := &Headline{
		CoursesRun:           s.all.courses,
		Cities:               len(s.cities),
		Participants:         s.count(s.all, mParticipants),
		Completed:            s.count(s.all, mCompleted),
		FollowUpStage:        HeadlineStage,
		IndependenceImproved: s.share(s.all, at(st, sIndepUp), at(st, sPairs)),
		ConfidenceImproved:   s.share(s.all, at(st, sConfUp), at(st, sPairs)),
		GeneratedAt:          s.GeneratedAt,
	}
	if len(s.years) > 0 {
		y := *s.years[0].Year
		h.FirstYear = &y
	}
	funders := map[int]bool{}
	for _, r := range s.fundings {
		h.FundingKZT += r.amountKZT
		funders[r.funderID] = true
	}
	h.Funders = len(funders)
	return h
}
