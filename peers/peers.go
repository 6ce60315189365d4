// Package peers suggests people the viewer may want to connect with, and
// says why.
//
// A candidate is someone the viewer may see (the Person policy), who
// consented to the directory and to being asked to connect (PEER_CONTACT,
// granted and not revoked: suggestions lead to asking), is not the viewer,
// and has no connection with the viewer in any state (so not someone who
// blocked the viewer or whom the viewer blocked, nor a request already
// made or declined). Their score adds up what they share with the viewer:
//
//	WeightCohort      30  per course both took part in (enrolled or completed), counted
//	                      only where the viewer may see the candidate's course history
//	WeightActivity    10  per activity both took up
//	WeightInterest    10  per interest both listed
//	WeightCity         8  the same city (in any script)
//	WeightLookingFor   6  per thing both look for (FRIENDS, STUDY, ...)
//
// A viewer who has not granted PEER_CONTACT still gets suggestions: asking
// one of them tells them to grant it first.
//
// People with a score of 0 are not suggested. Suggestions are ordered by
// score (highest first), then family name (byte order) and ID. The score is
// computed in SQL, so that only the best are loaded; each suggestion then
// carries its reasons, structured so that the web app can phrase them in
// its languages ("You were both on the 2023 spring course; you both sing").
package peers

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/connections"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/predicate"
	"github.com/shyraq/birge/ent/schema"
	"github.com/shyraq/birge/search"
	"github.com/shyraq/birge/textkey"
	"github.com/shyraq/birge/viewer"
)

// The weights of what a candidate shares with the viewer.
const (
	WeightCohort     = 30
	WeightActivity   = 10
	WeightInterest   = 10
	WeightCity       = 8
	WeightLookingFor = 6
)

// MaxSuggestions bounds one list of suggestions.
const MaxSuggestions = 20

// ReasonKind says what a reason is about.
type ReasonKind string

// The kinds of reasons.
const (
	SharedCohort   ReasonKind = "SHARED_COHORT"
	SharedActivity ReasonKind = "SHARED_ACTIVITY"
	SharedInterest ReasonKind = "SHARED_INTEREST"
	SameCity       ReasonKind = "SAME_CITY"
	LookingFor     ReasonKind = "LOOKING_FOR"
)

var kinds = []ReasonKind{SharedCohort, SharedActivity, SharedInterest, SameCity, LookingFor}

// MarshalGQL writes the kind as a GraphQL enum value.
func (k ReasonKind) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(k))) }

// UnmarshalGQL reads a GraphQL enum value.
func (k *ReasonKind) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || !slices.Contains(kinds, ReasonKind(s)) {
		return fmt.Errorf("%v is not a reason kind", v)
	}
	*k = ReasonKind(s)
	return nil
}

// Reason is one thing a suggested person shares with the viewer. Which
// field is set depends on the kind: Cohort for SHARED_COHORT, Activity for
// SHARED_ACTIVITY, Interest for SHARED_INTEREST, City for SAME_CITY,
// LookingFor for LOOKING_FOR.
type Reason struct {
	Kind       ReasonKind
	Cohort     *ent.Cohort
	Activity   *ent.Activity
	Interest   *ent.Interest
	City       *string // as the suggested person wrote it
	LookingFor *string
}

// Suggestion is a person suggested to the viewer, with the reasons and
// their score.
type Suggestion struct {
	Person  *ent.Person
	Score   int
	Reasons []*Reason
}

// took is what counts as taking part in a course.
var took = []enrollment.Status{enrollment.StatusENROLLED, enrollment.StatusCOMPLETED}

// profile is what the viewer shares with others.
type profile struct {
	me         *ent.Person
	cohorts    map[int]*ent.Cohort
	activities map[int]*ent.Activity
	interests  map[int]*ent.Interest
	city       string // key of the city, "" if none
}

