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
//     The cell added is the cheapest one still shown among the sum's
//     non-zero parts and its total (zeros are easy to guess, so hiding one
//     protects nothing): the lowest rank the caller gave (Rank), then the
//     fewest people, then the first declared. Package report ranks
//     figures of single courses below those of years and cities, and
//     those below the overall ones, so that detail is given up first.
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
	rank   []int32
	supp   []bool
	// The sums, flat: sum i is members[start[i]:start[i+1]], its total
	// first. Solve indexes them by cell.
	members []ID
	start   []int32
	solved  bool
}

// Count adds a cell counting n people.
func (p *Problem) Count(n int) ID {
	if n < 0 {
		panic(fmt.Sprintf("suppress: negative count %d", n))
	}
	p.values = append(p.values, n)
	p.rank = append(p.rank, 0)
	p.supp = append(p.supp, false)
	p.solved = false
	return ID(len(p.values) - 1)
}

// Rank sets how dear a cell is to keep shown (0 by default): when
// complementary suppression must hide one more cell, it hides one of the
// lowest rank.
func (p *Problem) Rank(id ID, rank int) {
	p.rank[id] = int32(rank)
	p.solved = false
}

// Sum declares that total is the sum of parts. Solve checks it.
func (p *Problem) Sum(total ID, parts ...ID) {
	if len(p.start) == 0 {
		p.start = append(p.start, 0)
	}
	p.members = append(p.members, total)
	p.members = append(p.members, parts...)
	p.start = append(p.start, int32(len(p.members)))
	p.solved = false
}

// sum returns the total and parts of sum i.
func (p *Problem) sum(i int) (ID, []ID) {
	m := p.members[p.start[i]:p.start[i+1]]
	return m[0], m[1:]
}

// nsums is the number of sums.
func (p *Problem) nsums() int { return max(0, len(p.start)-1) }

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
	n := p.nsums()
	// in[inStart[c]:inStart[c+1]] are the sums cell c takes part in.
	inStart := make([]int32, len(p.values)+1)
	for i := range n {
		total, parts := p.sum(i)
		t := 0
		for _, c := range parts {
			t += p.values[c]
			inStart[c+1]++
		}
		inStart[total+1]++
		if t != p.values[total] {
			return fmt.Errorf("suppress: sum %d: parts add up to %d, total is %d", i, t, p.values[total])
		}
	}
	for c := range p.values {
		inStart[c+1] += inStart[c]
	}
	in := make([]int32, inStart[len(p.values)])
	fill := slices.Clone(inStart[:len(p.values)])
	for i := range n {
		for _, c := range p.members[p.start[i]:p.start[i+1]] {
			in[fill[c]] = int32(i)
			fill[c]++
		}
	}

	queued := make([]bool, n)
	var work []int32
	push := func(c ID) {
		for _, s := range in[inStart[c]:inStart[c+1]] {
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
		for _, c := range p.complete(int(s)) {
			push(c)
		}
	}
	p.solved = true
	return nil
}

// complete suppresses cells of sum i until it satisfies the rule, and
// returns the cells it suppressed.
func (p *Problem) complete(i int) []ID {
	total, parts := p.sum(i)
	var added []ID
	for {
		n, people := 0, 0
		for _, c := range parts {
			if p.supp[c] {
				n++
				people += p.values[c]
			}
		}
		switch {
		case n == 0 && !p.supp[total]:
			return added
		case p.supp[total] && n >= 1:
			return added
		case !p.supp[total] && n >= 2 && people >= MinCount:
			return added
		}
		c, ok := p.cheapest(total, parts)
		if !ok {
			// Every part is 0 or hidden, and the total is hidden too:
			// nothing more can be hidden.
			return added
		}
		p.supp[c] = true
		added = append(added, c)
	}
}

// cheapest is the cell of a sum, among its shown non-zero parts and its total
// if shown, with the lowest rank, then the fewest people, then declared
// first (parts before the total).
func (p *Problem) cheapest(total ID, parts []ID) (ID, bool) {
	best, found := ID(0), false
	better := func(c ID) bool {
		if p.rank[c] != p.rank[best] {
			return p.rank[c] < p.rank[best]
		}
		return p.values[c] < p.values[best]
	}
	for _, c := range parts {
		if p.supp[c] || p.values[c] == 0 {
			continue
		}
		if !found || better(c) {
			best, found = c, true
		}
	}
	if !p.supp[total] && (!found || better(total)) {
		best, found = total, true
	}
	return best, found
}
