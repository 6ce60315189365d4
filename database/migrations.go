package database

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect/sql/schema"

	entmigrate "github.com/shyraq/birge/ent/migrate"
	"github.com/shyraq/birge/ent/migrate/migrations"
)

// PostgreSQL's schema is versioned: the migration files in
// ent/migrate/migrations (Atlas format, with atlas.sum) are generated from
// the ent schema by ent/migrate/main.go (`make migration name=...`),
// embedded in the binary and applied in order, each in a transaction of
// its own, by Migrate. Applied versions are recorded in RevisionsTable.

// RevisionsTable records the migration files applied to a PostgreSQL
// database.
const RevisionsTable = "birge_schema_revisions"

// FingerprintFile is the file in the migrations directory holding the
// fingerprint of the ent schema the latest migration was generated from.
const FingerprintFile = "ent_schema.fingerprint"

// migrationLockKey is the PostgreSQL advisory lock that serializes
// migrations of one database across processes (several instances starting
// at once): the first applies, the others wait and find nothing to do.
const migrationLockKey = 0x62697267 // "birg"

// Migration is one migration file.
type Migration struct {
	Version string // the file's version, a timestamp: 20260101120000
	Name    string // the file name
	Hash    string // its hash in atlas.sum
	stmts   []string
}

// Migrations reads the migration files embedded in the binary and checks
// them against atlas.sum: a file edited, added or removed by hand is an
// error.
func Migrations() ([]Migration, error) {
	return readMigrations(migrations.Files)
}

func readMigrations(files fs.FS) ([]Migration, error) {
	dir := &migrate.MemDir{}
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() || (path.Ext(e.Name()) != ".sql" && e.Name() != migrate.HashFileName) {
			continue
		}
		b, err := fs.ReadFile(files, e.Name())
		if err != nil {
			return nil, fmt.Errorf("migrations: %w", err)
		}
		if err := dir.WriteFile(e.Name(), b); err != nil {
			return nil, fmt.Errorf("migrations: %w", err)
		}
	}
	if err := migrate.Validate(dir); err != nil {
		return nil, fmt.Errorf("migrations: the files do not match atlas.sum (%w); generate migrations with `make migration name=...`, never edit them", err)
	}
	sum, err := dir.Checksum()
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	list, err := dir.Files()
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	out := make([]Migration, 0, len(list))
	for _, f := range list {
		stmts, err := f.Stmts()
		if err != nil {
			return nil, fmt.Errorf("migrations: %s: %w", f.Name(), err)
		}
		h, err := sum.SumByName(f.Name())
		if err != nil {
			return nil, fmt.Errorf("migrations: %s: %w", f.Name(), err)
		}
		out = append(out, Migration{Version: f.Version(), Name: f.Name(), Hash: h, stmts: stmts})
	}
	return out, nil
}

// Revision is a migration applied to a database.
type Revision struct {
	Version   string
	Name      string
	Hash      string
	AppliedAt time.Time
}

// MigrateOptions tune MigrateTo.
type MigrateOptions struct {
	// To is the last version to apply; "" applies all.
	To string
}

// migratePostgres brings a PostgreSQL database to the embedded migrations'
// latest version (or opts.To). A database created before migrations were
// versioned (tables but no revisions) is brought up to date with ent's
// automatic migration first and then recorded as being at the latest
// version: its baseline.
func (d *DB) migratePostgres(ctx context.Context, all []Migration, opts MigrateOptions) error {
	if err := checkFingerprint(); err != nil && opts.To == "" {
		return err
	}
	target := len(all)
	if opts.To != "" {
		target = slices.IndexFunc(all, func(m Migration) bool { return m.Version == opts.To }) + 1
		if target == 0 {
			return fmt.Errorf("migrate: no migration has version %s", opts.To)
		}
	}
	conn, err := d.SQL.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockKey); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockKey) //nolint:errcheck // released with the session anyway
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+RevisionsTable+` (
		version    text PRIMARY KEY,
		name       text NOT NULL,
		hash       text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`); err != nil {
		return fmt.Errorf("migrate: revisions table: %w", err)
	}
	applied, err := readRevisions(ctx, conn)
	if err != nil {
		return err
	}
	if len(applied) == 0 && opts.To == "" {
		legacy, err := hasTable(ctx, conn, "persons")
		if err != nil {
			return err
		}
		if legacy {
			return d.baseline(ctx, conn, all)
		}
	}
	byVersion := map[string]Migration{}
	for _, m := range all {
		byVersion[m.Version] = m
	}
	for _, r := range applied {
		m, ok := byVersion[r.Version]
		switch {
		case !ok:
			return fmt.Errorf("migrate: the database has migration %s (%s), which this build does not know: it was migrated by a newer build; run that build or a newer one", r.Version, r.Name)
		case m.Hash != r.Hash:
			return fmt.Errorf("migrate: migration %s was changed after it was applied to this database; migration files must never be edited", r.Name)
		}
	}
	done := map[string]bool{}
	for _, r := range applied {
		done[r.Version] = true
	}
	for _, m := range all[:target] {
		if done[m.Version] {
			continue
		}
		if err := apply(ctx, conn, m); err != nil {
			return err
		}
	}
	return nil
}