// Suggest returns at most n (at most MaxSuggestions) suggestions for the
// viewer of ctx, best first. A viewer without a person in the directory
// gets none. load, if set, prepares the query that loads the suggested
// people (for example, to load what a GraphQL query selects of them).
func Suggest(ctx context.Context, client *ent.Client, n int, load func(*ent.PersonQuery) (*ent.PersonQuery, error)) ([]*Suggestion, error) {
	v := viewer.FromContext(ctx)
	n = min(n, MaxSuggestions)
	if v.PersonID == 0 || n <= 0 {
		return []*Suggestion{}, nil
	}
	p, err := loadProfile(ctx, client, v.PersonID)
	if err != nil {
		return nil, err
	}
	shares := p.shares(v)
	if len(shares) == 0 {
		return []*Suggestion{}, nil
	}
	ids, err := client.Person.Query().
		Where(
			person.ListedInDirectory(true),
			person.IDNEQ(v.PersonID),
			person.Not(access.Connected(v.PersonID)),
			connections.TakesRequests(),
			person.Or(shares...),
		).
		Order(p.order(v)).
		Limit(n).
		IDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("peers: rank: %w", err)
	}
	if len(ids) == 0 {
		return []*Suggestion{}, nil
	}
	sugs, err := p.reasons(ctx, client, ids)
	if err != nil {
		return nil, err
	}
	lq := client.Person.Query().Where(person.IDIn(ids...))
	if load != nil {
		if lq, err = load(lq); err != nil {
			return nil, err
		}
	}
	people, err := lq.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("peers: load: %w", err)
	}
	byID := map[int]*ent.Person{}
	for _, x := range people {
		byID[x.ID] = x
	}
	out := make([]*Suggestion, 0, len(sugs))
	for _, s := range sugs {
		if x := byID[s.Person.ID]; x != nil && s.Score > 0 {
			s.Person = x
			out = append(out, s)
		}
	}
	return out, nil
}

// loadProfile loads what the person id shares: courses, activities,
// interests, city and what they look for.
func loadProfile(ctx context.Context, client *ent.Client, id int) (*profile, error) {
	me, err := client.Person.Query().
		Where(person.ID(id)).
		WithActivities().
		WithInterests().
		WithEnrollments(func(q *ent.EnrollmentQuery) {
			q.Where(enrollment.StatusIn(took...)).WithCohort()
		}).
		Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("peers: load the viewer: %w", err)
	}
	p := &profile{
		me:         me,
		cohorts:    map[int]*ent.Cohort{},
		activities: map[int]*ent.Activity{},
		interests:  map[int]*ent.Interest{},
		city:       textkey.Key(me.City),
	}
	for _, e := range me.Edges.Enrollments {
		if e.Edges.Cohort != nil {
			p.cohorts[e.CohortID] = e.Edges.Cohort
		}
	}
	for _, a := range me.Edges.Activities {
		p.activities[a.ID] = a
	}
	for _, i := range me.Edges.Interests {
		p.interests[i.ID] = i
	}
	return p, nil
}

func keys[T any](m map[int]T) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// lookingFor returns the viewer's looking-for values, in schema order.
func (p *profile) lookingFor() []string {
	var out []string
	for _, l := range schema.LookingFor {
		if slices.Contains(p.me.LookingFor, l) {
			out = append(out, l)
		}
	}
	return out
}

// tookPartIn is the predicate of the people who took part in one of the
// viewer's courses, where v may see their course history.
func (p *profile) tookPartIn(v viewer.Viewer) predicate.Person {
	return access.TookPartIn(v, enrollment.CohortIDIn(keys(p.cohorts)...), enrollment.StatusIn(took...))
}

// lookingForValue is the predicate of the people who look for l.
func lookingForValue(l string) predicate.Person {
	return func(s *sql.Selector) {
		s.Where(sqljson.ValueContains(s.C(person.FieldLookingFor), l))
	}
}

