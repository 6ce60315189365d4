package report

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/shyraq/birge/report/suppress"
)

// Snapshot is the suppressed figures of every report at one moment. It is
// immutable and safe for concurrent use.
type Snapshot struct {
	// GeneratedAt is when the figures were read.
	GeneratedAt time.Time

	p        *suppress.Problem
	all      *group
	years    []*group
	cities   []*group
	courses  []*group
	fundings []fundingRow
}

// group is a set of courses with their summed counts and the cells that
// publish them.
type group struct {
	Group
	courses int // courses run
	counts  []int
	sums    []int
	cells   []suppress.ID
}

// build declares every group's counts in one problem, with the sums that
// tie them together, and solves it.
func build(d *data, now time.Time) (*Snapshot, error) {
	s := &Snapshot{GeneratedAt: now, p: &suppress.Problem{}, fundings: d.fundings}
	newGroup := func(label string) *group {
		return &group{Group: Group{Label: label}, counts: make([]int, nMeasures), sums: make([]int, 2*len(Stages))}
	}
	add := func(g *group, c *course) {
		g.courses++
		for i, v := range c.counts {
			g.counts[i] += v
		}
		for i, v := range c.sums {
			g.sums[i] += v
		}
	}
	s.all = newGroup("all")
	byYear := map[int]*group{}
	byCity := map[string]*group{}
	yearOf := map[*group][]*group{} // year -> its courses
	cityOf := map[*group][]*group{}
	for _, c := range d.courses {
		cg := newGroup(c.name)
		year, city, id := c.year, c.city, c.id
		cg.Year, cg.City, cg.CohortID = &year, &city, &id
		add(cg, c)
		s.courses = append(s.courses, cg)
		add(s.all, c)
		y := byYear[c.year]
		if y == nil {
			y = newGroup(strconv.Itoa(c.year))
			y.Year = &year
			byYear[c.year] = y
			s.years = append(s.years, y)
		}
		add(y, c)
		yearOf[y] = append(yearOf[y], cg)
		ci := byCity[c.city]
		if ci == nil {
			ci = newGroup(c.city)
			ci.City = &city
			byCity[c.city] = ci
			s.cities = append(s.cities, ci)
		}
		add(ci, c)
		cityOf[ci] = append(cityOf[ci], cg)
	}
	slices.SortFunc(s.years, func(a, b *group) int { return cmp.Compare(*a.Year, *b.Year) })
	slices.SortFunc(s.cities, func(a, b *group) int { return cmp.Compare(*a.City, *b.City) })

	p := s.p
	groups := append([]*group{s.all}, s.years...)
	groups = append(groups, s.cities...)
	groups = append(groups, s.courses...)
	// When a figure must be given up to protect another, a course's is
	// given up before a year's or a city's, and those before an overall
	// one; and places before completions. Completions must stay: the
	// completers of courses too recent for a follow-up are what separates
	// the completers from those due at that follow-up, so hiding a
	// recent course's completers would hide every overall follow-up.
	level := map[*group]int{s.all: 4}
	for _, g := range s.years {
		level[g] = 2
	}
	for _, g := range s.cities {
		level[g] = 2
	}
	for _, g := range groups {
		g.cells = make([]suppress.ID, nMeasures)
		for m, v := range g.counts {
			g.cells[m] = p.Count(v)
			rank := level[g]
			if m != mParticipants && m != mNotCompleted {
				rank++
			}
			p.Rank(g.cells[m], rank)
		}
		splits(p, g.cells)
	}
	for m := range nMeasures {
		across := func(total *group, parts []*group) {
			ids := make([]suppress.ID, len(parts))
			for i, g := range parts {
				ids[i] = g.cells[m]
			}
			p.Sum(total.cells[m], ids...)
		}
		for _, y := range s.years {
			across(y, yearOf[y])
		}
		for _, c := range s.cities {
			across(c, cityOf[c])
		}
		across(s.all, s.years)
		across(s.all, s.cities)
		across(s.all, s.courses)
	}
	if err := p.Solve(); err != nil {
		return nil, err
	}
	return s, nil
}

// splits declares how one group's counts divide.
func splits(p *suppress.Problem, c []suppress.ID) {
	p.Sum(c[mParticipants], c[mCompleted], c[mNotCompleted])
	for st := range Stages {
		p.Sum(c[mCompleted], c[at(st, sDue)], c[at(st, sNotDue)])
		p.Sum(c[at(st, sDue)], c[at(st, sResponded)], c[at(st, sMissing)])
		for i := range nIndicators {
			p.Sum(c[at(st, sResponded)], c[at(st, sYes+i)], c[at(st, sNo+i)])
		}
		if st == 0 {
			continue
		}
		p.Sum(c[at(st, sResponded)], c[at(st, sPairs)], c[at(st, sNoBaseline)])
		p.Sum(c[at(0, sResponded)], c[at(st, sPairs)], c[at(st, sNoFollowUp)])
		p.Sum(c[at(st, sPairs)], c[at(st, sIndepUp)], c[at(st, sIndepNot)])
		p.Sum(c[at(st, sPairs)], c[at(st, sConfUp)], c[at(st, sConfNot)])
	}
}

// groups returns the rows of a grouping; nil for NONE, whose only row is
// the total.
func (s *Snapshot) groups(g Grouping) []*group {
	switch g {
	case ByYear:
		return s.years
	case ByCity:
		return s.cities
	case ByCohort:
		return s.courses
	}
	return nil
}

func (s *Snapshot) count(g *group, m int) Cell { return s.p.CountCell(g.cells[m]) }

func (s *Snapshot) share(g *group, part, total int) Cell {
	return s.p.ShareCell(g.cells[part], g.cells[total])
}

func (s *Snapshot) mean(g *group, sum, n int) Cell {
	return s.p.MeanCell(float64(g.sums[sum]), g.cells[n])
}
