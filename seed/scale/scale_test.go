package scale_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/seed/scale"
	"github.com/shyraq/birge/viewer"
)

func TestGenerateRefusesSQLite(t *testing.T) {
	if os.Getenv(testdb.EnvURL) != "" {
		t.Skip("runs on SQLite")
	}
	db := testdb.Open(t)
	if _, err := scale.Generate(context.Background(), db, scale.ForPeople(100)); !errors.Is(err, scale.ErrNotPostgres) {
		t.Fatalf("Generate on SQLite: got %v, want ErrNotPostgres", err)
	}
}

func TestGenerate(t *testing.T) {
	if os.Getenv(testdb.EnvURL) == "" {
		t.Skip(testdb.EnvURL + " is not set: scale data is written to PostgreSQL")
	}
	db := testdb.Open(t)
	ctx := context.Background()
	n := scale.ForPeople(2000)
	res, err := scale.Generate(ctx, db, n)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sizes != n {
		t.Errorf("wrote %v, want %v", res.Sizes, n)
	}
	got, err := scale.Count(ctx, db.SQL)
	if err != nil {
		t.Fatal(err)
	}
	if got.People != n.People+res.DemoPeople || got.Cohorts < n.Cohorts || got.Enrollments < n.Enrollments || got.Surveys < n.Surveys {
		t.Errorf("database holds %v, want at least %v", got, n)
	}
	if _, err := scale.Generate(ctx, db, n); !errors.Is(err, scale.ErrAlreadyScaled) {
		t.Errorf("second Generate: got %v, want ErrAlreadyScaled", err)
	}

	// The rows read back through ent: the sequences moved past them, the
	// search keys are set, and a member sees the listed people.
	sys := viewer.SystemContext(ctx)
	p, err := db.Client.Person.Get(sys, res.Member)
	if err != nil {
		t.Fatal(err)
	}
	if p.SearchKey == "" {
		t.Errorf("person %d has no search key", p.ID)
	}
	if _, err := db.Client.Person.Create().SetGivenName("Ана").SetFamilyName("Тест").Save(sys); err != nil {
		t.Fatalf("create after Generate: %v", err)
	}
	member := viewer.NewContext(ctx, viewer.Viewer{AccountID: 1, PersonID: res.Member, Role: viewer.RoleMember})
	seen, err := db.Client.Person.Query().Where(person.IDGTE(res.PersonIDs[0])).Count(member)
	if err != nil {
		t.Fatal(err)
	}
	if seen < n.People/2 || seen >= n.People {
		t.Errorf("a member sees %d of %d generated people, want most but not all", seen, n.People)
	}
	es, err := p.QueryEnrollments().WithCohort().All(sys)
	if err != nil || len(es) == 0 {
		t.Fatalf("enrollments of the member: %v, %v", es, err)
	}
}
