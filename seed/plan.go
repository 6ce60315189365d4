package seed

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/enrollment"
)

// The seed is planned in memory first, from fixed tables and a fixed random
// seed, and written afterwards. Planning needs no database, so the same
// plan, and the same data, comes out on every run.

// The seed of the plan's random choices. Changing it changes the demo
// community.
const rngSeed1, rngSeed2 = 2017, 2026

// Today is the date the demo community is seen from: courses that ended
// before it are COMPLETED, the next Almaty course, in spring, is OPEN for
// applications and the first Ust-Kamenogorsk course, in autumn, is PLANNED.
func Today() time.Time { return Date(2026, time.November, 16) }

// Date is midnight UTC on the given day, as the seeds' dates are.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// courseLength is the time from the first to the last day of a course.
const courseLength = 6 * 24 * time.Hour

// run is one course in the fixed timetable.
type run struct {
	city      string
	year      int
	month     time.Month
	cancelled bool // spring 2020: the lockdown
}

var timetable = []run{
	{almaty, 2017, time.October, false},
	{almaty, 2018, time.April, false},
	{almaty, 2019, time.April, false},
	{almaty, 2019, time.October, false},
	{almaty, 2020, time.April, true},
	{almaty, 2021, time.September, false},
	{almaty, 2022, time.April, false},
	{almaty, 2023, time.April, false},
	{almaty, 2023, time.October, false},
	{almaty, 2024, time.April, false},
	{almaty, 2024, time.October, false},
	{almaty, 2025, time.April, false},
	{almaty, 2025, time.October, false},
	{almaty, 2026, time.April, false},
	{almaty, 2026, time.October, false},
	{almaty, 2027, time.April, false},
	{ustKamenogorsk, 2027, time.September, false},
}

// venues are fictional places, by city; a course takes one in turn.
var venues = map[string][]string{
	almaty: {
		"Shyraq Resource Centre, Bostandyk district",
		"Samal Youth House, hall 2",
		"Alatau Community Centre",
		"Kokzhiyek University of Humanities, inclusive learning lab",
	},
	ustKamenogorsk: {"Irtysh Valley University, student centre"},
}

type personPlan struct {
	given, family, city, bio string
	languages                []string
	trainer                  bool
	org                      int   // index in orgs, or -1
	interests                []int // indexes in interests
	activities               []int // indexes in activities
	joined                   time.Time
	email                    string // "" for none
	privacy
}

type cohortPlan struct {
	name, city, venue string
	start, end        time.Time
	capacity          int
	status            cohort.Status
	activities        []int // indexes in activities
	trainers          []int // indexes in plan.people
}

type enrollmentPlan struct {
	person, cohort int // indexes in plan.people and plan.cohorts
	status         enrollment.Status
	pledge, goals  string
	at             time.Time
}

type fundingPlan struct {
	funder  int // index in orgs
	cohort  int // index in plan.cohorts, or -1 for the program
	year    int
	amount  int64
	purpose string
}

type plan struct {
	people      []personPlan
	cohorts     []cohortPlan
	enrollments []enrollmentPlan
	fundings    []fundingPlan

	// Indexes in people of the persons the accounts step binds to.
	demoTrainer, demoPartner, demoStaff int
	demoAlumni                          []int
}

