// Package scale fills a PostgreSQL database with a large fictional
// community for benchmarks and load runs: by default 100,000 people, 5,000
// cohorts, 300,000 enrollments and 500,000 outcome survey answers, on top
// of the demo community (package seed), whose program, organizations and
// tags it uses.
//
// The people are drawn as the demo's are (seed.Name, seed.Bio,
// seed.ParticipantPrivacy): fictional names combined from common ones,
// mostly Kazakh, seven in ten women; most listed in the directory with the
// default visibilities. Courses run in a dozen cities from 2008 to a year
// after seed.Today; people take one to a handful of courses in their city;
// those who completed a course answer follow-up surveys, fewer at each
// stage.
//
// Rows are written with PostgreSQL COPY in one transaction, bypassing ent
// and its hooks (the search keys the hooks keep are computed here with
// package textkey). The data is the same for the same sizes.
package scale

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/schema"
	"github.com/shyraq/birge/report"
	"github.com/shyraq/birge/seed"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

// Sizes is how many records of each kind Generate writes.
type Sizes struct {
	People      int
	Cohorts     int
	Enrollments int
	Surveys     int // outcome survey answers (one enrollment at one stage)
}

// Default is the size of the scale runs.
var Default = Sizes{People: 100_000, Cohorts: 5_000, Enrollments: 300_000, Surveys: 500_000}

// ForPeople is Default's proportions for n people: a cohort for every 20
// people, three enrollments and five survey answers a person.
func ForPeople(n int) Sizes {
	return Sizes{People: n, Cohorts: max(1, n/20), Enrollments: 3 * n, Surveys: 5 * n}
}

func (s Sizes) String() string {
	return fmt.Sprintf("%d people, %d cohorts, %d enrollments, %d survey answers", s.People, s.Cohorts, s.Enrollments, s.Surveys)
}

// Result describes what Generate wrote.
type Result struct {
	Sizes          // written; Surveys may be fewer than asked if too few stages were due
	Member     int // a listed participant who completed a course, to sign in as
	PersonIDs  [2]int
	Took       time.Duration
	DemoPeople int // the demo community's people, written before if missing
}

// Dialect is the only database dialect Generate writes to.
const Dialect = dialect.Postgres

// ErrNotPostgres is returned on SQLite: the embedded database is for a
// portal of a few hundred people, and scale data is written with COPY.
var ErrNotPostgres = errors.New("scale: scale data needs PostgreSQL (give a postgres:// database URL); the embedded SQLite database holds the demo community only")

// ErrAlreadyScaled is returned when the database already holds generated
// courses: scale data goes into a fresh database, once.
var ErrAlreadyScaled = errors.New("scale: the database already holds scale data; use a fresh database")

// venuePrefix marks generated cohorts (ErrAlreadyScaled).
const venuePrefix = "Community centre No. "

// Count returns how many people, cohorts, enrollments and survey answers
// db holds, generated or not.
func Count(ctx context.Context, db *sql.DB) (Sizes, error) {
	var s Sizes
	err := db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM persons), (SELECT count(*) FROM cohorts),
		(SELECT count(*) FROM enrollments), (SELECT count(*) FROM outcome_surveys)`).
		Scan(&s.People, &s.Cohorts, &s.Enrollments, &s.Surveys)
	return s, err
}

// Generate writes n's records into db, a migrated PostgreSQL database,
// after the demo community (written first if missing). It refuses SQLite
// (ErrNotPostgres) and a database that already holds scale data
// (ErrAlreadyScaled).
func Generate(ctx context.Context, db *database.DB, n Sizes) (Result, error) {
	start := time.Now()
	if db.Dialect != Dialect {
		return Result{}, ErrNotPostgres
	}
	if n.People < 1 || n.Cohorts < 1 || n.Enrollments < 0 || n.Surveys < 0 {
		return Result{}, fmt.Errorf("scale: sizes must be positive: %v", n)
	}
	var scaled bool
	if err := db.SQL.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM cohorts WHERE venue LIKE $1)`, venuePrefix+"%").Scan(&scaled); err != nil {
		return Result{}, fmt.Errorf("scale: %w", err)
	}
	if scaled {
		return Result{}, ErrAlreadyScaled
	}
	st, err := seed.Demo(viewer.SystemContext(ctx), db.Client)
	if err != nil {
		return Result{}, err
	}
	ref, err := readRefs(ctx, db.SQL, st.Program)
	if err != nil {
		return Result{}, err
	}
	p := newPlan(n, ref)
	res := Result{Sizes: Sizes{People: len(p.people), Cohorts: len(p.cohorts), Enrollments: len(p.enrollments), Surveys: len(p.surveys)},
		DemoPeople: st.People}
	if err := write(ctx, db.SQL, p, &res); err != nil {
		return Result{}, err
	}
	// As autovacuum would, later: statistics for the planner, and the
	// visibility map that lets counts read indexes alone.
	if err := Vacuum(ctx, db.SQL); err != nil {
		return Result{}, err
	}
	res.Took = time.Since(start)
	return res, nil
}

