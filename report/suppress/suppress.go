// Package suppress protects the people behind published aggregates: no
// figure may describe fewer than five people, and no hidden figure may be
// recovered from the figures that are shown.
//
// # The rule
//
// A report is a set of count cells (numbers of people) tied together by
// sums: a total is the sum of its parts (a year is the sum of its courses,
// a course's completers and non-completers sum to its participants). The
// caller declares every cell, including the ones it never shows but that a
// reader could compute (people who did not answer = completers - answers),
// and every sum between them, across every grouping it will ever publish.
// Then:
//
//  1. Primary suppression: every count of 1 to 4 people is suppressed. A
//     count of 0 is shown: it describes no one. (Where a 0 sits next to a
//     shown total it does say that the whole group shares an answer; that
//     is a statement about at least five people, which the rule accepts,
//     just as it accepts a share of 0% or 100% of five or more.)
//  2. Complementary suppression, repeated until nothing changes: in every
//     sum with a suppressed member,
//     - if the total is shown, at least two parts are suppressed and the
//     suppressed parts together hold at least five people (so their sum,
//     which the reader can compute, is not itself a small group);
//     - if the total is suppressed, at least one part is suppressed too (so
//     the total cannot be added up from its parts).
//     The cell added is the smallest non-zero part still shown (zeros are
//     easy to guess, so hiding one protects nothing); if there is none, the
//     total is suppressed instead.
//
// Because one Problem holds the cells of every grouping at once (by year,
// by city, by course and overall), a cell that appears in two groupings
// gets one decision, and a difference between two published groupings is
// one of the declared sums: the rule above covers it. Groupings that are
// not partitions of the same people (people counted twice, or "everyone
// except X") must not be published; package report only offers groupings
// that nest or are disjoint.
//
// Values derived from counts follow their counts:
//   - a count is suppressed when its cell is;
//   - a share k/n is suppressed when the cell of k or of n is suppressed
//     (declare the complement n-k as a part of n too, so that a small
//     n-k suppresses the share: "4 of 20 did not" is a small group);
//   - a mean (or a ratio, such as tenge per participant) over n people is
//     suppressed when the cell of n is; its sum must add up along the same
//     sums as n, so that hiding n hides it.
//
// A suppressed cell is returned as suppressed, with no number at all.
package suppress

import (
	"fmt"
	"slices"
)

// MinCount is the smallest number of people a shown figure may describe.
const MinCount = 5

// ID names a cell of a Problem.
type ID int32

// Problem is a set of count cells and the sums between them.
type Problem struct {
	values []int
	supp   []bool
	sums   []sum
	in     [][]int32 // cell -> indexes of the sums it takes part in
	solved bool
}

type sum struct {
	total ID
	parts []ID
}

// Count adds a cell counting n people.
func (p *Problem) Count(n int) ID {
	if n < 0 {
		panic(fmt.Sprintf("suppress: negative count %d", n))
	}
	p.values = append(p.values, n)
	p.supp = append(p.supp, false)
	p.in = append(p.in, nil)
	p.solved = false
	return ID(len(p.values) - 1)
}

// Sum declares that total is the sum of parts. Solve checks it.
func (p *Problem) Sum(total ID, parts ...ID) {
	i := int32(len(p.sums))
	p.sums = append(p.sums, sum{total: total, parts: slices.Clone(parts)})
	p.in[total] = append(p.in[total], i)
	for _, c := range parts {
		p.in[c] = append(p.in[c], i)
	}
	p.solved = false
}

// Len is the number of cells.
func (p *Problem) Len() int { return len(p.values) }

// Value is the true count of a cell. It is for the caller's own
// arithmetic; never publish it without asking Suppressed.
func (p *Problem) Value(id ID) int { return p.values[id] }

// Suppressed reports whether the cell must not be shown. It panics if the
// problem has changed since it was last solved.
func (p *Problem) Suppressed(id ID) bool {
	if !p.solved {
		panic("suppress: Suppressed before Solve")
	}
	return p.supp[id]
}

// Solve applies primary and complementary suppression. It fails only if a
// declared sum does not add up, which is a mistake of the caller.
func (p *Problem) Solve() error {
	for i, s := range p.sums {
		t := 0
		for _, c := range s.parts {
			t += p.values[c]
		}
		if t != p.values[s.total] {
			return fmt.Errorf("suppress: sum %d: parts add up to %d, total is %d", i, t, p.values[s.total])
		}
	}
	queued := make([]bool, len(p.sums))
	var work []int32
	push := func(c ID) {
		for _, s := range p.in[c] {
			if !queued[s] {
				queued[s] = true
				work = append(work, s)
			}
		}
	}
	for c, v := range p.values {
		p.supp[c] = v >= 1 && v < MinCount
		if p.supp[c] {
			push(ID(c))
		}
	}
	for len(work) > 0 {
		s := work[0]
		work = work[1:]
		queued[s] = false
		for _, c := range p.complete(p.sums[s]) {
			push(c)
		}
	}
	p.solved = true
	return nil
}

// complete suppresses cells of s until s satisfies the rule, and returns
// the cells it suppressed.
func (p *Problem) complete(s sum) []ID {
	var added []ID
	for {
		n, people := 0, 0
		for _, c := range s.parts {
			if p.supp[c] {
				n++
				people += p.values[c]
			}
		}
		switch {
		case n == 0 && !p.supp[s.total]:
			return added
		case p.supp[s.total] && n >= 1:
			return added
		case !p.supp[s.total] && n >= 2 && people >= MinCount:
			return added
		}
		c, ok := p.smallestShownPart(s)
		if !ok {
			if p.supp[s.total] {
				// Every part is 0 or hidden; nothing more can be hidden.
				return added
			}
			c = s.total
		}
		p.supp[c] = true
		added = append(added, c)
	}
}

// smallestShownPart is the part of s with the fewest people, above zero,
// that is still shown; ties go to the first declared.
func (p *Problem) smallestShownPart(s sum) (ID, bool) {
	best, found := ID(0), false
	for _, c := range s.parts {
		if p.supp[c] || p.values[c] == 0 {
			continue
		}
		if !found || p.values[c] < p.values[best] {
			best, found = c, true
		}
	}
	return best, found
}
