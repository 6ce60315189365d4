package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"entgo.io/ent/dialect"
)

// ErrNoPgDump means pg_dump is not installed; the message says what to do.
var ErrNoPgDump = errors.New("pg_dump is not on PATH: install PostgreSQL's client tools (Debian: apt-get install postgresql-client) and run `birge backup` again, or run pg_dump --format=custom yourself (docs/OPERATIONS.md)")

// Backup writes a consistent copy of the database to out, which must not
// exist yet. SQLite: VACUUM INTO, an online copy taken in one read
// transaction while the server keeps serving. PostgreSQL: pg_dump in its
// custom format (restore with pg_restore), which must be on PATH.
func (d *DB) Backup(ctx context.Context, rawURL, out string) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("backup: %s exists; choose a new file name", out)
	}
	switch d.Dialect {
	case dialect.SQLite:
		abs, err := filepath.Abs(out)
		if err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		if _, err := d.SQL.ExecContext(ctx, "VACUUM INTO "+quoteLiteral(abs)); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
	case dialect.Postgres:
		if err := pgDump(ctx, rawURL, out); err != nil {
			return err
		}
	default:
		return fmt.Errorf("backup: unsupported database %s", d.Dialect)
	}
	// A backup holds personal data: only its owner may read it.
	if err := os.Chmod(out, 0o600); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// pgDump runs pg_dump, passing the password (if any) in the environment
// rather than on its command line.
func pgDump(ctx context.Context, rawURL, out string) error {
	bin, err := exec.LookPath("pg_dump")
	if err != nil {
		return ErrNoPgDump
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	env := os.Environ()
	if u.User != nil {
		if pw, ok := u.User.Password(); ok {
			env = append(env, "PGPASSWORD="+pw)
			u.User = url.User(u.User.Username())
		}
	}
	cmd := exec.CommandContext(ctx, bin, "--format=custom", "--no-owner", "--file="+out, "--dbname="+u.String())
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		os.Remove(out)
		return fmt.Errorf("backup: pg_dump: %w", err)
	}
	return nil
}

// RestoreOptions tune RestoreSQLite.
type RestoreOptions struct {
	// Force restores even while another process (a running server) has
	// the database open. That process keeps its handle on the replaced
	// file and must be restarted.
	Force bool
}

// RestoreSQLite replaces the SQLite database at rawURL with the backup
// from. The backup is checked first (integrity, Birge's tables); the
// database's -wal and -shm files go with the old file. It refuses while
// a server (or any birge command) has the database open, unless forced.
func RestoreSQLite(ctx context.Context, rawURL, from string, opts RestoreOptions) error {
	_, dsn, dia, err := parse(rawURL)
	if err != nil {
		return err
	}
	if dia != dialect.SQLite {
		return errors.New("restore: only the embedded SQLite database is restored by birge; for PostgreSQL use pg_restore --clean (docs/OPERATIONS.md)")
	}
	target, ok := sqliteFile(dsn)
	if !ok {
		return errors.New("restore: the database is in memory")
	}
	if err := checkBackup(ctx, from); err != nil {
		return err
	}
	lock, err := lockFile(target, true)
	if err != nil {
		if !opts.Force {
			return fmt.Errorf("restore: %s is in use (a running server?): stop it first, or pass --force: %w", target, err)
		}
	} else {
		defer lock.Close()
	}
	tmp := target + ".restoring"
	if err := copyFile(from, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if err := os.Remove(target + side); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.Remove(tmp)
			return fmt.Errorf("restore: %w", err)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

// checkBackup opens a backup read-only and checks that it is an intact
// Birge database.
func checkBackup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+abs+"?mode=ro")
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&res); err != nil {
		return fmt.Errorf("restore: %s is not a SQLite database: %w", path, err)
	}
	if res != "ok" {
		return fmt.Errorf("restore: %s is damaged: %s", path, res)
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('persons', 'cohorts', 'accounts')").Scan(&n); err != nil || n != 3 {
		return fmt.Errorf("restore: %s is not a Birge database", path)
	}
	return nil
}

// sqliteFile returns the file of a SQLite DSN ("file:/abs/path?...").
func sqliteFile(dsn string) (string, bool) {
	if strings.Contains(dsn, "mode=memory") {
		return "", false
	}
	p := strings.TrimPrefix(dsn, "file:")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p, p != ""
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// quoteLiteral quotes s as an SQL string literal.
func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
