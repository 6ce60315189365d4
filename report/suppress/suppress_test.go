package suppress

import (
	"math/rand/v2"
	"testing"
)

// shown lists, row by row, what a reader of the grid sees: the count, or
// -1 for a suppressed cell; each row ends with its total and the last row
// holds the column totals and the grand total.
func shown(g *Grid, rows, cols int) [][]int {
	out := make([][]int, rows+1)
	show := func(c ID) int {
		if g.Suppressed(c) {
			return -1
		}
		return g.Value(c)
	}
	for i := range rows {
		for j := range cols {
			out[i] = append(out[i], show(g.Cell(i, j)))
		}
		out[i] = append(out[i], show(g.Row(i)))
	}
	for j := range cols {
		out[rows] = append(out[rows], show(g.Col(j)))
	}
	out[rows] = append(out[rows], show(g.Total()))
	return out
}

func solve(t *testing.T, p interface{ Solve() error }) {
	t.Helper()
	if err := p.Solve(); err != nil {
		t.Fatal(err)
	}
}

func TestPrimarySuppression(t *testing.T) {
	// Cells of 0, 4, 5 and 6 people; the rows are large enough that
	// complementary suppression has room to pick other cells.
	g := NewGrid([][]int{
		{0, 4, 5, 6, 30},
		{10, 10, 10, 10, 30},
	})
	solve(t, g)
	for _, c := range []struct {
		j    int
		want bool
	}{{0, false}, {1, true}, {2, true}, {3, false}, {4, false}} {
		if got := g.Suppressed(g.Cell(0, c.j)); got != c.want {
			t.Errorf("cell (0,%d) = %d: suppressed %v, want %v", c.j, g.Value(g.Cell(0, c.j)), got, c.want)
		}
	}
	// 4 is primary. Alone in its row it could be recovered from the row
	// total, so the smallest non-zero cell beside it (5) is hidden too,
	// which makes 9 >= 5 people hidden in the row.
	if got := shown(g, 2, 5); got[0][0] != 0 || got[0][3] != 6 {
		t.Errorf("the 0 and the 6 must stay shown: %v", got)
	}
	// Their columns now have one hidden cell each; the second row gives
	// up one cell in each.
	if !g.Suppressed(g.Cell(1, 1)) || !g.Suppressed(g.Cell(1, 2)) {
		t.Errorf("complementary cells in row 2 not hidden: %v", shown(g, 2, 5))
	}
	checkRule(t, &g.Problem)
	audit(t, &g.Problem)
}

func TestZeroIsShown(t *testing.T) {
	g := NewGrid([][]int{{0, 12}, {7, 9}})
	solve(t, g)
	for i := range 2 {
		for j := range 2 {
			if g.Suppressed(g.Cell(i, j)) {
				t.Errorf("nothing should be hidden: %v", shown(g, 2, 2))
			}
		}
	}
}

func TestComplementarySuppression(t *testing.T) {
	// Row 0 holds a 3: hiding only the 3 would leave it as 20 - 17.
	g := NewGrid([][]int{
		{3, 17, 0},
		{8, 6, 9},
		{7, 12, 11},
	})
	solve(t, g)
	got := shown(g, 3, 3)
	hiddenIn := func(cells []int) int {
		n := 0
		for _, v := range cells {
			if v < 0 {
				n++
			}
		}
		return n
	}
	for i, row := range got {
		if n := hiddenIn(row); n == 1 {
			t.Errorf("row %d has exactly one hidden figure: %v", i, got)
		}
	}
	for j := range 4 {
		var col []int
		for i := range 4 {
			col = append(col, got[i][j])
		}
		if n := hiddenIn(col); n == 1 {
			t.Errorf("column %d has exactly one hidden figure: %v", j, got)
		}
	}
	// The zero is never the complement: hiding it would protect nothing.
	if got[0][2] != 0 {
		t.Errorf("the 0 was hidden: %v", got)
	}
	if got[3][3] != 73 {
		t.Errorf("the grand total should stay shown: %v", got)
	}
	checkRule(t, &g.Problem)
	audit(t, &g.Problem)
}

func TestHiddenPartsHoldFivePeople(t *testing.T) {
	// 1 and 2 are both small: hidden together they would still say "3
	// people are in one of these two columns", so a third cell goes too.
	g := NewGrid([][]int{
		{1, 2, 12, 9},
		{6, 7, 8, 9},
	})
	solve(t, g)
	people := 0
	hidden := 0
	for j := range 4 {
		if g.Suppressed(g.Cell(0, j)) {
			hidden++
			people += g.Value(g.Cell(0, j))
		}
	}
	if hidden < 3 || people < MinCount {
		t.Errorf("row 0 hides %d cells with %d people: %v", hidden, people, shown(g, 2, 4))
	}
	checkRule(t, &g.Problem)
	audit(t, &g.Problem)
}

