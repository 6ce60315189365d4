// Package search finds people in the directory by free text and filters,
// ranked by relevance, as a Relay connection.
//
// # Matching
//
// The text is split into words in the form of package textkey, so that
// Cyrillic and Latin spellings, Kazakh letters and case do not matter
// ("Aigerim" finds "Айгерім"). Every word of the query must match the
// person in one of these ways, worth these points:
//
//	ScoreExact  100  a word of their names or city, exactly
//	ScorePrefix  60  the start of a word of their names or city
//	ScoreTypo    40  a word of their names or city, one typo away (words of 5+ letters:
//	                 a letter replaced, added, dropped, or two neighbours swapped)
//	ScoreTag     20  a word (3+ letters: its start; 5+ letters: one typo away) of the
//	                 label, in kk, ru or en, of one of their interests or activities
//	ScoreBio     10  the start of a word of their bio (3+ letters), only where the
//	                 viewer may see their profile
//
// A word counts once, for the best way it matches. A person's score is the
// sum over the query's words; results are ordered by score (highest first),
// then family name (byte order, the same on SQLite and PostgreSQL), then ID.
// A query without words lists everyone the filters let through, in family
// name order.
//
// The matching and the score are computed in SQL with the same rules on
// SQLite and PostgreSQL, so both give the same results (the demo community
// is checked in testdata/demo.golden). On PostgreSQL, a GIN index of the
// words of search keys, with their one-letter deletions, finds the
// candidates of each word, typos included, in one index scan per query
// (see sql.go); SQLite reads its few hundred rows. One statement ranks,
// counts and loads a page; the people of matching tags (a statement per
// query word that names a tag) and bios (one statement) are looked up
// first.
//
// # Privacy
//
// Every query is built on client.Person.Query(), so the Person policy
// decides who is found at all; people who blocked the viewer, or whom the
// viewer blocked, are left out as well. Bios, languages and course
// histories count only where the viewer may see the person's profile.
package search

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/activity"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/interest"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/predicate"
	"github.com/shyraq/birge/ent/profile"
	"github.com/shyraq/birge/ent/schema"
	"github.com/shyraq/birge/keep"
	"github.com/shyraq/birge/textkey"
	"github.com/shyraq/birge/viewer"
)

// The points of a query word, by how it matches; see the package
// documentation.
const (
	ScoreExact  = 100
	ScorePrefix = 60
	ScoreTypo   = 40
	ScoreTag    = 20
	ScoreBio    = 10
)

// Query is what a person looks for: free text and filters. Zero fields
// filter nothing.
type Query struct {
	Text       string
	City       string // the city's name in any script ("Almaty", "Алматы")
	CohortID   int    // took part in this cohort
	CohortYear int    // took part in a course that started in this year
	ActivityID int
	InterestID int
	Language   string // ISO 639-1 code of a language they speak: kk, ru, en
	LookingFor string // one of schema.LookingFor
}

// Page sizes: a page asked for with neither first nor last has
// DefaultPage results; first and last may not exceed MaxPage.
const (
	DefaultPage = 20
	MaxPage     = 100
)

// Page asks for one page of results, as Relay does. Cursors hold the
// position of a result in the ranking.
type Page struct {
	After, Before *ent.Cursor
	First, Last   *int
	// Count asks for the number of all results (totalCount).
	Count bool
	// Load, if set, prepares the query that loads the people of the page,
	// for example to load the edges a GraphQL query selects.
	Load func(*ent.PersonQuery) (*ent.PersonQuery, error)
}

// Searcher searches the people of one ent client, keeping the tags that
// free text is matched with (activities and interests: few, public, and
// rarely changed) rather than reading them for every search.
type Searcher struct {
	client *ent.Client
	tags   *keep.Map[struct{}, tagSet] // nil: read for every search
}

// tagsMaxAge is how long tags are kept (see package keep: a change through
// the client is seen at once).
const tagsMaxAge = time.Minute

