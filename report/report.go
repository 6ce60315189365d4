// Package report computes what partners and the public learn about the
// School of Independent Life: its reach (courses run, participants,
// completions), the change in its participants' lives from before the
// course to a year after, survey response rates, and its funding. Every
// report has a fixed shape with a few groupings (overall, by year, by
// city, by course; funding by funder, year and purpose) and no free-form
// filters.
//
// # Only aggregates leave this package
//
// The reports read the database as the system (viewer.SystemContext for
// the ent queries; the survey statements are plain aggregate SQL, which
// no privacy policy sees), because they must count everyone. That is safe
// by construction:
//
//   - every statement is a GROUP BY that returns sums per course (never a
//     row per person or per survey), and those sums stay inside a
//     Snapshot;
//   - everything a Snapshot hands out is a suppress.Cell, an amount of
//     money, a number of courses, or a label of a public record (a year, a
//     city, a course, a funder): the exported types have no field that
//     could hold a person, a survey or an answer;
//   - all the counts about people, for every grouping of every report,
//     are suppressed together in one suppress.Problem (see package
//     suppress for the rule), so one figure gets one decision wherever it
//     appears, and the difference between any two published figures is a
//     declared sum that the rule protects.
//
// # What is counted
//
// The unit is a participation: one person on one course (an enrollment),
// on courses that ran (RUNNING or COMPLETED). Someone who took two
// courses counts twice; counting places rather than people keeps every
// total the exact sum of its parts, which suppression relies on.
// Participants are enrollments ENROLLED, COMPLETED or WITHDRAWN (not
// APPLIED); outcomes are those of completed enrollments. A course belongs
// to the year and city of its start.
//
// At each stage (BASELINE, COURSE_END, MONTH_3, MONTH_6, MONTH_12):
//
//   - due: completed enrollments whose stage has come (the course's start
//     for BASELINE, its end for COURSE_END, 3, 6 and 12 months after its
//     end for the others); responded: due enrollments with a survey at
//     that stage; response rate = responded / due;
//   - the shares who cook for themselves, travel alone, take part in
//     community activities, and work or study, among those who responded
//     at that stage ("before" is the BASELINE stage, "after" a follow-up);
//   - at follow-ups, among those who answered both at BASELINE and at the
//     stage ("compared"): the share whose self-rated independence (and
//     confidence) went up, and its mean change.
//
// "Before" shares are those of everyone who answered at BASELINE, not of
// those who answered again at a given stage: baseline answers published
// over several overlapping groups would let a reader difference them.
//
// # Freshness
//
// A Service computes a Snapshot with a constant number of statements
// (six) and can serve it for Options.MaxAge, recomputing in the
// background, so that dashboards stay fast over large data and figures
// change in steps rather than with every single survey. (Steps make it
// harder, not impossible, to isolate one new survey by comparing figures
// over time; suppression protects each snapshot, not the sequence.)
package report

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/outcomesurvey"
	"github.com/shyraq/birge/report/suppress"
	"github.com/shyraq/birge/viewer"
)

// Cell is a published figure; see package suppress.
type Cell = suppress.Cell

// Grouping is how reach and outcome reports break the program down.
type Grouping string

// The groupings. They nest: a course is in one year and one city, and
// the overall figures are the sum of the years and of the cities.
const (
	ByNone   Grouping = "NONE"
	ByYear   Grouping = "YEAR"
	ByCity   Grouping = "CITY"
	ByCohort Grouping = "COHORT"
)

// Stages are the survey stages in order.
var Stages = []outcomesurvey.Stage{
	outcomesurvey.StageBASELINE,
	outcomesurvey.StageCOURSE_END,
	outcomesurvey.StageMONTH_3,
	outcomesurvey.StageMONTH_6,
	outcomesurvey.StageMONTH_12,
}

// HeadlineStage is the follow-up stage of the headline figures.
const HeadlineStage = outcomesurvey.StageMONTH_6

// Group is one row's group: all courses, a year, a city or a course.
// Courses and cities are public records.
type Group struct {
	// Label names the group: "all", the year, the city or the course.
	Label string
	// Year is set for a year, and for a course (the year it started).
	Year *int
	// City is set for a city, and for a course.
	City *string
	// CohortID is set for a course.
	CohortID *int
}

