package search

import (
	"strconv"

	"entgo.io/ent/dialect/sql"

	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/predicate"
	"github.com/shyraq/birge/ent/profile"
	"github.com/shyraq/birge/viewer"
)

// term is one word of a query, with what it may match.
type term struct {
	word       string
	typos      []string // LIKE patterns one edit away, unpadded
	interests  []int    // IDs of the interests whose labels it finds
	activities []int    // IDs of the activities whose labels it finds
	bio        bool     // whether bios are searched for it
	// bioVisible is the predicate of the people whose bio v may see; nil
	// when v may see every bio.
	bioVisible predicate.Person
}

func newTerm(v viewer.Viewer, w string, tags tagSet) term {
	return term{
		word:       w,
		typos:      typoPatterns(w),
		interests:  matchTags(w, tags.interests),
		activities: matchTags(w, tags.activities),
		bio:        len(w) >= minBioLen,
		bioVisible: access.GroupVisible(v, access.Profile),
	}
}

// padded is the search key column col with a space on either side, so
// that LIKE patterns can mark the starts and ends of words. PostgreSQL's
// trigram indexes are on this very expression.
func padded(col string) sql.Querier {
	return sql.ExprFunc(func(b *sql.Builder) {
		b.WriteString("(' ' || ").Ident(col).WriteString(" || ' ')")
	})
}

// like is the predicate "expr LIKE pattern".
func like(expr sql.Querier, pattern string) *sql.Predicate {
	return sql.P(func(b *sql.Builder) {
		b.Join(expr).WriteString(" LIKE ").Arg(pattern)
	})
}

// exact, prefix and typo match a word of the padded key col.
func (t term) exact(col string) *sql.Predicate { return like(padded(col), "% "+t.word+" %") }

func (t term) prefix(col string) *sql.Predicate { return like(padded(col), "% "+t.word+"%") }

// typo matches a word one edit away from the term's. A word one edit away
// from w keeps either w's first half (up to h) or its second half (after
// h), whichever side the edit is not on; the check of both halves comes
// first, and an index serves it, so that the long list of exact patterns
// is tried only on the few rows that pass.
func (t term) typo(col string) *sql.Predicate {
	ps := make([]*sql.Predicate, len(t.typos))
	for i, p := range t.typos {
		ps[i] = like(padded(col), "% "+p+" %")
	}
	h := len(t.word) / 2
	halves := sql.Or(
		like(padded(col), "% "+t.word[:h]+"%"),
		like(padded(col), "%"+t.word[h+1:]+" %"),
	)
	return sql.And(halves, sql.Or(ps...))
}

// tagged selects the IDs of the people with one of the term's tags, or
// returns nil if it matches none.
func (t term) tagged(d string) *sql.Selector {
	var sel *sql.Selector
	add := func(table string, pk []string, ids []int) {
		if len(ids) == 0 {
			return
		}
		s := sql.Dialect(d).Select(pk[0]).From(sql.Dialect(d).Table(table)).Where(sql.InInts(pk[1], ids...))
		if sel == nil {
			sel = s
		} else {
			sel.UnionAll(s)
		}
	}
	add(person.InterestsTable, person.InterestsPrimaryKey, t.interests)
	add(person.ActivitiesTable, person.ActivitiesPrimaryKey, t.activities)
	return sel
}

// bios selects the IDs of the people whose bio has a word starting with
// the term, among those whose profile the viewer may see, or returns nil
// if bios are not searched for the term.
func (t term) bios(d string) *sql.Selector {
	if !t.bio {
		return nil
	}
	pr := sql.Dialect(d).Table(profile.Table).As("sb")
	sel := sql.Dialect(d).Select(pr.C(profile.FieldPersonID)).From(pr).
		Where(t.prefix(pr.C(profile.FieldSearchBio)))
	if t.bioVisible == nil {
		return sel
	}
	pt := sql.Dialect(d).Table(person.Table).As("sv")
	sel = sql.Dialect(d).Select(pt.C(person.FieldID)).From(pt).
		Join(pr).On(pt.C(person.FieldID), pr.C(profile.FieldPersonID)).
		Where(t.prefix(pr.C(profile.FieldSearchBio)))
	t.bioVisible(sel)
	return sel
}

// match is the predicate of the people the term matches in any way: a
// word of their names or city (exactly, its start, or with a typo), or
// their ID is among those of the tags and bios it matches.
//
// On PostgreSQL, the IDs are a set computed once (= ANY(ARRAY(...))), so
// that each way of matching is served by an index (trigrams for the key,
// the primary key for the IDs) and the words of a query combine in bitmaps
// before any row is read.
func (t term) match(s *sql.Selector) {
	key := s.C(person.FieldSearchKey)
	arms := []*sql.Predicate{t.prefix(key)}
	if len(t.typos) > 0 {
		arms = append(arms, t.typo(key))
	}
	if others := t.others(s.Dialect()); others != nil {
		arms = append(arms, idIn(s.C(person.FieldID), others))
	}
	s.Where(sql.Or(arms...))
}

// others selects the IDs of the people the term matches by a tag or bio,
// or returns nil if it cannot.
func (t term) others(d string) *sql.Selector {
	tagged, bios := t.tagged(d), t.bios(d)
	switch {
	case tagged == nil:
		return bios
	case bios != nil:
		tagged.UnionAll(bios)
	}
	return tagged
}

// idIn is the predicate "col is one of the IDs sel selects".
func idIn(col string, sel *sql.Selector) *sql.Predicate {
	return sql.P(func(b *sql.Builder) {
		if b.Dialect() == "postgres" {
			b.Ident(col).WriteString(" = ANY(ARRAY").Wrap(func(b *sql.Builder) { b.Join(sel) }).WriteString(")")
			return
		}
		b.Join(sql.In(col, sel))
	})
}

// score writes the term's points for the person row of s: the best way it
// matches (see the package documentation), 0 if none.
func (t term) score(s *sql.Selector, b *sql.Builder) {
	d := s.Dialect()
	key := s.C(person.FieldSearchKey)
	id := s.C(person.FieldID)
	when := func(p *sql.Predicate, points int) {
		b.WriteString(" WHEN ").Join(p).WriteString(" THEN " + strconv.Itoa(points))
	}
	b.WriteString("(CASE")
	when(t.exact(key), ScoreExact)
	when(t.prefix(key), ScorePrefix)
	if len(t.typos) > 0 {
		when(t.typo(key), ScoreTypo)
	}
	if sel := t.tagged(d); sel != nil {
		when(idIn(id, sel), ScoreTag)
	}
	if sel := t.bios(d); sel != nil {
		when(idIn(id, sel), ScoreBio)
	}
	b.WriteString(" ELSE 0 END)")
}