// New returns a Searcher of client, installing on it the hooks that tell
// the Searcher when tags change (and registering them with relay, nil for
// none).
func New(client *ent.Client, relay *keep.Relay) *Searcher {
	s := &Searcher{client: client, tags: keep.New[struct{}, tagSet](tagsMaxAge)}
	s.tags.Watch(client, relay, "Activity", "Interest")
	return s
}

// People returns the page p of the people matching q, best first, as the
// viewer of ctx may see them, reading the tags afresh (for one-off use;
// the API keeps them with a Searcher).
func People(ctx context.Context, client *ent.Client, q Query, p Page) (*ent.PersonConnection, error) {
	return (&Searcher{client: client}).People(ctx, q, p)
}

// People returns the page p of the people matching q, best first, as the
// viewer of ctx may see them.
func (s *Searcher) People(ctx context.Context, q Query, p Page) (*ent.PersonConnection, error) {
	client := s.client
	m, err := s.compile(ctx, q)
	if err != nil {
		return nil, err
	}
	if p.First == nil && p.Last == nil {
		n := DefaultPage
		p.First = &n
	}
	lo, hi, err := window(p)
	if err != nil {
		return nil, err
	}
	conn := &ent.PersonConnection{Edges: []*ent.PersonEdge{}}
	total := -1
	count := func() error {
		n, err := client.Person.Query().Where(m.where...).Count(ctx)
		if err != nil {
			return fmt.Errorf("search: count: %w", err)
		}
		total, conn.TotalCount = n, n
		return nil
	}
	if p.Last != nil {
		end := hi
		if end < 0 {
			// The last of all: their number is needed first.
			if err := count(); err != nil {
				return nil, err
			}
			end = total
		}
		lo = max(lo, end-*p.Last)
		hi = end
	}
	conn.PageInfo.HasPreviousPage = lo > 0
	if hi >= 0 && hi <= lo {
		if p.Count && total < 0 {
			return conn, count()
		}
		return conn, nil
	}
	// One statement ranks, counts (a window over all the matches) and
	// loads the page.
	pq := client.Person.Query().Where(m.where...).Order(m.order, withTotal).Offset(lo)
	if hi >= 0 {
		pq.Limit(hi - lo + 1) // one more, to know if there is a next page
	}
	if p.Load != nil {
		if pq, err = p.Load(pq); err != nil {
			return nil, err
		}
	}
	people, err := pq.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if hi >= 0 && len(people) > hi-lo {
		people = people[:hi-lo]
		conn.PageInfo.HasNextPage = true
	}
	switch {
	case total >= 0:
	case len(people) > 0:
		n, err := people[0].Value(totalColumn)
		if err != nil {
			return nil, fmt.Errorf("search: count: %w", err)
		}
		conn.TotalCount, err = asInt(n)
		if err != nil {
			return nil, fmt.Errorf("search: count: %w", err)
		}
	case p.Count:
		// A page past the end: count apart.
		if err := count(); err != nil {
			return nil, err
		}
	}
	for i, x := range people {
		conn.Edges = append(conn.Edges, &ent.PersonEdge{Node: x, Cursor: ent.Cursor{ID: x.ID, Value: lo + i}})
	}
	if n := len(conn.Edges); n > 0 {
		conn.PageInfo.StartCursor = &conn.Edges[0].Cursor
		conn.PageInfo.EndCursor = &conn.Edges[n-1].Cursor
	}
	return conn, nil
}

// totalColumn is the column of the number of all matches, selected with
// each result.
const totalColumn = "search_total"

// withTotal selects the number of all the rows that match with each row.
func withTotal(s *sql.Selector) {
	s.AppendSelectExprAs(sql.Raw("COUNT(*) OVER ()"), totalColumn)
}

// asInt reads an integer a driver returned.
func asInt(v any) (int, error) {
	switch n := v.(type) {
	case int64:
		return int(n), nil
	case int:
		return n, nil
	case int32:
		return int(n), nil
	case float64:
		return int(n), nil
	case []byte:
		return strconv.Atoi(string(n))
	}
	return 0, fmt.Errorf("unexpected %T", v)
}

