package report

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// Table is a report that can be written as CSV: Reach, Outcomes or
// Funding.
type Table interface {
	table() (header []string, rows [][]string)
}

// WriteCSV writes r as CSV with a header line. Suppressed figures are
// written "<5", figures about no one are empty; shares are fractions
// (0.250), means have two decimals, money is whole tenge.
func WriteCSV(w io.Writer, r Table) error {
	header, rows := r.table()
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// CSV returns r as CSV text (see WriteCSV).
func CSV(r Table) (string, error) {
	var b bytes.Buffer
	if err := WriteCSV(&b, r); err != nil {
		return "", err
	}
	return b.String(), nil
}

// CSV returns the report as CSV text.
func (r *Reach) CSV() (string, error) { return CSV(r) }

// CSV returns the report as CSV text.
func (o *Outcomes) CSV() (string, error) { return CSV(o) }

// CSV returns the report as CSV text.
func (f *Funding) CSV() (string, error) { return CSV(f) }

// whole formats a figure with no decimals: a count, or an amount of tenge.
func whole(c Cell) string { return c.Text(0) }
func share(c Cell) string { return c.Text(3) }
func mean(c Cell) string  { return c.Text(2) }
func kzt(n int64) string  { return strconv.FormatInt(n, 10) }
func number(n int) string { return strconv.Itoa(n) }
func optMean(c *Cell) string {
	if c == nil {
		return ""
	}
	return mean(*c)
}

func optShare(c *Cell) string {
	if c == nil {
		return ""
	}
	return share(*c)
}

func optWhole(c *Cell) string {
	if c == nil {
		return ""
	}
	return whole(*c)
}

func optInt(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func optText(s *string) string {
	if s == nil {
		return ""
	}
	return text(*s)
}

// text keeps a label from being read as a formula by a spreadsheet.
func text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

var groupHeader = []string{"group", "year", "city", "cohort_id"}

func groupColumns(g Group) []string {
	return []string{text(g.Label), optInt(g.Year), optText(g.City), optInt(g.CohortID)}
}

func (r *Reach) table() ([]string, [][]string) {
	header := append(groupHeader[:len(groupHeader):len(groupHeader)], "courses_run", "participants", "completed", "completion_rate")
	var rows [][]string
	for _, x := range append(r.Rows, r.Total) {
		rows = append(rows, append(groupColumns(x.Group),
			number(x.CoursesRun), whole(x.Participants), whole(x.Completed), share(x.CompletionRate)))
	}
	return header, rows
}

func (o *Outcomes) table() ([]string, [][]string) {
	header := append(groupHeader[:len(groupHeader):len(groupHeader)], "stage", "completed", "due", "responded", "response_rate",
		"cooks_for_self", "travels_alone", "community_participation", "employed_or_studying",
		"compared_with_baseline", "independence_improved", "independence_change",
		"confidence_improved", "confidence_change")
	var rows [][]string
	for _, x := range append(o.Rows, o.Total) {
		for _, s := range x.Stages {
			rows = append(rows, append(groupColumns(x.Group),
				string(s.Stage), whole(x.Completed), whole(s.Due), whole(s.Responded), share(s.ResponseRate),
				share(s.CooksForSelf), share(s.TravelsAlone), share(s.CommunityParticipation), share(s.EmployedOrStudying),
				optWhole(s.Compared), optShare(s.IndependenceImproved), optMean(s.IndependenceChange),
				optShare(s.ConfidenceImproved), optMean(s.ConfidenceChange)))
		}
	}
	return header, rows
}

func (f *Funding) table() ([]string, [][]string) {
	var header []string
	var rows [][]string
	switch f.GroupBy {
	case ByFundingYear:
		header = []string{"year", "amount_kzt", "grants", "participants", "completed", "cost_per_participant_kzt", "cost_per_completer_kzt"}
		grants := map[int]int{}
		for _, r := range f.Rows {
			grants[*r.Year] = r.Grants
		}
		for _, c := range f.CostByYear {
			rows = append(rows, []string{number(c.Year), kzt(c.FundingKZT), number(grants[c.Year]),
				whole(c.Participants), whole(c.Completed), whole(c.PerParticipantKZT), whole(c.PerCompleterKZT)})
		}
		total := 0
		for _, r := range f.Rows {
			total += r.Grants
		}
		rows = append(rows, []string{"all", kzt(f.TotalKZT), number(total), "", "", whole(f.PerParticipantKZT), whole(f.PerCompleterKZT)})
	default:
		header = []string{strings.ToLower(string(f.GroupBy)), "funder_id", "amount_kzt", "grants"}
		total := 0
		for _, r := range f.Rows {
			rows = append(rows, []string{text(r.Label), optInt(r.FunderID), kzt(r.AmountKZT), number(r.Grants)})
			total += r.Grants
		}
		rows = append(rows, []string{"all", "", kzt(f.TotalKZT), number(total)})
	}
	return header, rows
}
