package search

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/lib/pq"

	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/activity"
	"github.com/shyraq/birge/ent/interest"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/predicate"
	"github.com/shyraq/birge/ent/privacy"
	"github.com/shyraq/birge/ent/profile"
	"github.com/shyraq/birge/viewer"
)

// How the SQL matches words, the same on SQLite and PostgreSQL:
//
//   - a word of a search key starts with w: the key, padded with a space on
//     either side, is LIKE '% w%';
//   - it is w: LIKE '% w %';
//   - it is one edit from w: GLOB (SQLite) or a regular expression
//     (PostgreSQL) over the padded key, with [a-z0-9] where a letter is
//     replaced or added.
//
// On PostgreSQL these are checked only on the rows that a GIN index of the
// words of the search keys lets through (database.SearchWords): it holds
// every word and, for words of 4 letters or more, every way of dropping
// one of their letters, marked with "~". A word one edit from w is then
// found among w:*, w's deletions, ~w and ~ of w's deletions: a handful
// of lookups. Bios have an index of their words (database.Words).

// term is one word of a query, with what it may match.
type term struct {
	word       string
	typos      []string // patterns of the words one edit away (typoPatterns)
	interests  []int    // IDs of the interests whose labels it finds
	activities []int    // IDs of the activities whose labels it finds
	bio        bool     // whether bios are searched for it
	// Loaded by loadOthers: the people with one of its tags, and those whose
	// bio has a word starting with it.
	tagged, bios []int
	// bioVisible is the predicate of the people whose bio the viewer may
	// see; nil if the viewer may see every bio.
	bioVisible predicate.Person
}

func newTerm(v viewer.Viewer, w string, tags tagSet) *term {
	return &term{
		word:       w,
		typos:      typoPatterns(w),
		interests:  matchTags(w, tags.interests),
		activities: matchTags(w, tags.activities),
		bio:        len(w) >= minBioLen,
		bioVisible: access.GroupVisible(v, access.Profile),
	}
}

// loadOthers finds the people the terms match by a tag or a bio. Looked
// up first, they enter the query as lists of IDs, so that the words of a
// query can combine in one index (PostgreSQL). The people with a tag are
// those the viewer may see (the Person policy applies). The bios are read
// whoever may see them: only their owners' IDs leave this package's
// query, which admits a bio's match only where the viewer may see the
// profile (match), so the lookup itself stays a short indexed statement.
func loadOthers(ctx context.Context, client *ent.Client, terms []*term) error {
	bios := false
	for _, t := range terms {
		if len(t.interests)+len(t.activities) > 0 {
			ids, err := client.Person.Query().Where(person.Or(
				person.HasInterestsWith(interest.IDIn(t.interests...)),
				person.HasActivitiesWith(activity.IDIn(t.activities...)),
			)).IDs(ctx)
			if err != nil {
				return fmt.Errorf("search: tags: %w", err)
			}
			t.tagged = ids
		}
		bios = bios || t.bio
	}
	if !bios {
		return nil
	}
	// One query for the bios of all the terms; which term a bio matches is
	// told apart here, by the same rule.
	profiles, err := client.Profile.Query().
		Where(func(s *sql.Selector) {
			col := s.C(profile.FieldSearchBio)
			var either []*sql.Predicate
			for _, t := range terms {
				if t.bio {
					either = append(either, t.bioPrefix(col))
				}
			}
			s.Where(sql.Or(either...))
		}).
		Select(profile.FieldPersonID, profile.FieldSearchBio).
		All(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return fmt.Errorf("search: bios: %w", err)
	}
	for _, b := range profiles {
		words := strings.Fields(b.SearchBio)
		for _, t := range terms {
			if t.bio && slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, t.word) }) {
				t.bios = append(t.bios, b.PersonID)
			}
		}
	}
	return nil
}

func postgres(b *sql.Builder) bool { return b.Dialect() == dialect.Postgres }

// padded is the text column col with a space on either side, so that
// patterns can mark the starts and ends of words.
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

// tsMatch is the predicate "fn(col) @@ q" for one of the functions
// database.Words and database.SearchWords, served by its GIN index
// (PostgreSQL).
func tsMatch(fn, col, q string) *sql.Predicate {
	return sql.P(func(b *sql.Builder) {
		b.WriteString(fn + "(").Ident(col).WriteString(") @@ ").Arg(q).WriteString("::tsquery")
	})
}

// lexeme quotes a word as a tsquery lexeme; words are letters, digits and ~.
func lexeme(w string) string { return "'" + w + "'" }

// exact, prefix and typo match a word of the padded key col.
func (t *term) exact(col string) *sql.Predicate { return like(padded(col), "% "+t.word+" %") }

func (t *term) prefix(col string) *sql.Predicate { return like(padded(col), "% "+t.word+"%") }