// window returns the positions [lo, hi) that after, before and first ask
// for; hi is -1 when open. last is applied by the caller, which may need
// the total to do it.
func window(p Page) (lo, hi int, err error) {
	hi = -1
	if p.After != nil {
		n, err := position(p.After)
		if err != nil {
			return 0, 0, err
		}
		lo = n + 1
	}
	if p.Before != nil {
		n, err := position(p.Before)
		if err != nil {
			return 0, 0, err
		}
		hi = max(n, lo)
	}
	for _, arg := range []struct {
		name string
		n    *int
	}{{"first", p.First}, {"last", p.Last}} {
		if arg.n != nil && (*arg.n < 0 || *arg.n > MaxPage) {
			return 0, 0, apierror.Input("%s must be between 0 and %d (got %d)", arg.name, MaxPage, *arg.n)
		}
	}
	if p.First != nil && (hi < 0 || lo+*p.First < hi) {
		hi = lo + *p.First
	}
	return lo, hi, nil
}

// position reads the position in the ranking that a cursor of People holds.
func position(c *ent.Cursor) (int, error) {
	var n int64
	switch v := c.Value.(type) {
	case int:
		n = int64(v)
	case int8:
		n = int64(v)
	case int16:
		n = int64(v)
	case int32:
		n = int64(v)
	case int64:
		n = v
	case uint8:
		n = int64(v)
	case uint16:
		n = int64(v)
	case uint32:
		n = int64(v)
	case uint64:
		n = int64(min(v, 1<<40))
	default:
		return 0, apierror.Input("cursor: is not a cursor of these search results")
	}
	if n < 0 || n > 1<<40 {
		return 0, apierror.Input("cursor: is not a cursor of these search results")
	}
	return int(n), nil
}

// matcher is a compiled query: the predicates that select people and the
// order that ranks them.
type matcher struct {
	where []predicate.Person
	order func(*sql.Selector)
}

// compile turns q into predicates and a ranking for the viewer of ctx.
func (s *Searcher) compile(ctx context.Context, q Query) (*matcher, error) {
	client := s.client
	v := viewer.FromContext(ctx)
	if n := utf8.RuneCountInString(q.Text); n > MaxQueryChars {
		return nil, apierror.Input("query: must be at most %d characters (got %d)", MaxQueryChars, n)
	}
	m := &matcher{}
	if v.PersonID != 0 {
		m.where = append(m.where, person.Not(access.Blocked(v.PersonID)))
	}
	ws := words(q.Text)
	filters, err := filters(v, q, len(ws) == 0)
	if err != nil {
		return nil, err
	}
	m.where = append(m.where, filters...)

	var tags tagSet
	if len(ws) > 0 {
		if tags, err = s.loadTags(ctx); err != nil {
			return nil, err
		}
	}
	terms := make([]*term, len(ws))
	for i, w := range ws {
		terms[i] = newTerm(v, w, tags)
	}
	if err := loadOthers(ctx, client, terms); err != nil {
		return nil, err
	}
	for _, t := range terms {
		m.where = append(m.where, t.match)
	}
	m.order = func(s *sql.Selector) {
		if len(terms) > 0 {
			s.OrderExpr(sql.ExprFunc(func(b *sql.Builder) {
				for i, t := range terms {
					if i > 0 {
						b.WriteString(" + ")
					}
					t.score(s, b)
				}
				b.WriteString(" DESC")
			}))
		}
		s.OrderExpr(sql.ExprFunc(func(b *sql.Builder) {
			b.Ident(s.C(person.FieldFamilyName))
			if b.Dialect() == "postgres" {
				b.WriteString(` COLLATE "C"`)
			}
		}))
		s.OrderBy(s.C(person.FieldID))
	}
	return m, nil
}