// Options tune a Service.
type Options struct {
	// MaxAge is how long a snapshot is served before it is computed
	// again. While a newer one is computed in the background the older
	// one is still served. 0 computes a snapshot for every call.
	MaxAge time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Service computes and serves report snapshots.
type Service struct {
	client *ent.Client
	opts   Options

	mu     sync.Mutex
	snap   *Snapshot
	flight *flight // the computation under way, if any
}

type flight struct {
	done chan struct{}
	snap *Snapshot
	err  error
}

// New returns a Service reading through client.
func New(client *ent.Client, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Service{client: client, opts: opts}
}

// Snapshot returns the current figures: a fresh computation when MaxAge
// is 0, otherwise the last snapshot if it is recent enough (or, if it is
// older, while a new one is computed in the background).
func (s *Service) Snapshot(ctx context.Context) (*Snapshot, error) {
	if s.opts.MaxAge <= 0 {
		return compute(ctx, s.client, s.opts.Now())
	}
	s.mu.Lock()
	if s.snap != nil {
		snap := s.snap
		if s.opts.Now().Sub(snap.GeneratedAt) >= s.opts.MaxAge && s.flight == nil {
			s.start(context.WithoutCancel(ctx))
		}
		s.mu.Unlock()
		return snap, nil
	}
	f := s.flight
	if f == nil {
		f = s.start(context.WithoutCancel(ctx))
	}
	s.mu.Unlock()
	select {
	case <-f.done:
		return f.snap, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// start computes a snapshot in the background; s.mu is held.
func (s *Service) start(ctx context.Context) *flight {
	f := &flight{done: make(chan struct{})}
	s.flight = f
	go func() {
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		f.snap, f.err = compute(ctx, s.client, s.opts.Now())
		s.mu.Lock()
		if f.err == nil {
			s.snap = f.snap
		}
		s.flight = nil
		s.mu.Unlock()
		close(f.done)
	}()
	return f
}

// compute loads the per-course sums and suppresses every grouping at once.
func compute(ctx context.Context, client *ent.Client, now time.Time) (*Snapshot, error) {
	d, err := load(ctx, client, now)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	snap, err := build(d, now)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return snap, nil
}

// groupingOf validates a grouping.
func groupingOf(g Grouping) error {
	if !slices.Contains([]Grouping{ByNone, ByYear, ByCity, ByCohort}, g) {
		return fmt.Errorf("report: unknown grouping %q", g)
	}
	return nil
}

// fundingGroupingOf validates a funding grouping.
func fundingGroupingOf(g FundingGrouping) error {
	if !slices.Contains([]FundingGrouping{ByFunder, ByFundingYear, ByPurpose}, g) {
		return fmt.Errorf("report: unknown funding grouping %q", g)
	}
	return nil
}

// Headline returns the headline figures; anyone may read them.
func (s *Service) Headline(ctx context.Context) (*Headline, error) {
	snap, err := s.authorized(ctx, KindHeadline)
	if err != nil {
		return nil, err
	}
	return snap.Headline(), nil
}

// Reach returns the reach report grouped by g; anyone may read it.
func (s *Service) Reach(ctx context.Context, g Grouping) (*Reach, error) {
	snap, err := s.authorized(ctx, KindReach)
	if err != nil {
		return nil, err
	}
	return snap.Reach(g)
}

// Outcomes returns the outcomes report grouped by g, to partners, staff
// and admins.
func (s *Service) Outcomes(ctx context.Context, g Grouping) (*Outcomes, error) {
	snap, err := s.authorized(ctx, KindOutcomes)
	if err != nil {
		return nil, err
	}
	return snap.Outcomes(g)
}

// Funding returns the funding report grouped by g, to partners, staff and
// admins.
func (s *Service) Funding(ctx context.Context, g FundingGrouping) (*Funding, error) {
	snap, err := s.authorized(ctx, KindFunding)
	if err != nil {
		return nil, err
	}
	return snap.Funding(g)
}

// authorized returns the snapshot if the viewer of ctx may read reports
// of kind k.
func (s *Service) authorized(ctx context.Context, k Kind) (*Snapshot, error) {
	if err := Authorize(viewer.FromContext(ctx), k); err != nil {
		return nil, err
	}
	return s.Snapshot(ctx)
}
