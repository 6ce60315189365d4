package report_test

import (
	"context"
	"database/sql"
	"sync/atomic"
	"testing"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/ent/outcomesurvey"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
)

// counter counts the statements sent to a database, ent's and raw ones.
type counter struct {
	*sql.DB
	n atomic.Int64
}

func (c *counter) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.n.Add(1)
	return c.DB.QueryContext(ctx, q, args...)
}

func (c *counter) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	c.n.Add(1)
	return c.DB.ExecContext(ctx, q, args...)
}

// countedClient returns a client whose statements are counted, and a
// plain one over the same database for fixtures.
func countedClient(t *testing.T) (counted, plain *ent.Client, c *counter) {
	db := testdb.Open(t)
	c = &counter{DB: db.SQL}
	drv := entsql.NewDriver(db.Dialect, entsql.Conn{ExecQuerier: c})
	return ent.NewClient(ent.Driver(drv)), db.Client, c
}

// fillCounted writes ten courses of twelve, each with five surveys.
func fillCounted(t *testing.T, client *ent.Client) {
	ctx := viewer.SystemContext(context.Background())
	op := client.Organization.Create().SetName("Shyraq").SetKind(organization.KindASSOCIATION).SaveX(ctx)
	prog := client.Program.Create().SetName("School").SetOperator(op).SaveX(ctx)
	client.Funding.Create().SetFunder(op).SetProgram(prog).SetYear(2020).SetAmountKzt(1).SetPurpose("Rent").ExecX(ctx)
	for i := range 10 {
		start := date(2015+i, 4, 6)
		co := client.Cohort.Create().SetName(start.String()).SetCity([]string{"Almaty", "Ust-Kamenogorsk"}[i%2]).
			SetStartDate(start).SetEndDate(start.AddDate(0, 0, 6)).SetCapacity(15).
			SetStatus(cohort.StatusCOMPLETED).SetProgram(prog).SaveX(ctx)
		for j := range 12 {
			p := client.Person.Create().SetGivenName("P").SetFamilyName(start.String()).SaveX(ctx)
			e := client.Enrollment.Create().SetPerson(p).SetCohort(co).SetStatus(enrollment.StatusCOMPLETED).SaveX(ctx)
			for k, st := range []outcomesurvey.Stage{"BASELINE", "COURSE_END", "MONTH_3", "MONTH_6", "MONTH_12"} {
				client.OutcomeSurvey.Create().SetEnrollment(e).SetStage(st).SetIndependence(1 + (j+k)%5).
					SetConfidence(1 + k).SetCooksForSelf(j%2 == 0).SetTravelsAlone(k > 1).
					SetCommunityParticipation(true).SetOccupation(outcomesurvey.OccupationSTUDYING).
					SetRecordedAt(start).ExecX(ctx)
			}
		}
	}
}
