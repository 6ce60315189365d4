package report

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/report/benchdata"
	"github.com/shyraq/birge/viewer"
)

// BenchmarkDashboard times the reports over benchdata.Default (100,000
// people, 500,000 survey answers) on PostgreSQL. It needs
// BIRGE_TEST_DATABASE_URL; docs/BENCHMARKS.md has the figures.
//
//	BIRGE_TEST_DATABASE_URL=postgres://... go test ./report -run '^$' -bench Dashboard -benchtime 20x
func BenchmarkDashboard(b *testing.B) {
	if os.Getenv(testdb.EnvURL) == "" {
		b.Skip(testdb.EnvURL + " is not set: this benchmark runs on PostgreSQL")
	}
	db := testdb.Open(b)
	ctx := context.Background()
	start := time.Now()
	if err := benchdata.Fill(ctx, db.SQL, benchdata.Default); err != nil {
		b.Fatal(err)
	}
	b.Logf("filled in %v", time.Since(start))
	client := db.Client

	// Each statement of a snapshot on its own.
	for name, q := range map[string]string{"stage answers": stageSQL, "changes since baseline": pairSQL} {
		b.Run("sql/"+name, func(b *testing.B) {
			for b.Loop() {
				rows, err := client.QueryContext(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for rows.Next() {
					n++
				}
				rows.Close()
			}
		})
	}
	now := time.Now()
	var d *data
	b.Run("load (6 statements)", func(b *testing.B) {
		for b.Loop() {
			var err error
			if d, err = load(ctx, client, now); err != nil {
				b.Fatal(err)
			}
		}
	})
	var snap *Snapshot
	b.Run("suppress", func(b *testing.B) {
		for b.Loop() {
			var err error
			if snap, err = build(d, now); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Logf("%d courses, %d cells", len(d.courses), snap.p.Len())

	// A dashboard query computed from the database (MaxAge 0).
	cold := New(client, Options{})
	sys := viewer.SystemContext(ctx) // reports check the viewer; the system reads them all
	b.Run("cold/outcomes", func(b *testing.B) {
		for b.Loop() {
			if _, err := cold.Outcomes(sys, ByYear); err != nil {
				b.Fatal(err)
			}
		}
	})

	// Dashboard queries served from a snapshot (MaxAge > 0).
	warm := New(client, Options{MaxAge: time.Hour})
	if _, err := warm.Snapshot(ctx); err != nil {
		b.Fatal(err)
	}
	for _, g := range []Grouping{ByNone, ByYear, ByCity, ByCohort} {
		b.Run("served/reach/"+string(g), func(b *testing.B) {
			for b.Loop() {
				r, err := warm.Reach(sys, g)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := r.CSV(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("served/outcomes/"+string(g), func(b *testing.B) {
			for b.Loop() {
				o, err := warm.Outcomes(sys, g)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := o.CSV(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, g := range []FundingGrouping{ByFunder, ByFundingYear, ByPurpose} {
		b.Run("served/funding/"+string(g), func(b *testing.B) {
			for b.Loop() {
				f, err := warm.Funding(sys, g)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := f.CSV(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("served/headline", func(b *testing.B) {
		for b.Loop() {
			if _, err := warm.Headline(sys); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// synthetic is the per-course sums of benchdata.Default without a
// database: 4,000 courses of 25 in ten cities over 25 years.
func synthetic() *data {
	s := benchdata.Default
	d := &data{}
	for i := range s.People / s.CourseSize {
		c := &course{
			id: i + 1, name: "Course", city: []string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}[i%s.Cities],
			year: s.FirstYear + i%s.Years, counts: make([]int, nMeasures), sums: make([]int, 2*len(Stages)),
		}
		for range Stages {
			c.due = append(c.due, true)
		}
		c.counts[mParticipants], c.counts[mCompleted] = s.CourseSize, s.CourseSize-i%3
		c.counts[mNotCompleted] = i % 3
		for st := range Stages {
			c.counts[at(st, sResponded)] = c.counts[mCompleted] - (i+st)%6
			for k := range nIndicators {
				c.counts[at(st, sYes+k)] = (i + st + k) % (c.counts[at(st, sResponded)] + 1)
			}
			if st > 0 {
				c.counts[at(st, sPairs)] = max(0, min(c.counts[at(st, sResponded)], c.counts[at(0, sResponded)])-i%2)
				c.counts[at(st, sIndepUp)] = c.counts[at(st, sPairs)] / 2
				c.counts[at(st, sConfUp)] = c.counts[at(st, sPairs)] / 3
			}
		}
		complete(c)
		d.courses = append(d.courses, c)
	}
	return d
}

// BenchmarkSynthetic times suppression and serving without a database.
func BenchmarkSynthetic(b *testing.B) {
	d := synthetic()
	now := time.Now()
	var snap *Snapshot
	b.Run("suppress", func(b *testing.B) {
		for b.Loop() {
			var err error
			if snap, err = build(d, now); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("outcomes/COHORT", func(b *testing.B) {
		for b.Loop() {
			o, err := snap.Outcomes(ByCohort)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := o.CSV(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