// written are the tables Generate writes.
var written = []string{"persons", "profiles", "contact_details", "consents", "person_interests", "person_activities",
	"cohorts", "cohort_activities", "cohort_trainers", "enrollments", "outcome_surveys"}

// Vacuum runs VACUUM (ANALYZE) on the tables Generate writes.
func Vacuum(ctx context.Context, db *sql.DB) error {
	for _, t := range written {
		if _, err := db.ExecContext(ctx, "VACUUM (ANALYZE) "+t); err != nil {
			return fmt.Errorf("scale: vacuum %s: %w", t, err)
		}
	}
	return nil
}

// refs are the records of the demo community the generated ones refer to.
type refs struct {
	program    int
	artTherapy int
	activities []int // art therapy first
	interests  []int
}

func readRefs(ctx context.Context, db *sql.DB, program int) (refs, error) {
	r := refs{program: program}
	ids := func(q string) ([]int, error) {
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []int
		for rows.Next() {
			var id int
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			out = append(out, id)
		}
		return out, rows.Err()
	}
	var err error
	if r.activities, err = ids(`SELECT id FROM activities ORDER BY slug <> 'art-therapy', id`); err != nil {
		return r, fmt.Errorf("scale: activities: %w", err)
	}
	if r.interests, err = ids(`SELECT id FROM interests ORDER BY id`); err != nil {
		return r, fmt.Errorf("scale: interests: %w", err)
	}
	if len(r.activities) < 2 || len(r.interests) < 2 {
		return r, errors.New("scale: the demo's activities and interests are missing")
	}
	r.artTherapy = r.activities[0]
	return r, nil
}

// cities are where generated courses run and people live, with weights:
// most in Almaty, where the program started.
var cities = []struct {
	name   string
	weight int
}{
	{"Almaty", 40}, {"Astana", 14}, {"Shymkent", 9}, {"Karaganda", 7}, {"Ust-Kamenogorsk", 6},
	{"Pavlodar", 4}, {"Aktobe", 4}, {"Taraz", 3}, {"Semey", 3}, {"Kostanay", 3}, {"Kyzylorda", 3},
	{"Atyrau", 2}, {"Oral", 2},
}

type personPlan struct {
	given, family, city, lang string
	trainer                   bool
	home                      int // index in cities
	privacy                   seed.Privacy
	interests, activities     []int
	lookingFor                []string
	joined                    time.Time
}

type cohortPlan struct {
	name, city, venue string
	start, end        time.Time
	status            string
	capacity          int
	activities        []int // IDs
	trainers          []int // indexes in plan.people
}

type enrollmentPlan struct {
	person, cohort int // indexes
	status         string
	at             time.Time
}

type surveyPlan struct {
	enrollment                int // index
	stage                     string
	independence, confidence  int
	cooks, travels, community bool
	occupation                string
	peersMet                  int
	assisted                  bool
	at                        time.Time
}