// newPlan plans the whole demo community.
func newPlan() *plan {
	r := rand.New(rand.NewPCG(rngSeed1, rngSeed2))
	p := &plan{}
	names := newNameGen(r)
	emails := emailGen{}

	// Trainers, the coordinator and partner contacts come first, so that
	// their IDs are the smallest.
	trainerIdx := map[string][]int{} // activity slug -> trainers
	for i, t := range trainers {
		names.reserve(t.given, t.family)
		for _, a := range t.activities {
			trainerIdx[a] = append(trainerIdx[a], i)
		}
		pp := fixed(t, Date(2017, time.September, 1))
		pp.email = emails.next(t.given, t.family)
		pp.trainer = true
		pp.interests = randomSubset(r, len(interests), 1, 3)
		for _, a := range t.activities {
			pp.activities = append(pp.activities, tagIndex(activities, a))
		}
		p.people = append(p.people, pp)
	}
	p.demoTrainer = 0
	p.demoStaff = len(p.people)
	names.reserve(coordinator.given, coordinator.family)
	staff := fixed(coordinator, Date(2017, time.September, 1))
	staff.email = emails.next(coordinator.given, coordinator.family)
	p.people = append(p.people, staff)
	for i, c := range partnerContacts {
		names.reserve(c.given, c.family)
		if i == demoPartnerContact {
			p.demoPartner = len(p.people)
		}
		pp := fixed(c, Date(2018, time.January, 15))
		pp.email = emails.next(c.given, c.family)
		p.people = append(p.people, pp)
	}

	venueTurn := map[string]int{}
	for ci, run := range timetable {
		c := p.planCohort(r, run, trainerIdx, venues[run.city][venueTurn[run.city]%len(venues[run.city])])
		venueTurn[run.city]++
		p.cohorts = append(p.cohorts, c)
		p.planParticipants(r, names, &emails, ci)
	}

	// Demo alumni: two peers from the latest completed course and one from
	// an earlier course, all trained by the demo trainer and listed in the
	// directory.
	var taught []int
	for ci, c := range p.cohorts {
		if c.status == cohort.StatusCOMPLETED && slices.Contains(c.trainers, p.demoTrainer) {
			taught = append(taught, ci)
		}
	}
	p.demoAlumni = append(p.listedAlumni(taught[len(taught)-1], 2), p.listedAlumni(taught[len(taught)-2], 1)...)
	// They show how people connect, so they all take connection requests
	// (a request needs the consent of both people).
	for _, i := range p.demoAlumni {
		p.people[i].grant(consent.KindPEER_CONTACT)
	}

	p.planFundings(r)
	return p
}

// listedAlumni returns the first n people who completed cohort ci and are
// listed in the directory, trainers aside.
func (p *plan) listedAlumni(ci, n int) []int {
	var out []int
	for _, e := range p.enrollments {
		pp := p.people[e.person]
		if len(out) < n && e.cohort == ci && e.status == enrollment.StatusCOMPLETED && !pp.trainer && pp.listed {
			out = append(out, e.person)
		}
	}
	return out
}

// fixed turns a hand-written person into a planned one. They all appear in
// the directory and can be reached by members.
func fixed(f fixedPerson, joined time.Time) personPlan {
	org := -1
	if f.org != "" {
		org = orgIndex(f.org)
	}
	return personPlan{
		given: f.given, family: f.family, city: f.city, bio: f.bio,
		languages: f.languages, org: org, joined: joined,
		privacy: publicFigure,
	}
}

// planCohort plans one course of the timetable: its dates and status
// relative to Today, two to four activities (art therapy always) and two or
// three trainers who teach them.
func (p *plan) planCohort(r *rand.Rand, run run, trainerIdx map[string][]int, venue string) cohortPlan {
	start := MondayOnOrAfter(Date(run.year, run.month, 8+r.IntN(10)))
	season := "spring"
	if run.month >= time.August {
		season = "autumn"
	}
	c := cohortPlan{
		name:     fmt.Sprintf("%s, %s %d", run.city, season, run.year),
		city:     run.city,
		venue:    venue,
		start:    start,
		end:      start.Add(courseLength),
		capacity: 15 + r.IntN(2),
		status:   StatusAt(start, start.Add(courseLength), run.cancelled, Today()),
	}
	// Art therapy is the core of every course; the others are drawn from
	// what was taught that year.
	var others []string
	for _, a := range activities {
		if a.slug != artTherapy && run.year >= activitySince[a.slug] {
			others = append(others, a.slug)
		}
	}
	r.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
	taught := append([]string{artTherapy}, others[:1+r.IntN(3)]...)
	for _, a := range taught {
		c.activities = append(c.activities, tagIndex(activities, a))
		if len(c.trainers) == 3 {
			continue
		}
		candidates := trainerIdx[a]
		t := candidates[r.IntN(len(candidates))]
		if a == artTherapy {
			t = p.demoTrainer // she has led art therapy on every course
		}
		if !slices.Contains(c.trainers, t) {
			c.trainers = append(c.trainers, t)
		}
	}
	slices.Sort(c.activities)
	return c
}

// StatusAt is the status of a course with the given dates, seen on today:
// CANCELLED if it was cancelled, COMPLETED once it has ended, RUNNING
// once it has started, OPEN for applications when it starts within 183
// days (about six months), PLANNED before that.
func StatusAt(start, end time.Time, cancelled bool, today time.Time) cohort.Status {
	switch {
	case cancelled:
		return cohort.StatusCANCELLED
	case end.Before(today):
		return cohort.StatusCOMPLETED
	case !start.After(today):
		return cohort.StatusRUNNING
	case start.Sub(today) <= 183*24*time.Hour:
		return cohort.StatusOPEN
	default:
		return cohort.StatusPLANNED
	}
}

