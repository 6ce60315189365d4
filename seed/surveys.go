package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/outcomesurvey"
	"github.com/shyraq/birge/report"
)

// The demo outcome surveys. Only participants who completed a course and
// consented to outcome surveys are surveyed: at the start of the course
// (always, as part of enrollment), at its end, and 3, 6 and 12 months
// later, each time with fewer answers, and never after Today. Answers
// start low and improve after the course, with individual ups and downs;
// about a fifth of the participants answer with assistance.

// The seed of the surveys' random choices, apart from the plan's so that
// the rest of the demo community does not change with them.
const surveySeed = 6

// answerRate is the chance that a participant answers at each stage,
// before their own engagement is taken into account.
var answerRate = map[outcomesurvey.Stage]float64{
	outcomesurvey.StageBASELINE:   1,
	outcomesurvey.StageCOURSE_END: 0.96,
	outcomesurvey.StageMONTH_3:    0.86,
	outcomesurvey.StageMONTH_6:    0.76,
	outcomesurvey.StageMONTH_12:   0.66,
}

type surveyPlan struct {
	enrollment                int // index in plan.enrollments
	stage                     outcomesurvey.Stage
	independence, confidence  int
	cooks, travels, community bool
	occupation                outcomesurvey.Occupation
	peersMet                  int
	assisted                  bool
	at                        time.Time
}

// planSurveys plans the surveys of p's participants.
func (p *plan) planSurveys() []surveyPlan {
	r := rand.New(rand.NewPCG(rngSeed1, surveySeed))
	scale := func(n int) int { return min(5, max(1, n)) }
	chance := func(pct float64) bool { return r.Float64() < pct }
	var out []surveyPlan
	for ei, e := range p.enrollments {
		pp := p.people[e.person]
		if e.status != enrollment.StatusCOMPLETED || !slices.Contains(pp.consents, consent.KindOUTCOME_SURVEYS) {
			continue
		}
		c := p.cohorts[e.cohort]
		// Who the participant is at the start, and how much the course
		// gives them.
		indep := 1 + r.IntN(3) + r.IntN(2)*r.IntN(2) // mostly 1 to 3
		conf := scale(indep - 1 + r.IntN(3))
		gain := r.IntN(3)                  // 0 to 2 points of independence
		confGain := min(2, gain+r.IntN(2)) // confidence follows
		cooks, travels, community := chance(0.35), chance(0.25), chance(0.3)
		occ := outcomesurvey.OccupationNOT_WORKING
		switch n := r.IntN(100); {
		case n < 12:
			occ = outcomesurvey.OccupationEMPLOYED
		case n < 22:
			occ = outcomesurvey.OccupationSTUDYING
		case n < 50:
			occ = outcomesurvey.OccupationSEEKING_WORK
		}
		assisted := chance(0.2)
		engagement := 0.85 + 0.15*r.Float64()
		peers := 0
		for si, st := range report.Stages {
			// A survey is taken when its stage comes (and follow-ups
			// up to two weeks later).
			at := report.DueAfter(st, c.start, c.end)
			if si > 0 {
				at = at.AddDate(0, 0, r.IntN(15))
			}
			if at.After(Today()) {
				break
			}
			// Life goes on between surveys, answered or not.
			switch st {
			case outcomesurvey.StageBASELINE:
			case outcomesurvey.StageCOURSE_END:
				indep, conf = scale(indep+gain), scale(conf+confGain)
				cooks = cooks || chance(0.35)
				travels = travels || chance(0.3)
				community = community || chance(0.6)
				peers = 4 + r.IntN(10)
			default:
				indep = scale(indep + r.IntN(3) - 1 + r.IntN(2)) // drifts, mostly up
				conf = scale(conf + r.IntN(3) - 1)
				cooks = cooks || chance(0.15)
				travels = travels || chance(0.15)
				community = community && !chance(0.15) || chance(0.1)
				switch {
				case occ == outcomesurvey.OccupationSEEKING_WORK && chance(0.2):
					occ = outcomesurvey.OccupationEMPLOYED
				case occ == outcomesurvey.OccupationNOT_WORKING && chance(0.12):
					occ = []outcomesurvey.Occupation{outcomesurvey.OccupationSEEKING_WORK, outcomesurvey.OccupationSTUDYING}[r.IntN(2)]
				}
				peers += r.IntN(4)
			}
			if st != outcomesurvey.StageBASELINE && !chance(answerRate[st]*engagement) {
				continue
			}
			out = append(out, surveyPlan{
				enrollment: ei, stage: st,
				independence: indep, confidence: conf,
				cooks: cooks, travels: travels, community: community, occupation: occ,
				peersMet: peers, assisted: assisted || chance(0.05), at: at,
			})
		}
	}
	return out
}

// writeSurveys writes the planned surveys of the enrollments just
// written, found by person and course.
func writeSurveys(ctx context.Context, c *ent.Client, p *plan, personIDs []int, cohorts []*ent.Cohort) error {
	surveys := p.planSurveys()
	if len(surveys) == 0 {
		return nil
	}
	cohortIDs := make([]int, len(cohorts))
	for i, co := range cohorts {
		cohortIDs[i] = co.ID
	}
	written, err := c.Enrollment.Query().
		Where(enrollment.CohortIDIn(cohortIDs...)).
		Select(enrollment.FieldID, enrollment.FieldPersonID, enrollment.FieldCohortID).
		All(ctx)
	if err != nil {
		return fmt.Errorf("surveys: enrollments: %w", err)
	}
	type key struct{ person, cohort int }
	ids := map[key]int{}
	for _, e := range written {
		ids[key{e.PersonID, e.CohortID}] = e.ID
	}
	const batch = 500
	for from := 0; from < len(surveys); from += batch {
		part := surveys[from:min(from+batch, len(surveys))]
		b := make([]*ent.OutcomeSurveyCreate, len(part))
		for i, s := range part {
			e := p.enrollments[s.enrollment]
			id, ok := ids[key{personIDs[e.person], cohorts[e.cohort].ID}]
			if !ok {
				return fmt.Errorf("surveys: enrollment %d was not written", s.enrollment)
			}
			b[i] = c.OutcomeSurvey.Create().
				SetEnrollmentID(id).
				SetStage(s.stage).
				SetIndependence(s.independence).
				SetConfidence(s.confidence).
				SetCooksForSelf(s.cooks).
				SetTravelsAlone(s.travels).
				SetCommunityParticipation(s.community).
				SetOccupation(s.occupation).
				SetPeersMet(s.peersMet).
				SetAssisted(s.assisted).
				SetRecordedAt(s.at)
		}
		if err := c.OutcomeSurvey.CreateBulk(b...).Exec(ctx); err != nil {
			return fmt.Errorf("surveys: %w", err)
		}
	}
	return nil
}
