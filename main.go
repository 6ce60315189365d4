// Command birge runs the Birge community directory.
//
//	birge [serve] [flags]   serve the portal (default)
//	birge seed [flags]      add the fictional demo data (idempotent)
//	birge migrate [flags]   create or update the database schema
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/seed"
	"github.com/shyraq/birge/server"
	"github.com/shyraq/birge/viewer"
)

func main() {
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
	cfg, err := server.ParseFlags("birge "+cmd, args)
	if err != nil {
		return err
	}
	logger := server.NewLogger(cfg.LogFormat)
	switch cmd {
	case "serve":
		return serve(ctx, cfg)
	case "migrate":
		db, err := database.Open(cfg.DatabaseURL, database.Options{})
		if err != nil {
			return err
		}
		defer db.Close()
		if err := db.Migrate(ctx); err != nil {
			return err
		}
		logger.Info("schema is up to date", "database", database.Redact(cfg.DatabaseURL))
		return nil
	case "seed":
		db, err := database.Open(cfg.DatabaseURL, database.Options{})
		if err != nil {
			return err
		}
		defer db.Close()
		if err := db.Migrate(ctx); err != nil {
			return err
		}
		start := time.Now()
		st, err := seed.Demo(viewer.SystemContext(ctx), db.Client)
		if err != nil {
			return err
		}
		if err := seed.DemoAccounts(ctx, db.Client, st); err != nil {
			return err
		}
		logger.Info("demo data in place", "people", st.People, "cohorts", st.Cohorts, "took", time.Since(start).String())
		return nil
	default:
		return fmt.Errorf("unknown command %q (want serve, seed or migrate)", cmd)
	}
}

func serve(ctx context.Context, cfg server.Config) error {
	logger := server.NewLogger(cfg.LogFormat)
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