// applied is when the participants of c applied: two months before the
// course, or Today for a course that is still open.
func applied(c cohortPlan) time.Time { return notAfterToday(c.start.AddDate(0, -2, 0)) }

// notAfterToday keeps creation times of planned records out of the future.
func notAfterToday(t time.Time) time.Time {
	if t.After(Today()) {
		return Today()
	}
	return t
}

// MondayOnOrAfter is the first Monday on or after t, at t's time of day:
// courses start on a Monday.
func MondayOnOrAfter(t time.Time) time.Time {
	return t.AddDate(0, 0, (int(time.Monday)-int(t.Weekday())+7)%7)
}

// planParticipants plans the people of cohort ci and their enrollments:
// thirteen to the course's capacity on a completed course, one or two of
// whom withdrew; applicants on an open one; nobody on a cancelled or
// planned one.
func (p *plan) planParticipants(r *rand.Rand, names *nameGen, emails *emailGen, ci int) {
	c := p.cohorts[ci]
	var n int
	switch c.status {
	case cohort.StatusCOMPLETED:
		n = 13 + r.IntN(c.capacity-12)
	case cohort.StatusOPEN, cohort.StatusRUNNING:
		n = 8 + r.IntN(4)
	default:
		return
	}
	withdrawn := r.IntN(3)
	for i := range n {
		status := enrollment.StatusCOMPLETED
		switch {
		case c.status == cohort.StatusOPEN && i < n/3:
			status = enrollment.StatusAPPLIED
		case c.status != cohort.StatusCOMPLETED:
			status = enrollment.StatusENROLLED
		case i >= n-withdrawn:
			status = enrollment.StatusWITHDRAWN
		}
		person := len(p.people)
		// The first course's first participant later became a trainer.
		if ci == 0 && i == 0 {
			person = alumnaTrainer
		} else {
			p.people = append(p.people, newParticipant(r, names, emails, c, status == enrollment.StatusCOMPLETED))
		}
		lang := "ru"
		if slices.Contains(p.people[person].languages, "kk") && (!slices.Contains(p.people[person].languages, "ru") || r.IntN(2) == 0) {
			lang = "kk"
		}
		e := enrollmentPlan{person: person, cohort: ci, status: status, at: applied(c)}
		if r.IntN(5) > 0 {
			e.pledge = pick(r, pledges[lang])
		}
		e.goals = goalsText(r, lang)
		p.enrollments = append(p.enrollments, e)
	}
}

// newParticipant draws a participant of c: name, town, languages, a short
// bio, interests and (for those who completed it) the course's activities
// they took up.
func newParticipant(r *rand.Rand, names *nameGen, emails *emailGen, c cohortPlan, completed bool) personPlan {
	given, family, cult := names.next()
	pp := personPlan{given: given, family: family, city: c.city, org: -1, joined: c.end}
	if c.city == almaty && r.IntN(100) < 18 {
		pp.city = pick(r, nearbyTowns)
	}
	switch n := r.IntN(100); cult {
	case kazakh:
		switch {
		case n < 60:
			pp.languages = []string{"kk", "ru"}
		case n < 75:
			pp.languages = []string{"kk"}
		case n < 90:
			pp.languages = []string{"ru", "kk"}
		default:
			pp.languages = []string{"kk", "ru", "en"}
		}
	case russian, korean:
		switch {
		case n < 70:
			pp.languages = []string{"ru"}
		case n < 90:
			pp.languages = []string{"ru", "kk"}
		default:
			pp.languages = []string{"ru", "en"}
		}
	case latin:
		pp.languages = []string{"kk", "ru", "en"}
	}
	pp.bio = bio(r, pp.languages[0])
	pp.interests = randomSubset(r, len(interests), 1, 4)
	if completed {
		for _, i := range randomSubset(r, len(c.activities), 1, 3) {
			pp.activities = append(pp.activities, c.activities[i])
		}
	} else {
		pp.joined = applied(c)
	}
	pp.privacy = participantPrivacy(r, completed)
	if r.IntN(100) < 60 {
		pp.email = emails.next(given, family)
	}
	return pp
}

// randomSubset returns between lo and hi distinct indexes below n, sorted.
func randomSubset(r *rand.Rand, n, lo, hi int) []int {
	k := min(lo+r.IntN(hi-lo+1), n)
	s := r.Perm(n)[:k]
	slices.Sort(s)
	return s
}
