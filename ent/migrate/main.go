//go:build ignore

// main writes a new PostgreSQL migration file to ent/migrate/migrations:
// the statements that bring a database migrated by the existing files to
// the current ent schema (Atlas, replaying the files on a scratch
// database), and updates atlas.sum and the schema fingerprint. Run it from
// the repository root after changing ent/schema and `go generate ./...`:
//
//	make migration name=add_person_pronouns
//
// It needs a PostgreSQL server: BIRGE_MIGRATION_DEV_URL names an empty
// database to use (it is left with the schema in it), otherwise a scratch
// database is created and dropped on the server of
// BIRGE_TEST_DATABASE_URL.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"regexp"

	atlas "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/lib/pq"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/ent/migrate"
)

const dirPath = "ent/migrate/migrations"

func main() {
	log.SetFlags(0)
	if len(os.Args) != 2 || !regexp.MustCompile(`^[a-z][a-z0-9_]{0,60}$`).MatchString(os.Args[1]) {
		log.Fatal("usage: go run -mod=mod ./ent/migrate/main.go <name, e.g. add_person_pronouns>")
	}
	name := os.Args[1]
	ctx := context.Background()
	devURL, cleanup, err := devDatabase(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer cleanup()
	db, err := sql.Open("postgres", devURL)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := os.MkdirAll(dirPath, 0o755); err != nil {
		log.Fatal(err)
	}
	dir, err := atlas.NewLocalDir(dirPath)
	if err != nil {
		log.Fatal(err)
	}
	before, _ := dir.Files()
	m, err := schema.NewMigrate(entsql.OpenDB(dialect.Postgres, db),
		schema.WithDir(dir),
		schema.WithMigrationMode(schema.ModeReplay), // replay the files, then diff
		schema.WithDialect(dialect.Postgres),
		schema.WithFormatter(atlas.DefaultFormatter),
		// A field removed from the schema drops its column; indexes that
		// the schema does not know (the trigram index of search, made by
		// a migration file of its own) are kept.
		schema.WithDropColumn(true),
	)
	if err != nil {
		log.Fatal(err)
	}
	if err := m.NamedDiff(ctx, name, migrate.Tables...); err != nil {
		log.Fatalf("diff: %v", err)
	}
	after, _ := dir.Files()
	if len(after) == len(before) {
		log.Print("the migration files already match the ent schema: no new file")
	} else {
		log.Printf("wrote %s", filepath.Join(dirPath, after[len(after)-1].Name()))
	}
	fp := database.SchemaFingerprint(migrate.Tables) + "\n"
	if err := os.WriteFile(filepath.Join(dirPath, database.FingerprintFile), []byte(fp), 0o644); err != nil {
		log.Fatal(err)
	}
}

// devDatabase returns an empty PostgreSQL database to replay the
// migrations on, and a function that drops it if it was made here.
func devDatabase(ctx context.Context) (string, func(), error) {
	if u := os.Getenv("BIRGE_MIGRATION_DEV_URL"); u != "" {
		return u, func() {}, nil
	}
	server := os.Getenv("BIRGE_TEST_DATABASE_URL")
	if server == "" {
		return "", nil, fmt.Errorf("set BIRGE_MIGRATION_DEV_URL (an empty PostgreSQL database) or BIRGE_TEST_DATABASE_URL (a PostgreSQL server for a scratch database)")
	}
	admin, err := sql.Open("postgres", server)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "birge_migrate_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create scratch database on %s: %w", database.Redact(server), err)
	}
	u, _ := url.Parse(server)
	u.Path = "/" + name
	return u.String(), func() {
		admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		admin.Close()
	}, nil
}