// shares returns the predicates of the ways a person can share something
// with the viewer.
func (p *profile) shares(v viewer.Viewer) []predicate.Person {
	var out []predicate.Person
	if len(p.cohorts) > 0 {
		out = append(out, p.tookPartIn(v))
	}
	if len(p.activities) > 0 {
		out = append(out, person.HasActivitiesWith(func(s *sql.Selector) {
			s.Where(sql.InInts(s.C("id"), keys(p.activities)...))
		}))
	}
	if len(p.interests) > 0 {
		out = append(out, person.HasInterestsWith(func(s *sql.Selector) {
			s.Where(sql.InInts(s.C("id"), keys(p.interests)...))
		}))
	}
	if p.city != "" {
		out = append(out, search.InCity(p.me.City))
	}
	for _, l := range p.lookingFor() {
		out = append(out, lookingForValue(l))
	}
	return out
}

// order ranks candidates by their score, computed in SQL as the package
// documentation says, then by family name and ID.
func (p *profile) order(v viewer.Viewer) func(*sql.Selector) {
	return func(s *sql.Selector) {
		d := s.Dialect()
		id := s.C(person.FieldID)
		// when writes "(CASE WHEN pred THEN then ELSE 0 END)" for a
		// predicate on the person row of s.
		when := func(b *sql.Builder, pred predicate.Person, then func(*sql.Builder)) {
			sel := sql.Dialect(d).Select().From(sql.Dialect(d).Table(person.Table))
			pred(sel)
			b.WriteString("(CASE WHEN ").Join(sel.P()).WriteString(" THEN ")
			then(b)
			b.WriteString(" ELSE 0 END)")
		}
		// count writes weight times the number of distinct ids in col of
		// table whose ownerCol is the person row of s.
		count := func(b *sql.Builder, table, ownerCol, col string, ids []int, weight int, extra func(*sql.SelectTable) *sql.Predicate) {
			t := sql.Dialect(d).Table(table).As("pc")
			where := sql.And(sql.ColumnsEQ(t.C(ownerCol), id), sql.InInts(t.C(col), ids...))
			if extra != nil {
				where = sql.And(where, extra(t))
			}
			sel := sql.Dialect(d).SelectExpr(sql.Expr("COUNT(DISTINCT " + t.C(col) + ")")).From(t).Where(where)
			b.WriteString(strconv.Itoa(weight) + " * ").Wrap(func(b *sql.Builder) { b.Join(sel) })
		}
		s.OrderExpr(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("(0")
			if len(p.cohorts) > 0 {
				b.WriteString(" + ")
				statuses := make([]any, len(took))
				for i, st := range took {
					statuses[i] = string(st)
				}
				cohorts := func(b *sql.Builder) {
					count(b, enrollment.Table, enrollment.FieldPersonID, enrollment.FieldCohortID,
						keys(p.cohorts), WeightCohort, func(t *sql.SelectTable) *sql.Predicate {
							return sql.In(t.C(enrollment.FieldStatus), statuses...)
						})
				}
				if g := access.GroupVisible(v, access.Profile); g != nil {
					when(b, g, cohorts)
				} else {
					cohorts(b)
				}
			}
			if len(p.activities) > 0 {
				b.WriteString(" + ")
				count(b, person.ActivitiesTable, person.ActivitiesPrimaryKey[0], person.ActivitiesPrimaryKey[1],
					keys(p.activities), WeightActivity, nil)
			}
			if len(p.interests) > 0 {
				b.WriteString(" + ")
				count(b, person.InterestsTable, person.InterestsPrimaryKey[0], person.InterestsPrimaryKey[1],
					keys(p.interests), WeightInterest, nil)
			}
			if p.city != "" {
				b.WriteString(" + ")
				when(b, search.InCity(p.me.City), func(b *sql.Builder) { b.WriteString(strconv.Itoa(WeightCity)) })
			}
			for _, l := range p.lookingFor() {
				b.WriteString(" + ")
				when(b, lookingForValue(l), func(b *sql.Builder) { b.WriteString(strconv.Itoa(WeightLookingFor)) })
			}
			b.WriteString(") DESC")
		}))
		s.OrderExpr(sql.ExprFunc(func(b *sql.Builder) {
			b.Ident(s.C(person.FieldFamilyName))
			if d == "postgres" {
				b.WriteString(` COLLATE "C"`)
			}
		}))
		s.OrderBy(id)
	}
}