// apply runs one migration and records it, in one transaction:
// PostgreSQL's DDL is transactional, so a failed migration leaves nothing
// behind.
func apply(ctx context.Context, conn *sql.Conn, m Migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %s: %w", m.Name, err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it does nothing
	for i, stmt := range m.stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("migrate: %s, statement %d: %w", m.Name, i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO `+RevisionsTable+` (version, name, hash) VALUES ($1, $2, $3)`, m.Version, m.Name, m.Hash); err != nil {
		return fmt.Errorf("migrate: record %s: %w", m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: %s: %w", m.Name, err)
	}
	return nil
}

// baseline brings a database made by ent's automatic migration (before
// versioned migrations) up to the ent schema, then records every
// migration as applied.
func (d *DB) baseline(ctx context.Context, conn *sql.Conn, all []Migration) error {
	if err := d.Client.Schema.Create(ctx); err != nil {
		return fmt.Errorf("migrate: bring the unversioned database up to date: %w", err)
	}
	for _, m := range all {
		if _, err := conn.ExecContext(ctx, `INSERT INTO `+RevisionsTable+` (version, name, hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, m.Version, m.Name, m.Hash); err != nil {
			return fmt.Errorf("migrate: record baseline: %w", err)
		}
	}
	return nil
}

func readRevisions(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) ([]Revision, error) {
	rows, err := q.QueryContext(ctx, `SELECT version, name, hash, applied_at FROM `+RevisionsTable+` ORDER BY version`)
	if err != nil {
		return nil, fmt.Errorf("migrate: read revisions: %w", err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var r Revision
		if err := rows.Scan(&r.Version, &r.Name, &r.Hash, &r.AppliedAt); err != nil {
			return nil, fmt.Errorf("migrate: read revisions: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func hasTable(ctx context.Context, conn *sql.Conn, name string) (bool, error) {
	var ok bool
	err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1)`, name).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("migrate: inspect: %w", err)
	}
	return ok, nil
}

// Revisions lists the migrations applied to a PostgreSQL database.
func (d *DB) Revisions(ctx context.Context) ([]Revision, error) {
	if d.Dialect != "postgres" {
		return nil, errors.New("only PostgreSQL databases have versioned migrations")
	}
	return readRevisions(ctx, d.SQL)
}

// checkFingerprint refuses to migrate when the ent schema changed after
// the latest migration file was generated: the database would lack what
// the code expects.
func checkFingerprint() error {
	want, err := fs.ReadFile(migrations.Files, FingerprintFile)
	if err != nil {
		return fmt.Errorf("migrations: %s is missing; run `make migration name=...`", FingerprintFile)
	}
	if got := SchemaFingerprint(entmigrate.Tables); strings.TrimSpace(string(want)) != got {
		return errors.New("migrations: the ent schema changed after the latest migration file was generated; run `make migration name=<what changed>` and commit the new file")
	}
	return nil
}

// SchemaFingerprint is a hash of what the database schema holds of tables:
// names, columns, keys, indexes and foreign keys. ent/migrate/main.go
// writes it beside the migration files it generates.
func SchemaFingerprint(tables []*schema.Table) string {
	type col struct {
		Name, Type, Attr, Collation, Comment string
		SchemaType                           map[string]string
		Size                                 int64
		Unique, Increment, Nullable          bool
		Default                              any
		Enums                                []string
	}
	type idx struct {
		Name       string
		Unique     bool
		Columns    []string
		Annotation any
	}
	type fk struct {
		Symbol, RefTable, OnUpdate, OnDelete string
		Columns, RefColumns                  []string
	}
	type table struct {
		Name, Schema, Comment string
		View                  bool
		Columns               []col
		PrimaryKey            []string
		Indexes               []idx
		ForeignKeys           []fk
		Annotation            any
	}
	names := func(cs []*schema.Column) []string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = c.Name
		}
		return out
	}
	var all []table
	for _, t := range tables {
		tt := table{Name: t.Name, Schema: t.Schema, Comment: t.Comment, View: t.View, PrimaryKey: names(t.PrimaryKey), Annotation: t.Annotation}
		for _, c := range t.Columns {
			tt.Columns = append(tt.Columns, col{Name: c.Name, Type: c.Type.String(), Attr: c.Attr, Collation: c.Collation, Comment: c.Comment,
				SchemaType: c.SchemaType, Size: c.Size, Unique: c.Unique, Increment: c.Increment, Nullable: c.Nullable, Default: c.Default, Enums: c.Enums})
		}
		for _, i := range t.Indexes {
			tt.Indexes = append(tt.Indexes, idx{Name: i.Name, Unique: i.Unique, Columns: names(i.Columns), Annotation: i.Annotation})
		}
		for _, f := range t.ForeignKeys {
			ref := ""
			if f.RefTable != nil {
				ref = f.RefTable.Name
			}
			tt.ForeignKeys = append(tt.ForeignKeys, fk{Symbol: f.Symbol, RefTable: ref, OnUpdate: string(f.OnUpdate), OnDelete: string(f.OnDelete), Columns: names(f.Columns), RefColumns: names(f.RefColumns)})
		}
		all = append(all, tt)
	}
	slices.SortFunc(all, func(a, b table) int { return strings.Compare(a.Name, b.Name) })
	b, err := json.Marshal(all)
	if err != nil {
		panic(fmt.Sprintf("schema fingerprint: %v", err)) // only plain values above
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
