package database

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/viewer"
)

func orgNames(t *testing.T, d *DB) []string {
	t.Helper()
	names, err := d.Client.Organization.Query().Order(organization.ByName()).Select(organization.FieldName).Strings(viewer.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func openFile(t *testing.T, path string) *DB {
	t.Helper()
	d, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}

// Backup, change, restore: the data is as it was at the backup.
func TestBackupAndRestoreSQLite(t *testing.T) {
	t.Parallel()
	ctx := viewer.SystemContext(context.Background())
	dir := t.TempDir()
	path := filepath.Join(dir, "birge.db")
	d := openFile(t, path)
	for _, n := range []string{"Shyraq", "Almaty Foundation"} {
		d.Client.Organization.Create().SetName(n).SetKind(organization.KindASSOCIATION).ExecX(ctx)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := d.Backup(ctx, path, backup); err != nil {
		t.Fatal(err)
	}
	if err := d.Backup(ctx, path, backup); err == nil {
		t.Error("a backup overwrote an existing file")
	}
	if st, err := os.Stat(backup); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v (%v), want 0600: it holds personal data", st.Mode().Perm(), err)
	}
	d.Client.Organization.Update().Where(organization.Name("Shyraq")).SetName("Renamed").ExecX(ctx)
	d.Client.Organization.Create().SetName("Added after").SetKind(organization.KindBUSINESS).ExecX(ctx)

	// The database is open (as by a running server): refused.
	if err := RestoreSQLite(ctx, path, backup, RestoreOptions{}); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("restore over an open database: err = %v", err)
	}
	d.Close()
	if err := RestoreSQLite(ctx, path, backup, RestoreOptions{}); err != nil {
		t.Fatal(err)
	}
	d = openFile(t, path)
	defer d.Close()
	if got, want := orgNames(t, d), []string{"Almaty Foundation", "Shyraq"}; !slices.Equal(got, want) {
		t.Errorf("after the restore: %v, want %v", got, want)
	}
	// What is not a Birge backup is refused before anything is replaced.
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database"), 0o600)
	d.Close()
	if err := RestoreSQLite(ctx, path, junk, RestoreOptions{}); err == nil {
		t.Error("restored from a file that is not a database")
	}
	if err := RestoreSQLite(ctx, path, filepath.Join(dir, "missing.db"), RestoreOptions{}); err == nil {
		t.Error("restored from a missing file")
	}
}

// --force restores even while the database is open.
func TestRestoreForce(t *testing.T) {
	t.Parallel()
	ctx := viewer.SystemContext(context.Background())
	dir := t.TempDir()
	path := filepath.Join(dir, "birge.db")
	d := openFile(t, path)
	d.Client.Organization.Create().SetName("Shyraq").SetKind(organization.KindASSOCIATION).ExecX(ctx)
	backup := filepath.Join(dir, "b.db")
	if err := d.Backup(ctx, path, backup); err != nil {
		t.Fatal(err)
	}
	if err := RestoreSQLite(ctx, path, backup, RestoreOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	d.Close()
}

// A restore in progress keeps servers from opening the database.
func TestOpenWaitsForRestore(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "birge.db")
	lock, err := lockFile(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "being restored") {
		t.Errorf("open during a restore: err = %v", err)
	}
}

func TestBackupPostgres(t *testing.T) {
	if _, err := exec.LookPath("pg_dump"); err != nil {
		t.Skip("pg_dump is not installed")
	}
	d := freshPostgres(t)
	migrateVersioned(t, d, "")
	ctx := viewer.SystemContext(context.Background())
	d.Client.Organization.Create().SetName("Shyraq").SetKind(organization.KindASSOCIATION).ExecX(ctx)
	var name string
	if err := d.SQL.QueryRow("SELECT current_database()").Scan(&name); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(os.Getenv("BIRGE_TEST_DATABASE_URL"))
	u.Path = "/" + name
	out := filepath.Join(t.TempDir(), "birge.dump")
	if err := d.Backup(ctx, u.String(), out); err != nil {
		t.Fatal(err)
	}
	list, err := exec.Command("pg_restore", "--list", out).CombinedOutput()
	if err != nil || !strings.Contains(string(list), "TABLE DATA public organizations") {
		t.Errorf("pg_restore --list: %v\n%s", err, list)
	}
}