type plan struct {
	people      []personPlan
	cohorts     []cohortPlan
	enrollments []enrollmentPlan
	surveys     []surveyPlan
	trainers    int
	member      int // index of a listed completer
	program     int // ID
}

func newPlan(n Sizes, ref refs) *plan {
	r := newRand(n.People, 0)
	today := seed.Today()
	p := &plan{trainers: min(n.People, max(8, n.People/400)), program: ref.program}
	totalWeight := 0
	for _, c := range cities {
		totalWeight += c.weight
	}
	city := func() int {
		w := r.IntN(totalWeight)
		for i, c := range cities {
			if w < c.weight {
				return i
			}
			w -= c.weight
		}
		return 0
	}
	towns := seed.NearbyTowns()

	// People: trainers first, then participants.
	trainersIn := make([][]int, len(cities))
	p.people = make([]personPlan, n.People)
	for i := range p.people {
		given, family, lang := seed.Name(r)
		pp := personPlan{given: given, family: family, lang: lang, home: city()}
		pp.city = cities[pp.home].name
		if pp.home == 0 && r.IntN(100) < 18 {
			pp.city = towns[r.IntN(len(towns))]
		}
		pp.interests = subset(r, ref.interests, 1, 4)
		if r.IntN(100) < 45 {
			pp.lookingFor = subset(r, schema.LookingFor, 1, 3)
		}
		if i < p.trainers {
			pp.trainer = true
			pp.privacy = seed.Privacy{Listed: true, Partners: true, Profile: visibility.Public, Contact: visibility.Community,
				Consents: []consent.Kind{consent.KindDIRECTORY_LISTING, consent.KindPEER_CONTACT}}
			pp.activities = subset(r, ref.activities, 1, 3)
			pp.joined = seed.Date(2008, time.January, 1).AddDate(0, 0, r.IntN(365*3))
			trainersIn[pp.home] = append(trainersIn[pp.home], i)
		}
		p.people[i] = pp
	}

	// Cohorts, spread evenly in time from 2008 to a year after today.
	first := seed.Date(2008, time.January, 7)
	span := int(today.AddDate(1, 0, 0).Sub(first).Hours() / 24)
	cohortsIn := make([][]int, len(cities))
	groups := map[string]int{}
	p.cohorts = make([]cohortPlan, n.Cohorts)
	for i := range p.cohorts {
		ci := city()
		start := seed.MondayOnOrAfter(first.AddDate(0, 0, span*i/n.Cohorts+r.IntN(5)))
		end := start.AddDate(0, 0, 6)
		season := "spring"
		if start.Month() >= time.August {
			season = "autumn"
		} else if start.Month() >= time.June {
			season = "summer"
		}
		key := fmt.Sprintf("%s, %s %d", cities[ci].name, season, start.Year())
		groups[key]++
		c := cohortPlan{
			name: fmt.Sprintf("%s, group %d", key, groups[key]), city: cities[ci].name,
			venue: venuePrefix + strconv.Itoa(1+r.IntN(40)) + ", " + cities[ci].name,
			start: start, end: end, capacity: 15,
			status: string(seed.StatusAt(start, end, r.IntN(100) < 2, today)),
		}
		c.activities = append([]int{ref.artTherapy}, subset(r, ref.activities[1:], 1, 3)...)
		pool := trainersIn[ci]
		if len(pool) < 2 {
			pool = upTo(p.trainers)
		}
		for _, t := range r.Perm(len(pool))[:min(len(pool), 2+r.IntN(2))] {
			c.trainers = append(c.trainers, pool[t])
		}
		slices.Sort(c.trainers)
		p.cohorts[i] = c
		cohortsIn[ci] = append(cohortsIn[ci], i)
	}

	// How many courses each participant took: mostly one to three,
	// exactly n.Enrollments in all.
	participants := n.People - p.trainers
	courses := make([]int, participants)
	limit := func(i int) int {
		l := len(cohortsIn[p.people[p.trainers+i].home])
		if l == 0 {
			l = len(p.cohorts)
		}
		return min(12, l)
	}
	if participants > 0 {
		mean := float64(n.Enrollments) / float64(participants)
		lo := 0
		if mean >= 1 {
			lo = 1
		}
		q := 1 - 1/max(mean, 1)
		sum := 0
		for i := range courses {
			k := lo
			if mean < 1 {
				if r.Float64() < mean {
					k = 1
				}
			} else {
				for k < limit(i) && r.Float64() < q {
					k++
				}
			}
			courses[i] = min(k, limit(i))
			sum += courses[i]
		}
		for guard := 0; sum != n.Enrollments && guard < 50*participants; guard++ {
			i := r.IntN(participants)
			switch {
			case sum > n.Enrollments && courses[i] > lo:
				courses[i]--
				sum--
			case sum < n.Enrollments && courses[i] < limit(i):
				courses[i]++
				sum++
			}
		}
	}

	// Enrollments, in the courses of the participant's city, in date order.
	statusOf := func(c string, r *rand.Rand) string {
		switch c {
		case "COMPLETED":
			if r.IntN(100) < 9 {
				return "WITHDRAWN"
			}
			return "COMPLETED"
		case "RUNNING":
			return "ENROLLED"
		case "OPEN":
			if r.IntN(3) == 0 {
				return "APPLIED"
			}
			return "ENROLLED"
		case "CANCELLED":
			return "WITHDRAWN"
		}
		return "APPLIED"
	}
	enrolled := make([]int, len(p.cohorts))
	p.member = -1
	for i, k := range courses {
		pi := p.trainers + i
		pp := &p.people[pi]
		pool := cohortsIn[pp.home]
		if len(pool) == 0 {
			pool = upTo(len(p.cohorts))
		}
		picked := make([]int, 0, k)
		for len(picked) < k {
			c := pool[r.IntN(len(pool))]
			if !slices.Contains(picked, c) {
				picked = append(picked, c)
			}
		}
		slices.Sort(picked)
		completed := false
		for _, c := range picked {
			co := p.cohorts[c]
			e := enrollmentPlan{person: pi, cohort: c, status: statusOf(co.status, r), at: notAfter(co.start.AddDate(0, -2, 0), today)}
			completed = completed || e.status == "COMPLETED"
			if pp.joined.IsZero() || e.at.Before(pp.joined) {
				pp.joined = e.at
			}
			enrolled[c]++
			for _, a := range co.activities {
				if e.status == "COMPLETED" && !slices.Contains(pp.activities, a) && r.IntN(3) == 0 {
					pp.activities = append(pp.activities, a)
				}
			}
			p.enrollments = append(p.enrollments, e)
		}
		slices.Sort(pp.activities)
		pp.privacy = seed.ParticipantPrivacy(r, completed)
		if pp.joined.IsZero() {
			pp.joined = today.AddDate(0, 0, -r.IntN(365))
		}
		if p.member < 0 && completed && pp.privacy.Listed && pp.privacy.Profile == visibility.Community {
			p.member = pi
		}
	}
	for i := range p.cohorts {
		p.cohorts[i].capacity = max(15, (enrolled[i]+9)/10*10)
	}

	// Surveys of completed enrollments, at the stages that have come: every
	// completer is asked at the start; fewer answer at each follow-up.
	type due struct{ e, stages int }
	var eligible []due
	capacity := 0
	for ei, e := range p.enrollments {
		if e.status != "COMPLETED" {
			continue
		}
		c := p.cohorts[e.cohort]
		d := 0
		for d < len(report.Stages) && !report.DueAfter(report.Stages[d], c.start, c.end).After(today) {
			d++
		}
		if d > 0 {
			eligible = append(eligible, due{ei, d})
			capacity += d
		}
	}
	target := min(n.Surveys, capacity)
	answered := make([]int, len(eligible))
	sum := 0
	if len(eligible) > 0 && target > 0 {
		mean := float64(target) / float64(len(eligible))
		for i, d := range eligible {
			k := 0
			if r.Float64() < mean { // the first answer, then each next more likely than not
				k = 1
				for k < d.stages && r.Float64() < min(0.9, (mean-1)/max(mean, 1)+0.25) {
					k++
				}
			}
			answered[i] = k
			sum += k
		}
		for guard := 0; sum != target && guard < 50*len(eligible); guard++ {
			i := r.IntN(len(eligible))
			switch {
			case sum > target && answered[i] > 0:
				answered[i]--
				sum--
			case sum < target && answered[i] < eligible[i].stages:
				answered[i]++
				sum++
			}
		}
	}
	p.surveys = make([]surveyPlan, 0, sum)
	occupations := []string{"EMPLOYED", "STUDYING", "SEEKING_WORK", "NOT_WORKING"}
	scale := func(v int) int { return min(5, max(1, v)) }
	chance := func(f float64) bool { return r.Float64() < f }
	for i, d := range eligible {
		c := p.cohorts[p.enrollments[d.e].cohort]
		indep := 1 + r.IntN(3)
		conf := scale(indep - 1 + r.IntN(3))
		gain := r.IntN(3)
		cooks, travels, community := chance(0.35), chance(0.25), chance(0.3)
		occ := occupations[3]
		switch v := r.IntN(100); {
		case v < 12:
			occ = occupations[0]
		case v < 22:
			occ = occupations[1]
		case v < 50:
			occ = occupations[2]
		}
		assisted := chance(0.2)
		peers := 0
		for s := range answered[i] {
			if s == 1 {
				indep, conf = scale(indep+gain), scale(conf+min(2, gain+r.IntN(2)))
				cooks, travels, community = cooks || chance(0.35), travels || chance(0.3), community || chance(0.6)
				peers = 4 + r.IntN(10)
			} else if s > 1 {
				indep, conf = scale(indep+r.IntN(3)-1+r.IntN(2)), scale(conf+r.IntN(3)-1)
				cooks, travels = cooks || chance(0.15), travels || chance(0.15)
				if occ == occupations[2] && chance(0.2) {
					occ = occupations[0]
				}
				peers += r.IntN(4)
			}
			at := report.DueAfter(report.Stages[s], c.start, c.end)
			if s > 0 {
				at = notAfter(at.AddDate(0, 0, r.IntN(15)), today)
			}
			p.surveys = append(p.surveys, surveyPlan{
				enrollment: d.e, stage: string(report.Stages[s]), independence: indep, confidence: conf,
				cooks: cooks, travels: travels, community: community, occupation: occ,
				peersMet: peers, assisted: assisted, at: at,
			})
		}
	}
	return p
}

