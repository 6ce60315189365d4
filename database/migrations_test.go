package database

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	entmigrate "github.com/shyraq/birge/ent/migrate"
	"github.com/shyraq/birge/ent/migrate/migrations"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/internal/pgscratch"
	"github.com/shyraq/birge/viewer"
)

// The migration files lead to the current ent schema: someone who changed
// the schema ran `make migration name=...`. Checked on SQLite runs too.
func TestMigrationsFingerprint(t *testing.T) {
	all, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no migration files are embedded")
	}
	if err := checkFingerprint(); err != nil {
		t.Fatal(err)
	}
}

// A migration file edited, added or removed by hand is refused.
func TestMigrationsRefuseEditedFiles(t *testing.T) {
	orig := fstest.MapFS{}
	err := fs.WalkDir(migrations.Files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.Files, p)
		orig[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := readMigrations(orig); err != nil {
		t.Fatalf("unchanged files: %v", err)
	}
	all, _ := Migrations()
	edited := fstest.MapFS{}
	for k, v := range orig {
		edited[k] = v
	}
	edited[all[0].Name] = &fstest.MapFile{Data: append(bytes.Clone(orig[all[0].Name].Data), []byte("\nDROP TABLE persons;\n")...)}
	if _, err := readMigrations(edited); err == nil || !strings.Contains(err.Error(), "atlas.sum") {
		t.Errorf("an edited file: err = %v", err)
	}
	added := fstest.MapFS{}
	for k, v := range orig {
		added[k] = v
	}
	added["29990101000000_sneaky.sql"] = &fstest.MapFile{Data: []byte("DROP TABLE persons;\n")}
	if _, err := readMigrations(added); err == nil {
		t.Error("a file missing from atlas.sum was accepted")
	}
}

// freshPostgres returns an empty database of its own on the test server,
// or skips the test when there is none.
func freshPostgres(t *testing.T) *DB {
	t.Helper()
	server := os.Getenv("BIRGE_TEST_DATABASE_URL")
	if server == "" {
		t.Skip("BIRGE_TEST_DATABASE_URL is not set: migrations are PostgreSQL's")
	}
	db, err := Open(pgscratch.New(t, server, "birge_m_"), Options{MaxOpenConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// migrateVersioned applies the migration files (up to to, "" for all)
// and, for all, the extra statements, as Migrate does on PostgreSQL.
func migrateVersioned(t *testing.T, db *DB, to string) {
	t.Helper()
	all, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.migratePostgres(context.Background(), all, MigrateOptions{To: to}); err != nil {
		t.Fatal(err)
	}
	if to == "" {
		for _, stmt := range extraSchema(db.Dialect) {
			if _, err := db.SQL.Exec(stmt); err != nil {
				t.Fatalf("%s: %v", stmt, err)
			}
		}
	}
}

// pendingChanges lists what ent's automatic migration would still change
// in db to match the ent schema: nothing, when the files are complete.
func pendingChanges(t *testing.T, db *DB) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := db.Client.Schema.WriteTo(context.Background(), &buf, entmigrate.WithDropColumn(true)); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(buf.String(), "\n") {
		if l = strings.TrimSpace(l); l != "" && l != "BEGIN;" && l != "COMMIT;" {
			out = append(out, l)
		}
	}
	return out
}

// CI's check: the files applied to a fresh database give exactly the ent
// schema (no pending diff), and applying them again changes nothing.
func TestMigrationsMatchSchema(t *testing.T) {
	t.Parallel()
	db := freshPostgres(t)
	start := time.Now()
	migrateVersioned(t, db, "")
	t.Logf("applied %d migration files in %v", len(mustMigrations(t)), time.Since(start).Round(time.Millisecond))
	if p := pendingChanges(t, db); len(p) > 0 {
		t.Fatalf("the migrated database differs from the ent schema; run `make migration name=...`:\n%s", strings.Join(p, "\n"))
	}
	migrateVersioned(t, db, "")
	revs, err := db.Revisions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != len(mustMigrations(t)) {
		t.Errorf("%d revisions recorded, want %d", len(revs), len(mustMigrations(t)))
	}
}

func mustMigrations(t *testing.T) []Migration {
	t.Helper()
	all, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// A database holding data at the first migration is upgraded through the
// later ones, and its data survives.
func TestMigrationsUpgradeKeepsData(t *testing.T) {
	t.Parallel()
	all := mustMigrations(t)
	if len(all) < 2 {
		t.Skip("only one migration file: nothing to upgrade from")
	}
	db := freshPostgres(t)
	migrateVersioned(t, db, all[0].Version)
	// Rows written by a build at the first version, in its own terms.
	now := time.Now().UTC().Truncate(time.Second)
	var org, prog, person, cohort int
	for _, ins := range []struct {
		sql  string
		args []any
		id   *int
	}{
		{`INSERT INTO organizations (created_at, updated_at, name, kind) VALUES ($1, $1, 'Shyraq', 'ASSOCIATION') RETURNING id`, []any{now}, &org},
		{`INSERT INTO programs (created_at, updated_at, name, operator_id) VALUES ($1, $1, 'School of Independent Life', $2) RETURNING id`, []any{now, &org}, &prog},
		{`INSERT INTO persons (created_at, updated_at, given_name, family_name, city, listed_in_directory) VALUES ($1, $1, 'Aigerim', 'Test', 'Almaty', true) RETURNING id`, []any{now}, &person},
		{`INSERT INTO cohorts (created_at, updated_at, name, city, start_date, end_date, capacity, program_id) VALUES ($1, $1, 'Almaty spring', 'Almaty', $1, $1, 15, $2) RETURNING id`, []any{now, &prog}, &cohort},
	} {
		for i, a := range ins.args {
			if p, ok := a.(*int); ok {
				ins.args[i] = *p
			}
		}
		if err := db.SQL.QueryRow(ins.sql, ins.args...).Scan(ins.id); err != nil {
			t.Fatalf("%s: %v", ins.sql, err)
		}
	}
	migrateVersioned(t, db, "")
	if p := pendingChanges(t, db); len(p) > 0 {
		t.Fatalf("after the upgrade the database differs from the ent schema:\n%s", strings.Join(p, "\n"))
	}
	ctx := viewer.SystemContext(context.Background())
	o, err := db.Client.Organization.Query().Where(organization.Name("Shyraq")).Only(ctx)
	if err != nil {
		t.Fatalf("the organization did not survive the upgrade: %v", err)
	}
	if o.ID != org || o.Kind != organization.KindASSOCIATION || !o.CreatedAt.Equal(now) {
		t.Errorf("organization after the upgrade: %+v", o)
	}
	p, err := db.Client.Person.Get(ctx, person)
	if err != nil || p.GivenName != "Aigerim" || p.City != "Almaty" || !p.ListedInDirectory {
		t.Errorf("person after the upgrade: %+v, %v", p, err)
	}
	if n := db.Client.Cohort.Query().CountX(ctx); n != 1 {
		t.Errorf("%d cohorts after the upgrade, want 1", n)
	}
	// New rows get IDs after the old ones, in their type's range.
	c, err := db.Client.Cohort.Create().SetName("Almaty autumn").SetCity("Almaty").SetStartDate(now).SetEndDate(now).SetCapacity(15).SetProgramID(prog).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID <= cohort || c.ID>>32 != cohort>>32 {
		t.Errorf("new cohort id %d is outside the cohorts' range", c.ID)
	}
}

// Several instances starting at once on a new database: one migrates,
// the others wait for it and find nothing to do.
func TestMigrationsConcurrentStart(t *testing.T) {
	t.Parallel()
	first := freshPostgres(t)
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			all, err := Migrations()
			if err == nil {
				err = first.migratePostgres(context.Background(), all, MigrateOptions{})
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	revs, _ := first.Revisions(context.Background())
	if len(revs) != len(mustMigrations(t)) {
		t.Errorf("%d revisions, want %d", len(revs), len(mustMigrations(t)))
	}
}

// A database made by ent's automatic migration before versioned
// migrations existed is taken over: brought up to date and recorded at
// the latest version.
func TestMigrationsBaselineOfAnUnversionedDatabase(t *testing.T) {
	t.Parallel()
	db := freshPostgres(t)
	if err := db.Client.Schema.Create(context.Background()); err != nil {
		t.Fatal(err)
	}
	migrateVersioned(t, db, "")
	revs, err := db.Revisions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != len(mustMigrations(t)) {
		t.Errorf("%d revisions after the baseline, want %d", len(revs), len(mustMigrations(t)))
	}
	if p := pendingChanges(t, db); len(p) > 0 {
		t.Errorf("pending after the baseline:\n%s", strings.Join(p, "\n"))
	}
}

// A database migrated by a newer build, or with a migration that was
// edited after it ran, is refused with a clear message.
func TestMigrationsRefuseUnknownHistory(t *testing.T) {
	t.Parallel()
	db := freshPostgres(t)
	migrateVersioned(t, db, "")
	all := mustMigrations(t)
	ctx := context.Background()
	if _, err := db.SQL.Exec(`INSERT INTO ` + RevisionsTable + ` (version, name, hash) VALUES ('29990101000000', '29990101000000_future.sql', 'h1:x')`); err != nil {
		t.Fatal(err)
	}
	if err := db.migratePostgres(ctx, all, MigrateOptions{}); err == nil || !strings.Contains(err.Error(), "newer build") {
		t.Errorf("a newer database: err = %v", err)
	}
	if _, err := db.SQL.Exec(`DELETE FROM ` + RevisionsTable + ` WHERE version = '29990101000000'`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL.Exec(`UPDATE `+RevisionsTable+` SET hash = 'h1:edited' WHERE version = $1`, all[0].Version); err != nil {
		t.Fatal(err)
	}
	if err := db.migratePostgres(ctx, all, MigrateOptions{}); err == nil || !strings.Contains(err.Error(), "changed after it was applied") {
		t.Errorf("an edited migration: err = %v", err)
	}
}
