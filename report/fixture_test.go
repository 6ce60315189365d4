package report_test

import (
	"context"
	"testing"
	"time"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/ent/outcomesurvey"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
)

// The fixture: five courses that ran, one planned and one cancelled, with
// known numbers chosen to produce cells of 0, 4, 5 and 6 people.
//
//	course                          year city             places completed
//	A  Almaty, spring 2019          2019 Almaty             8      6 (2 withdrew)
//	B  Almaty, autumn 2019          2019 Almaty             4      4
//	C  Almaty, spring 2021          2021 Almaty             7      5 (2 withdrew)
//	D  Ust-Kamenogorsk, autumn 2021 2021 Ust-Kamenogorsk    7      6 (1 withdrew)
//	H  Almaty, autumn 2022          2022 Almaty             3      3
//	E  Almaty, spring 2023          2023 Almaty             0      0
//	F  Almaty, spring 2027 (OPEN, 3 applicants) and G (CANCELLED 2020): not counted
//
// Everyone who completed answered at BASELINE and COURSE_END; five of A
// also at MONTH_3; nobody later. D's withdrawn participant answered at
// BASELINE (not counted: outcomes are those of completers).
type fixture struct {
	client *ent.Client
	ctx    context.Context
	ids    map[string]int // course letter -> cohort ID
}

// answer is one person's survey: independence, confidence, and the four
// yes/no indicators.
type answer struct {
	indep, conf                       int
	cooks, travels, community, occupy bool
}

