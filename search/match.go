package search

import (
	"slices"
	"strings"

	"github.com/shyraq/birge/textkey"
)

// Limits of a text query.
const (
	MaxQueryChars = 200 // longer queries are refused
	MaxWords      = 8   // words after the eighth are ignored
	MinTypoLen    = 5   // words this long or longer tolerate one typo
	maxTypoLen    = 24  // ... up to this length (bounds the SQL)
	minBioLen     = 3   // shorter words are not looked for in bios and tag labels
)

// words returns the distinct words of a query, in the form of package
// textkey, at most MaxWords of them.
func words(text string) []string {
	var out []string
	for _, w := range textkey.Words(text) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
		if len(out) == MaxWords {
			break
		}
	}
	return out
}

// anyChar marks, in a typo pattern, the place of any one letter or digit.
const anyChar = '?'

// typoPatterns returns the patterns of the words one edit away from w: a
// letter replaced or added (anyChar in its place), dropped, or two
// neighbours swapped. It returns none for words shorter than MinTypoLen.
// Words are ASCII letters and digits, so patterns need no escaping.
func typoPatterns(w string) []string {
	if len(w) < MinTypoLen || len(w) > maxTypoLen {
		return nil
	}
	var out []string
	add := func(p string) {
		if p != w && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	for i := range len(w) {
		add(w[:i] + string(anyChar) + w[i+1:]) // replaced
	}
	for i := range len(w) + 1 {
		add(w[:i] + string(anyChar) + w[i:]) // added
	}
	for _, d := range deletions(w) {
		add(d) // dropped
	}
	for i := range len(w) - 1 {
		if w[i] != w[i+1] {
			add(w[:i] + string(w[i+1]) + string(w[i]) + w[i+2:]) // swapped
		}
	}
	return out
}

// deletions returns the distinct words made by dropping one letter of w.
func deletions(w string) []string {
	var out []string
	for i := range len(w) {
		if d := w[:i] + w[i+1:]; !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// oneEdit reports whether a and b differ by exactly one edit: a letter
// replaced, added or dropped, or two neighbours swapped. It is what
// typoPatterns match, for use in Go.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if a[i+1:] == b[i+1:] {
			return true // replaced
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // swapped
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}

// wordMatches reports whether the query word w finds the word x of a tag
// label: the same word, its start (words of minBioLen letters or more), or
// one typo away (words of MinTypoLen letters or more).
func wordMatches(w, x string) bool {
	switch {
	case w == x:
		return true
	case len(w) >= minBioLen && strings.HasPrefix(x, w):
		return true
	case len(w) >= MinTypoLen && len(w) <= maxTypoLen && oneEdit(w, x):
		return true
	}
	return false
}

// Tag is an activity or interest as search matches it: its ID and the
// words of its labels in every language and of its slug.
type Tag struct {
	ID    int
	Words []string
}

// NewTag returns the tag with the given labels.
func NewTag(id int, labels ...string) Tag {
	var ws []string
	for _, l := range labels {
		for _, w := range textkey.Words(l) { // a hyphen parts words
			if !slices.Contains(ws, w) {
				ws = append(ws, w)
			}
		}
	}
	return Tag{ID: id, Words: ws}
}

// matchTags returns the IDs of the tags that the query word w finds.
func matchTags(w string, tags []Tag) []int {
	var ids []int
	for _, t := range tags {
		for _, x := range t.Words {
			if wordMatches(w, x) {
				ids = append(ids, t.ID)
				break
			}
		}
	}
	return ids
}