func TestSmallTotalIsHidden(t *testing.T) {
	// A whole row of 3 people: the total is primary, the parts must
	// follow it so that neither can be added up from the other.
	g := NewGrid([][]int{
		{3, 0},
		{9, 8},
		{7, 6},
	})
	solve(t, g)
	if !g.Suppressed(g.Row(0)) || !g.Suppressed(g.Cell(0, 0)) {
		t.Errorf("row of 3: %v", shown(g, 3, 2))
	}
	checkRule(t, &g.Problem)
	audit(t, &g.Problem)
}

// TestDifferencingAcrossGroupings publishes one count by course and by
// year, as package report does. Year 2019 had two courses, of 12 and 3
// people. Suppressing only the 3 in the by-course table would let anyone
// subtract: 15 (the 2019 row of the by-year table) - 12 = 3. Declared
// in one problem, the 12 is hidden as well.
func TestDifferencingAcrossGroupings(t *testing.T) {
	var p Problem
	c1, c2, c3 := p.Count(12), p.Count(3), p.Count(14) // 2019 spring, 2019 autumn, 2021
	y2019, y2021 := p.Count(15), p.Count(14)
	almaty := p.Count(29)
	all := p.Count(29)
	p.Sum(y2019, c1, c2)
	p.Sum(y2021, c3)
	p.Sum(almaty, c1, c2, c3)
	p.Sum(all, y2019, y2021)
	p.Sum(all, almaty)
	solve(t, &p)
	if !p.Suppressed(c2) {
		t.Fatal("the course of 3 is shown")
	}
	if !p.Suppressed(c1) && !p.Suppressed(y2019) {
		t.Fatal("2019 total - the 12-person course reveals the 3-person course")
	}
	if p.Suppressed(y2019) || p.Suppressed(all) || p.Suppressed(c3) {
		t.Error("more was hidden than needed")
	}
	// The attack: every sum with one unknown gives it away. Nothing
	// hidden may come out.
	if got := differencing(&p); len(got) > 0 {
		t.Errorf("differencing recovered %v", got)
	}
	audit(t, &p)
}

func TestShareAndMean(t *testing.T) {
	var p Problem
	// Three groups: 20 people of whom 4 improved, 20 of whom 16 improved,
	// 4 people; and the empty group.
	type group struct{ n, yes, no ID }
	add := func(n, yes int) group {
		g := group{p.Count(n), p.Count(yes), p.Count(n - yes)}
		p.Sum(g.n, g.yes, g.no)
		return g
	}
	a, b, c, d, e := add(20, 4), add(20, 16), add(4, 2), add(0, 0), add(30, 10)
	all := add(74, 32)
	for _, s := range [][3]ID{{all.n, all.yes, all.no}} {
		p.Sum(s[0], a.n, b.n, c.n, d.n, e.n)
		p.Sum(s[1], a.yes, b.yes, c.yes, d.yes, e.yes)
		p.Sum(s[2], a.no, b.no, c.no, d.no, e.no)
	}
	solve(t, &p)
	if !p.ShareCell(a.yes, a.n).Suppressed {
		t.Error("4 of 20: the numerator is small")
	}
	if !p.ShareCell(b.yes, b.n).Suppressed {
		t.Error("16 of 20: the complement (4) is small")
	}
	if !p.ShareCell(c.yes, c.n).Suppressed || !p.MeanCell(7, c.n).Suppressed {
		t.Error("a group of 4")
	}
	if s := p.ShareCell(d.yes, d.n); s.Suppressed || s.Value != nil || s.N == nil || *s.N != 0 {
		t.Errorf("empty group: %+v", s)
	}
	if s := p.ShareCell(all.yes, all.n); s.Suppressed || *s.Value != 32.0/74 || *s.N != 74 {
		t.Errorf("overall share: %+v", s)
	}
	if m := p.MeanCell(37, all.n); m.Suppressed || *m.Value != 0.5 {
		t.Errorf("overall mean: %+v", m)
	}
	if m := p.MeanCell(15, e.n); m.Suppressed || *m.Value != 0.5 {
		t.Errorf("mean of 30: %+v", m)
	}
	// The group of 4 is hidden among the group sizes, so one more size
	// (the smallest, a's 20) is hidden beside it, and with it a's mean:
	// otherwise the mean of the 4 would follow from the overall mean.
	if !p.MeanCell(10, a.n).Suppressed {
		t.Error("the complement's mean is shown")
	}
	checkRule(t, &p)
	if got := differencing(&p); len(got) > 0 {
		t.Errorf("differencing recovered %v", got)
	}
}

