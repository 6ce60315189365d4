package suppress

// Grid is a two-way table of counts (rows by columns) with its row
// totals, column totals and grand total, as one Problem.
type Grid struct {
	Problem
	cells      [][]ID
	rows, cols []ID
	total      ID
}

// NewGrid declares the table counts (every row as long as the first) with
// its margins. Call Solve before reading suppression.
func NewGrid(counts [][]int) *Grid {
	g := &Grid{}
	ncol := 0
	if len(counts) > 0 {
		ncol = len(counts[0])
	}
	colSum := make([]int, ncol)
	all := 0
	g.cells = make([][]ID, len(counts))
	for i, row := range counts {
		if len(row) != ncol {
			panic("suppress: ragged grid")
		}
		g.cells[i] = make([]ID, ncol)
		t := 0
		for j, v := range row {
			g.cells[i][j] = g.Count(v)
			t += v
			colSum[j] += v
		}
		g.rows = append(g.rows, g.Count(t))
		all += t
	}
	for _, t := range colSum {
		g.cols = append(g.cols, g.Count(t))
	}
	g.total = g.Count(all)
	for i := range counts {
		g.Sum(g.rows[i], g.cells[i]...)
	}
	for j := range ncol {
		parts := make([]ID, len(counts))
		for i := range counts {
			parts[i] = g.cells[i][j]
		}
		g.Sum(g.cols[j], parts...)
	}
	g.Sum(g.total, g.rows...)
	g.Sum(g.total, g.cols...)
	return g
}

// Cell is the cell in row i, column j.
func (g *Grid) Cell(i, j int) ID { return g.cells[i][j] }

// Row is the total of row i.
func (g *Grid) Row(i int) ID { return g.rows[i] }

// Col is the total of column j.
func (g *Grid) Col(j int) ID { return g.cols[j] }

// Total is the grand total.
func (g *Grid) Total() ID { return g.total }