func (t *term) typo(col string) *sql.Predicate {
	return sql.P(func(b *sql.Builder) {
		anyChar := string(anyChar)
		if postgres(b) {
			alts := make([]string, len(t.typos))
			for i, p := range t.typos {
				alts[i] = strings.ReplaceAll(p, anyChar, "[a-z0-9]")
			}
			b.Join(padded(col)).WriteString(" ~ ").Arg(" (" + strings.Join(alts, "|") + ") ")
			return
		}
		ps := make([]*sql.Predicate, len(t.typos))
		for i, p := range t.typos {
			pattern := "* " + strings.ReplaceAll(p, anyChar, "[a-z0-9]") + " *"
			ps[i] = sql.P(func(b *sql.Builder) { b.Join(padded(col)).WriteString(" GLOB ").Arg(pattern) })
		}
		b.Wrap(func(b *sql.Builder) { b.Join(sql.Or(ps...)) })
	})
}

// candidates is the predicate of the keys col with a word that may be the
// term's word, start with it, or be one edit away from it: a superset
// that the index serves, which prefix and typo then narrow down. The
// words are w:* and w's deletions; their deletions are ~w and ~ of w's
// deletions.
func (t *term) candidates(col string) *sql.Predicate {
	alts := []string{lexeme(t.word) + ":*"}
	if len(t.typos) > 0 {
		alts = append(alts, lexeme("~"+t.word))
		for _, d := range deletions(t.word) {
			alts = append(alts, lexeme(d), lexeme("~"+d))
		}
	}
	return tsMatch(database.SearchWords, col, strings.Join(alts, " | "))
}

// name matches a word of the search key col: its start, or one edit away.
func (t *term) name(col string) *sql.Predicate {
	match := t.prefix(col)
	if len(t.typos) > 0 {
		match = sql.Or(match, t.typo(col))
	}
	return sql.P(func(b *sql.Builder) {
		if postgres(b) {
			// The cheap, exact test first: on rows read for other reasons
			// it spares the call of the words function; the planner still
			// looks the candidates up in its index.
			b.Wrap(func(b *sql.Builder) { b.Join(sql.And(match, t.candidates(col))) })
			return
		}
		b.Wrap(func(b *sql.Builder) { b.Join(match) })
	})
}

// bioPrefix matches a bio (column col) with a word that starts with the
// term's.
func (t *term) bioPrefix(col string) *sql.Predicate {
	return sql.P(func(b *sql.Builder) {
		if postgres(b) {
			b.Join(tsMatch(database.Words, col, lexeme(t.word)+":*"))
			return
		}
		b.Join(t.prefix(col))
	})
}

// match is the predicate of the people the term matches in any way: a
// word of their names or city (its start, or one typo away), or a tag or
// bio (the IDs load found).
func (t *term) match(s *sql.Selector) {
	id := s.C(person.FieldID)
	arms := []*sql.Predicate{t.name(s.C(person.FieldSearchKey))}
	if len(t.tagged) > 0 {
		arms = append(arms, idIn(id, t.tagged))
	}
	if len(t.bios) > 0 {
		bio := idIn(id, t.bios)
		if t.bioVisible != nil {
			// The predicate on the person row of s, written apart.
			vis := sql.Dialect(s.Dialect()).Select().From(sql.Dialect(s.Dialect()).Table(person.Table))
			t.bioVisible(vis)
			bio = sql.And(bio, vis.P())
		}
		arms = append(arms, bio)
	}
	s.Where(sql.P(func(b *sql.Builder) { b.Wrap(func(b *sql.Builder) { b.Join(sql.Or(arms...)) }) }))
}

// idIn is the predicate "col is one of ids", with the list as one
// argument however long it is.
func idIn(col string, ids []int) *sql.Predicate {
	return sql.P(func(b *sql.Builder) {
		if postgres(b) {
			list := make([]int64, len(ids))
			for i, id := range ids {
				list[i] = int64(id)
			}
			b.Ident(col).WriteString(" = ANY(").Arg(pq.Array(list)).WriteString(")")
			return
		}
		list, _ := json.Marshal(ids)
		b.Ident(col).WriteString(" IN (SELECT value FROM json_each(").Arg(string(list)).WriteString("))")
	})
}

// score writes the term's points for the person row of s: the best way it
// matches (see the package documentation), 0 if none.
func (t *term) score(s *sql.Selector, b *sql.Builder) {
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
	if len(t.tagged) > 0 {
		when(idIn(id, t.tagged), ScoreTag)
	}
	if len(t.bios) > 0 {
		when(idIn(id, t.bios), ScoreBio)
	}
	b.WriteString(" ELSE 0 END)")
}

// inCity is the predicate of the people the city key (non-empty) names:
// the words of the key end their search key. With indexed, PostgreSQL
// looks the city's words up in the index of search keys; without, the
// city is only checked on the rows other words of the query found (a city
// is too common a word for the index to narrow them down further).
func inCity(key string, indexed bool) predicate.Person {
	return func(s *sql.Selector) {
		col := s.C(person.FieldSearchKey)
		match := like(padded(col), "% "+key+" ")
		s.Where(sql.P(func(b *sql.Builder) {
			if indexed && postgres(b) {
				ws := strings.Fields(key)
				for i, w := range ws {
					ws[i] = lexeme(w)
				}
				b.Wrap(func(b *sql.Builder) {
					b.Join(sql.And(match, tsMatch(database.SearchWords, col, strings.Join(ws, " & "))))
				})
				return
			}
			b.Join(match)
		}))
	}
}
