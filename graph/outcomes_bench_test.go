package graph_test

import (
	"context"
	"os"
	"testing"

	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/report/benchdata"
	"github.com/shyraq/birge/viewer"
)

// BenchmarkOutcomesGraphQL times the dashboard's GraphQL queries over
// benchdata.Default (100,000 people, 500,000 survey answers) on
// PostgreSQL, as a partner, through the whole handler. It needs
// BIRGE_TEST_DATABASE_URL; docs/BENCHMARKS.md has the figures.
func BenchmarkOutcomesGraphQL(b *testing.B) {
	if os.Getenv(testdb.EnvURL) == "" {
		b.Skip(testdb.EnvURL + " is not set: this benchmark runs on PostgreSQL")
	}
	db := testdb.Open(b)
	if err := benchdata.Fill(context.Background(), db.SQL, benchdata.Default); err != nil {
		b.Fatal(err)
	}
	a := newAPI(b, db, viewer.Viewer{AccountID: 1, Role: viewer.RolePartner}, noCostLimit)
	queries := map[string]string{
		"impact page": `{ impactHeadline { coursesRun participants { value suppressed } independenceImproved { value n suppressed } }
		  programReach(groupBy: YEAR) { rows { group { label } participants { value suppressed } completed { value suppressed } } } }`,
		"outcomes by year": `{ outcomes(groupBy: YEAR) { rows { group { label } stages { stage responseRate { value n suppressed }
		  cooksForSelf { value n suppressed } independenceImproved { value n suppressed } independenceChange { value n suppressed } } } } }`,
		"funding by funder": `{ fundingReport(groupBy: FUNDER) { totalKzt rows { label amountKzt } costByYear { year perParticipantKzt { value suppressed } } } }`,
	}
	for name, q := range queries {
		b.Run(name, func(b *testing.B) {
			var out map[string]any
			a.do(q, &out) // a report service with MaxAge computes its snapshot here
			for b.Loop() {
				a.do(q, &out)
			}
		})
	}
}