// filters returns the predicates of q's filters, as v may apply them:
// filters on what v may not see of a person match nothing of it. alone
// says that no words of text narrow the people down.
func filters(v viewer.Viewer, q Query, alone bool) ([]predicate.Person, error) {
	var out []predicate.Person
	if q.City != "" {
		key := textkey.Key(q.City)
		if key == "" {
			return nil, apierror.Input("city: must contain letters")
		}
		out = append(out, person.CityNEQ(""), inCity(key, alone))
	}
	if q.CohortID != 0 {
		out = append(out, access.TookPartIn(v, enrollment.HasCohortWith(cohort.ID(q.CohortID))))
	}
	if q.CohortYear != 0 {
		if q.CohortYear < 1900 || q.CohortYear > 3000 {
			return nil, apierror.Input("cohortYear: must be a year, such as 2023")
		}
		start := time.Date(q.CohortYear, time.January, 1, 0, 0, 0, 0, time.UTC)
		out = append(out, access.TookPartIn(v, enrollment.HasCohortWith(cohort.StartDateGTE(start), cohort.StartDateLT(start.AddDate(1, 0, 0)))))
	}
	if q.ActivityID != 0 {
		out = append(out, person.HasActivitiesWith(activity.ID(q.ActivityID)))
	}
	if q.InterestID != 0 {
		out = append(out, person.HasInterestsWith(interest.ID(q.InterestID)))
	}
	if q.Language != "" {
		if !schema.IsLanguageCode(q.Language) {
			return nil, apierror.Input("language: must be a two-letter language code, such as kk, ru or en")
		}
		out = append(out, access.Showing(v, access.Profile, person.HasProfileWith(func(s *sql.Selector) {
			s.Where(sqljson.ValueContains(s.C(profile.FieldLanguages), q.Language))
		})))
	}
	if q.LookingFor != "" {
		if !slices.Contains(schema.LookingFor, q.LookingFor) {
			return nil, apierror.Input("lookingFor: %q is not one of %v", q.LookingFor, schema.LookingFor)
		}
		out = append(out, func(s *sql.Selector) {
			s.Where(sqljson.ValueContains(s.C(person.FieldLookingFor), q.LookingFor))
		})
	}
	return out, nil
}

// InCity is the predicate of the people whose city is city, in any script
// or case: the words of its key end their search key ("Almaty" and
// "Алматы" agree; so do "Kamenogorsk" and "Ust-Kamenogorsk").
func InCity(city string) predicate.Person {
	key := textkey.Key(city)
	if key == "" {
		return person.IDIn() // no one
	}
	return person.And(person.CityNEQ(""), inCity(key, true))
}

// tagSet is the activities and interests that query words are matched
// against.
type tagSet struct{ activities, interests []Tag }

// loadTags returns every activity and interest, as tags to match: kept,
// or read.
func (s *Searcher) loadTags(ctx context.Context) (tagSet, error) {
	if s.tags == nil {
		return readTags(ctx, s.client)
	}
	return s.tags.Get(ctx, struct{}{}, func(ctx context.Context) (tagSet, error) { return readTags(ctx, s.client) })
}

// readTags reads every activity and interest, as tags to match. Tags are
// few (tens), and public: one viewer's read serves all.
func readTags(ctx context.Context, client *ent.Client) (tagSet, error) {
	acts, err := client.Activity.Query().All(ctx)
	if err != nil {
		return tagSet{}, fmt.Errorf("search: activities: %w", err)
	}
	ints, err := client.Interest.Query().All(ctx)
	if err != nil {
		return tagSet{}, fmt.Errorf("search: interests: %w", err)
	}
	var tags tagSet
	for _, a := range acts {
		tags.activities = append(tags.activities, NewTag(a.ID, a.Slug, a.LabelKk, a.LabelRu, a.LabelEn))
	}
	for _, i := range ints {
		tags.interests = append(tags.interests, NewTag(i.ID, i.Slug, i.LabelKk, i.LabelRu, i.LabelEn))
	}
	return tags, nil
}