// person describes a participant by their answers at each stage (nil:
// no survey).
type participant struct {
	status   enrollment.Status
	baseline *answer
	end      *answer
	month3   *answer
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := testdb.Open(t)
	f := &fixture{client: db.Client, ctx: viewer.SystemContext(context.Background()), ids: map[string]int{}}
	c := f.client
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	op, err := c.Organization.Create().SetName("Shyraq").SetKind(organization.KindASSOCIATION).Save(f.ctx)
	must(err)
	city, err := c.Organization.Create().SetName("City of Almaty").SetKind(organization.KindGOVERNMENT).Save(f.ctx)
	must(err)
	steppe, err := c.Organization.Create().SetName("Steppe Light").SetKind(organization.KindFOUNDATION).Save(f.ctx)
	must(err)
	prog, err := c.Program.Create().SetName("School of Independent Life").SetOperator(op).Save(f.ctx)
	must(err)

	course := func(letter, name, city string, start time.Time, status cohort.Status, people []participant) {
		t.Helper()
		co, err := c.Cohort.Create().SetName(name).SetCity(city).SetStartDate(start).SetEndDate(start.AddDate(0, 0, 6)).
			SetCapacity(15).SetStatus(status).SetProgram(prog).Save(f.ctx)
		must(err)
		f.ids[letter] = co.ID
		for i, p := range people {
			pe, err := c.Person.Create().SetGivenName(letter).SetFamilyName(string(rune('a' + i))).Save(f.ctx)
			must(err)
			e, err := c.Enrollment.Create().SetPerson(pe).SetCohort(co).SetStatus(p.status).Save(f.ctx)
			must(err)
			for _, s := range []struct {
				stage outcomesurvey.Stage
				a     *answer
			}{{outcomesurvey.StageBASELINE, p.baseline}, {outcomesurvey.StageCOURSE_END, p.end}, {outcomesurvey.StageMONTH_3, p.month3}} {
				if s.a == nil {
					continue
				}
				occ := outcomesurvey.OccupationNOT_WORKING
				if s.a.occupy {
					occ = outcomesurvey.OccupationEMPLOYED
					if i%2 == 1 {
						occ = outcomesurvey.OccupationSTUDYING
					}
				}
				must(c.OutcomeSurvey.Create().SetEnrollment(e).SetStage(s.stage).
					SetIndependence(s.a.indep).SetConfidence(s.a.conf).
					SetCooksForSelf(s.a.cooks).SetTravelsAlone(s.a.travels).
					SetCommunityParticipation(s.a.community).SetOccupation(occ).
					SetRecordedAt(start).Exec(f.ctx))
			}
		}
	}
	// people builds n completers: baseline independence 2 and confidence
	// 3; at the course's end independence 2+deltas[i] and confidence 4;
	// yes answers for the first k of each indicator (before, after).
	type yes struct{ before, after int }
	people := func(deltas []int, cooks, travels, community, occupy yes) []participant {
		out := make([]participant, len(deltas))
		for i, d := range deltas {
			out[i] = participant{
				status:   enrollment.StatusCOMPLETED,
				baseline: &answer{indep: 2, conf: 3, cooks: i < cooks.before, travels: i < travels.before, community: i < community.before, occupy: i < occupy.before},
				end:      &answer{indep: 2 + d, conf: 4, cooks: i < cooks.after, travels: i < travels.after, community: i < community.after, occupy: i < occupy.after},
			}
		}
		return out
	}
	a := people([]int{2, 2, 1, 1, 0, 0}, yes{2, 3}, yes{0, 3}, yes{1, 6}, yes{1, 1})
	for i := range 5 {
		a[i].month3 = &answer{indep: 3, conf: 4, cooks: i < 4, travels: i < 2, community: true}
	}
	withdrew := participant{status: enrollment.StatusWITHDRAWN}
	a = append(a, withdrew, withdrew)
	course("A", "Almaty, spring 2019", "Almaty", date(2019, 4, 8), cohort.StatusCOMPLETED, a)
	course("B", "Almaty, autumn 2019", "Almaty", date(2019, 10, 7), cohort.StatusCOMPLETED,
		people([]int{1, 1, 0, 0}, yes{1, 2}, yes{0, 2}, yes{1, 4}, yes{1, 1}))
	course("C", "Almaty, spring 2021", "Almaty", date(2021, 4, 5), cohort.StatusCOMPLETED,
		append(people([]int{1, 1, 1, 0, 0}, yes{2, 3}, yes{0, 2}, yes{1, 5}, yes{1, 1}), withdrew, withdrew))
	d := people([]int{1, 1, 1, 1, 1, 0}, yes{2, 4}, yes{0, 3}, yes{2, 6}, yes{3, 3})
	d = append(d, participant{status: enrollment.StatusWITHDRAWN, baseline: &answer{indep: 1, conf: 1, cooks: true}})
	course("D", "Ust-Kamenogorsk, autumn 2021", "Ust-Kamenogorsk", date(2021, 9, 6), cohort.StatusCOMPLETED, d)
	course("H", "Almaty, autumn 2022", "Almaty", date(2022, 10, 3), cohort.StatusCOMPLETED,
		people([]int{1, 0, 0}, yes{0, 1}, yes{0, 1}, yes{0, 3}, yes{0, 0}))
	course("E", "Almaty, spring 2023", "Almaty", date(2023, 4, 3), cohort.StatusCOMPLETED, nil)
	course("F", "Almaty, spring 2027", "Almaty", date(2027, 4, 5), cohort.StatusOPEN,
		[]participant{{status: enrollment.StatusAPPLIED}, {status: enrollment.StatusAPPLIED}, {status: enrollment.StatusAPPLIED}})
	course("G", "Almaty, spring 2020", "Almaty", date(2020, 4, 6), cohort.StatusCANCELLED, nil)

	fund := func(o *ent.Organization, year int, amount int64, purpose, letter string) {
		t.Helper()
		b := c.Funding.Create().SetFunder(o).SetYear(year).SetAmountKzt(amount).SetPurpose(purpose)
		if letter == "" {
			b.SetProgram(prog)
		} else {
			b.SetCohortID(f.ids[letter])
		}
		must(b.Exec(f.ctx))
	}
	fund(city, 2019, 3_000_000, "Venue rent", "")
	fund(city, 2021, 3_600_000, "Venue rent", "")
	fund(city, 2022, 3_200_000, "Venue rent", "")
	fund(city, 2023, 1_000_000, "Venue rent", "")
	fund(steppe, 2019, 1_000_000, "Art materials", "A")
	fund(steppe, 2021, 2_000_000, "Travel", "D")
	fund(steppe, 2024, 500_000, "Art materials", "")
	return f
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