func TestCellText(t *testing.T) {
	var p Problem
	a, b := p.Count(3), p.Count(0)
	solve(t, &p)
	if got := p.CountCell(a).Text(0); got != "<5" {
		t.Errorf("suppressed: %q", got)
	}
	if got := p.CountCell(b).Text(0); got != "0" {
		t.Errorf("zero: %q", got)
	}
	if got := p.ShareCell(b, b).Text(3); got != "" {
		t.Errorf("share of nobody: %q", got)
	}
	if c := p.CountCell(a); c.Value != nil || c.N != nil {
		t.Errorf("a suppressed cell carries a number: %+v", c)
	}
}

func TestSumMustAddUp(t *testing.T) {
	var p Problem
	p.Sum(p.Count(10), p.Count(4), p.Count(5))
	if err := p.Solve(); err == nil {
		t.Fatal("a sum that does not add up was accepted")
	}
}

// TestRandomGrids checks the rule and the attacker's view on many small
// random tables with many small cells.
func TestRandomGrids(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for k := range 300 {
		rows, cols := 2+r.IntN(3), 2+r.IntN(3)
		counts := make([][]int, rows)
		for i := range counts {
			for range cols {
				v := r.IntN(12)
				if r.IntN(4) == 0 {
					v = 0
				}
				counts[i] = append(counts[i], v)
			}
		}
		g := NewGrid(counts)
		solve(t, g)
		checkRule(t, &g.Problem)
		if got := differencing(&g.Problem); len(got) > 0 {
			t.Fatalf("grid %d %v: differencing recovered %v from %v", k, counts, got, shown(g, rows, cols))
		}
		if rows*cols <= 9 {
			audit(t, &g.Problem)
		}
		if t.Failed() {
			t.Fatalf("grid %d: %v -> %v", k, counts, shown(g, rows, cols))
		}
	}
}

// checkRule verifies the rule of the package doc on every sum.
func checkRule(t *testing.T, p *Problem) {
	t.Helper()
	for c, v := range p.values {
		if v >= 1 && v < MinCount && !p.supp[c] {
			t.Errorf("cell %d of %d people is shown", c, v)
		}
	}
	for i := range p.nsums() {
		total, parts := p.sum(i)
		n, people := 0, 0
		for _, c := range parts {
			if p.supp[c] {
				n++
				people += p.values[c]
			}
		}
		switch {
		case p.supp[total] && n == 0:
			zero := true
			for _, c := range parts {
				zero = zero && p.values[c] == 0
			}
			if !zero {
				t.Errorf("sum %d: hidden total, every part shown", i)
			}
		case !p.supp[total] && n == 1:
			t.Errorf("sum %d: exactly one hidden part beside a shown total", i)
		case !p.supp[total] && n > 1 && people < MinCount:
			t.Errorf("sum %d: the hidden parts hold only %d people", i, people)
		}
	}
}

// differencing is the simple attack: wherever a sum has exactly one
// unknown member, compute it; repeat. It returns the hidden cells it
// recovered (with a value above zero: a hidden 0 tells nothing).
func differencing(p *Problem) map[ID]int {
	known := make([]bool, len(p.values))
	for c := range known {
		known[c] = !p.supp[c]
	}
	got := map[ID]int{}
	for changed := true; changed; {
		changed = false
		for i := range p.nsums() {
			members := p.members[p.start[i]:p.start[i+1]]
			unknown := -1
			n := 0
			for i, c := range members {
				if !known[c] {
					n++
					unknown = i
				}
			}
			if n != 1 {
				continue
			}
			c := members[unknown]
			known[c] = true
			changed = true
			if p.values[c] > 0 {
				got[c] = p.values[c]
			}
		}
	}
	return got
}

