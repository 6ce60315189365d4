// Command birge runs the Birge community directory.
//
//	birge [serve] [flags]   serve the portal (default)
//	birge seed [flags]      add the fictional demo data (idempotent);
//	                        --scale N adds N generated people (PostgreSQL)
//	birge migrate [flags]   create or update the database schema
//	birge backup --out FILE a consistent copy of the database (SQLite) or a pg_dump (PostgreSQL)
//	birge restore --from FILE [--force]
//	                        replace the SQLite database with a backup (not while a server runs)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/search"
	"github.com/shyraq/birge/seed/scale"
	"github.com/shyraq/birge/server"
)

// defaultMemoryLimit is the Go runtime's soft memory limit unless
// GOMEMLIMIT says otherwise: computing the outcome figures allocates in
// bursts, and the limit keeps the server's peak near its working set
// (docs/BENCHMARKS.md).
const defaultMemoryLimit = 100 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	if err := run(os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "birge:", err)
		}
		os.Exit(1)
	}
}

func run(args []string) error {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var out, from string
	var force bool
	var scaleN int
	cfg, err := server.ParseFlagsWith("birge "+cmd, args, func(fs *flag.FlagSet) {
		switch cmd {
		case "backup":
			fs.StringVar(&out, "out", "", "the backup file to write (must not exist)")
		case "restore":
			fs.StringVar(&from, "from", "", "the backup file to restore (made by birge backup)")
			fs.BoolVar(&force, "force", false, "restore even while a server has the database open (restart it afterwards)")
		case "seed":
			fs.IntVar(&scaleN, "scale", 0, "also generate N fictional people with courses, enrollments and surveys in scale.ForPeople's proportions (PostgreSQL only; a fresh database)")
		}
	})
	if err != nil {
		return err
	}
	logger := server.NewLogger(cfg.LogFormat)
	switch cmd {
	case "serve":
		return serve(ctx, cfg, logger)
	case "migrate":
		db, err := database.Open(cfg.DatabaseURL, database.Options{})
		if err != nil {
			return err
		}
		defer db.Close()
		if err := db.Migrate(ctx); err != nil {
			return err
		}
		if n, err := search.Rekey(ctx, db.Client); err != nil {
			return err
		} else if n > 0 {
			logger.Info("renewed search keys", "records", n)
		}
		version := "automatic (SQLite)"
		if revs, err := db.Revisions(ctx); err == nil && len(revs) > 0 {
			version = revs[len(revs)-1].Name
		}
		logger.Info("schema is up to date", "database", database.Redact(cfg.DatabaseURL), "version", version)
		return nil
	case "backup":
		if out == "" {
			return errors.New("backup: give the file to write with --out")
		}
		db, err := database.Open(cfg.DatabaseURL, database.Options{})
		if err != nil {
			return err
		}
		defer db.Close()
		start := time.Now()
		if err := db.Backup(ctx, cfg.DatabaseURL, out); err != nil {
			return err
		}
		logger.Info("backup written", "file", out, "took", time.Since(start).String())
		return nil
	case "restore":
		if from == "" {
			return errors.New("restore: give the backup file with --from")
		}
		if err := database.RestoreSQLite(ctx, cfg.DatabaseURL, from, database.RestoreOptions{Force: force}); err != nil {
			return err
		}
		logger.Info("database restored; start the server", "from", from, "database", database.Redact(cfg.DatabaseURL))
		return nil
	case "seed":
		db, err := database.Open(cfg.DatabaseURL, database.Options{})
		if err != nil {
			return err
		}
		defer db.Close()
		if scaleN > 0 && db.Dialect != scale.Dialect {
			return scale.ErrNotPostgres
		}
		if err := db.Migrate(ctx); err != nil {
			return err
		}
		if err := server.SeedDemo(ctx, db.Client, logger); err != nil {
			return err
		}
		if scaleN > 0 {
			res, err := scale.Generate(ctx, db, scale.ForPeople(scaleN))
			if err != nil {
				return err
			}
			logger.Info("scale data in place", "written", res.Sizes.String(), "took", res.Took.String())
		}
		return nil
	default:
		return fmt.Errorf("unknown command %q (want serve, seed, migrate, backup or restore)", cmd)
	}
}

func serve(ctx context.Context, cfg server.Config, logger *slog.Logger) error {
	start := time.Now()
	s, err := server.Open(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Serve(ctx, func(addr string) {
		logger.Info("Birge is ready", "url", "http://"+addr, "database", database.Redact(cfg.DatabaseURL), "startup", time.Since(start).String())
		fmt.Fprintf(os.Stderr, "\n  Birge is running at http://%s\n\n", addr)
	})
}
