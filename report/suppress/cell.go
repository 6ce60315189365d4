package suppress

import (
	"strconv"
)

// Cell is one published figure: a count, a share, a mean or a ratio. A
// suppressed cell carries no number. A cell about no one (n = 0) is not
// suppressed but has no value either: a share or mean of nobody is not a
// number.
type Cell struct {
	// Value is the figure: a count, a share from 0 to 1, a mean, or a
	// ratio. Nil when suppressed or when n is 0 for a share or mean.
	Value *float64
	// N is the number of people the figure describes (a share's
	// denominator). Nil when suppressed.
	N *int
	// Suppressed is true when the figure would describe, or give away,
	// fewer than MinCount people.
	Suppressed bool
}

// Hidden is a suppressed cell.
func Hidden() Cell { return Cell{Suppressed: true} }

// CountCell publishes the count of c.
func (p *Problem) CountCell(c ID) Cell {
	if p.Suppressed(c) {
		return Hidden()
	}
	n := p.values[c]
	v := float64(n)
	return Cell{Value: &v, N: &n}
}

// ShareCell publishes part/total. Declare part and its complement as parts
// of total (Sum) so that a small complement suppresses the share.
func (p *Problem) ShareCell(part, total ID) Cell {
	if p.Suppressed(part) || p.Suppressed(total) {
		return Hidden()
	}
	n := p.values[total]
	if n == 0 {
		return Cell{N: &n}
	}
	v := float64(p.values[part]) / float64(n)
	return Cell{Value: &v, N: &n}
}

// MeanCell publishes sum/n, where n is a count cell and sum adds up along
// the same sums as n (a sum of changes, an amount of money).
func (p *Problem) MeanCell(sum float64, n ID) Cell {
	if p.Suppressed(n) {
		return Hidden()
	}
	k := p.values[n]
	if k == 0 {
		return Cell{N: &k}
	}
	v := sum / float64(k)
	return Cell{Value: &v, N: &k}
}

// SuppressedText is how a suppressed cell is written in exports.
const SuppressedText = "<5"

// Text formats the cell for an export with the given number of decimals:
// "<5" when suppressed, "" when there is no value.
func (c Cell) Text(decimals int) string {
	switch {
	case c.Suppressed:
		return SuppressedText
	case c.Value == nil:
		return ""
	}
	return strconv.FormatFloat(*c.Value, 'f', decimals, 64)
}