// newRand is the generator of one part of the plan for size n.
func newRand(n, part int) *rand.Rand { return rand.New(rand.NewPCG(2026+uint64(part), uint64(n))) }

// upTo is 0, 1, ..., n-1.
func upTo(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func notAfter(t, limit time.Time) time.Time {
	if t.After(limit) {
		return limit
	}
	return t
}

// subset returns lo to hi distinct elements of vals, in their order.
func subset[T any](r *rand.Rand, vals []T, lo, hi int) []T {
	k := min(lo+r.IntN(hi-lo+1), len(vals))
	idx := r.Perm(len(vals))[:k]
	slices.Sort(idx)
	out := make([]T, k)
	for i, j := range idx {
		out[i] = vals[j]
	}
	return out
}

// jsonStrings is a JSON array of plain strings (languages, looking-for
// values: no characters that need escaping), or nil for none.
func jsonStrings(vals []string) any {
	if len(vals) == 0 {
		return nil
	}
	return `["` + strings.Join(vals, `","`) + `"]`
}

var languagesOf = map[string][][]string{
	"kk": {{"kk", "ru"}, {"kk", "ru"}, {"kk", "ru"}, {"kk"}, {"ru", "kk"}, {"kk", "ru", "en"}},
	"ru": {{"ru"}, {"ru"}, {"ru"}, {"ru", "kk"}, {"ru", "en"}},
}