// reasons loads what the people ids share with the viewer, as the viewer
// may see it, and returns their suggestions in rank order.
func (p *profile) reasons(ctx context.Context, client *ent.Client, ids []int) ([]*Suggestion, error) {
	people, err := client.Person.Query().
		Where(person.IDIn(ids...)).
		WithActivities(func(q *ent.ActivityQuery) {
			q.Where(func(s *sql.Selector) { s.Where(sql.InInts(s.C("id"), keys(p.activities)...)) })
		}).
		WithInterests(func(q *ent.InterestQuery) {
			q.Where(func(s *sql.Selector) { s.Where(sql.InInts(s.C("id"), keys(p.interests)...)) })
		}).
		// The Enrollment policy leaves out course histories the viewer
		// may not see.
		WithEnrollments(func(q *ent.EnrollmentQuery) {
			q.Where(enrollment.CohortIDIn(keys(p.cohorts)...), enrollment.StatusIn(took...))
		}).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("peers: reasons: %w", err)
	}
	out := make([]*Suggestion, 0, len(people))
	for _, x := range people {
		s := &Suggestion{Person: x}
		var cohorts []*ent.Cohort
		for _, e := range x.Edges.Enrollments {
			if c := p.cohorts[e.CohortID]; c != nil && !slices.Contains(cohorts, c) {
				cohorts = append(cohorts, c)
			}
		}
		// The latest course first.
		slices.SortFunc(cohorts, func(a, b *ent.Cohort) int {
			return cmp.Or(b.StartDate.Compare(a.StartDate), cmp.Compare(a.ID, b.ID))
		})
		for _, c := range cohorts {
			s.add(&Reason{Kind: SharedCohort, Cohort: c}, WeightCohort)
		}
		for _, a := range sortedTags(x.Edges.Activities, func(a *ent.Activity) (string, int) { return a.Slug, a.ID }) {
			s.add(&Reason{Kind: SharedActivity, Activity: p.activities[a.ID]}, WeightActivity)
		}
		for _, i := range sortedTags(x.Edges.Interests, func(i *ent.Interest) (string, int) { return i.Slug, i.ID }) {
			s.add(&Reason{Kind: SharedInterest, Interest: p.interests[i.ID]}, WeightInterest)
		}
		if p.city != "" && sameCity(x.City, p.city) {
			s.add(&Reason{Kind: SameCity, City: &x.City}, WeightCity)
		}
		for _, l := range p.lookingFor() {
			if slices.Contains(x.LookingFor, l) {
				s.add(&Reason{Kind: LookingFor, LookingFor: &l}, WeightLookingFor)
			}
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *Suggestion) int {
		return cmp.Or(
			cmp.Compare(b.Score, a.Score),
			strings.Compare(a.Person.FamilyName, b.Person.FamilyName),
			cmp.Compare(a.Person.ID, b.Person.ID),
		)
	})
	return out, nil
}

func (s *Suggestion) add(r *Reason, weight int) {
	s.Reasons = append(s.Reasons, r)
	s.Score += weight
}

// sameCity mirrors search.InCity for a city key: the person's city's key
// ends with it, word by word.
func sameCity(city, key string) bool {
	k := textkey.Key(city)
	return k != "" && (k == key || strings.HasSuffix(k, " "+key))
}

func sortedTags[T any](tags []T, slugID func(T) (string, int)) []T {
	out := slices.Clone(tags)
	slices.SortFunc(out, func(a, b T) int {
		sa, ia := slugID(a)
		sb, ib := slugID(b)
		return cmp.Or(strings.Compare(sa, sb), cmp.Compare(ia, ib))
	})
	return out
}