// audit is the thorough attack: it enumerates every assignment of counts
// to the hidden cells that agrees with what is shown and with every sum.
// A hidden cell is protected when the shown figures leave it more than
// one possible value, one of which is 0 or at least MinCount: the reader
// can neither compute it nor be sure it is a small group.
func audit(t *testing.T, p *Problem) {
	t.Helper()
	var unknown []ID
	bound := 0
	for c, v := range p.values {
		bound = max(bound, v)
		if p.supp[c] {
			unknown = append(unknown, ID(c))
		}
	}
	if len(unknown) == 0 {
		return
	}
	bound *= 2 // the reader does not know the largest hidden value
	val := make([]int, len(p.values))
	set := make([]bool, len(p.values))
	for c, v := range p.values {
		if !p.supp[c] {
			val[c], set[c] = v, true
		}
	}
	seen := map[ID]map[int]bool{}
	for _, c := range unknown {
		seen[c] = map[int]bool{}
	}
	consistent := func() bool {
		for i := range p.nsums() {
			st, parts := p.sum(i)
			total, all := 0, true
			for _, c := range parts {
				if !set[c] {
					all = false
					continue
				}
				total += val[c]
			}
			if set[st] && (total > val[st] || all && total != val[st]) {
				return false
			}
		}
		return true
	}
	steps := 0
	var walk func(i int)
	walk = func(i int) {
		steps++
		if steps > 2_000_000 {
			return
		}
		if i == len(unknown) {
			for _, c := range unknown {
				seen[c][val[c]] = true
			}
			return
		}
		c := unknown[i]
		for v := 0; v <= bound; v++ {
			val[c], set[c] = v, true
			if consistent() {
				walk(i + 1)
			}
		}
		set[c] = false
	}
	walk(0)
	if steps > 2_000_000 {
		t.Logf("audit: search cut short after %d steps", steps)
	}
	for _, c := range unknown {
		vals := seen[c]
		if !vals[p.values[c]] {
			t.Fatalf("audit: cell %d (%d) not among its own solutions", c, p.values[c])
		}
		protected := false
		for v := range vals {
			if v == 0 || v >= MinCount {
				protected = true
			}
		}
		if len(vals) < 2 || !protected && p.values[c] > 0 {
			t.Errorf("audit: hidden cell %d (%d people) can only be %v", c, p.values[c], keys(vals))
		}
	}
}

func keys(m map[int]bool) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestRandomHierarchies builds what package report publishes: courses
// that nest in years and, across them, in cities, each split in two
// categories, with the overall total; every grouping in one problem.
func TestRandomHierarchies(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for k := range 200 {
		var p Problem
		courses := 2 + r.IntN(4)
		years, cities := 1+r.IntN(3), 1+r.IntN(2)
		type cells struct{ n, yes, no ID }
		split := func(yes, no int) cells {
			c := cells{p.Count(yes + no), p.Count(yes), p.Count(no)}
			p.Sum(c.n, c.yes, c.no)
			return c
		}
		byYear := make([][]cells, years)
		byCity := make([][]cells, cities)
		var all []cells
		sums := map[string][2]int{}
		for range courses {
			yes, no := r.IntN(14), r.IntN(6)
			c := split(yes, no)
			y, ci := r.IntN(years), r.IntN(cities)
			byYear[y] = append(byYear[y], c)
			byCity[ci] = append(byCity[ci], c)
			all = append(all, c)
			for _, key := range []string{"y" + string(rune('0'+y)), "c" + string(rune('0'+ci)), "all"} {
				s := sums[key]
				sums[key] = [2]int{s[0] + yes, s[1] + no}
			}
		}
		group := func(key string, parts []cells) cells {
			s := sums[key]
			g := split(s[0], s[1])
			var n, yes, no []ID
			for _, c := range parts {
				n, yes, no = append(n, c.n), append(yes, c.yes), append(no, c.no)
			}
			p.Sum(g.n, n...)
			p.Sum(g.yes, yes...)
			p.Sum(g.no, no...)
			return g
		}
		top := group("all", all)
		var ys, cs []cells
		for y, parts := range byYear {
			if len(parts) > 0 {
				ys = append(ys, group("y"+string(rune('0'+y)), parts))
			}
		}
		for ci, parts := range byCity {
			if len(parts) > 0 {
				cs = append(cs, group("c"+string(rune('0'+ci)), parts))
			}
		}
		for _, level := range [][]cells{ys, cs} {
			var n, yes, no []ID
			for _, c := range level {
				n, yes, no = append(n, c.n), append(yes, c.yes), append(no, c.no)
			}
			p.Sum(top.n, n...)
			p.Sum(top.yes, yes...)
			p.Sum(top.no, no...)
		}
		solve(t, &p)
		checkRule(t, &p)
		if got := differencing(&p); len(got) > 0 {
			t.Fatalf("hierarchy %d: differencing recovered %v", k, got)
		}
		if t.Failed() {
			t.Fatalf("hierarchy %d", k)
		}
	}
}
