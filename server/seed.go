package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/seed"
	"github.com/shyraq/birge/viewer"
)

// printDemoSignIns lists the demo sign-ins that exist in the database.
func (s *Server) printDemoSignIns(ctx context.Context, w io.Writer) {
	ctx = viewer.SystemContext(ctx)
	var lines []string
	for _, d := range seed.DemoSignIns {
		if ok, err := s.db.Client.Account.Query().Where(account.Email(d.Email)).Exist(ctx); err == nil && ok {
			lines = append(lines, fmt.Sprintf("    %-8s %-24s %s", d.Role, d.Email, seed.DemoPassword))
		}
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w, "  Demo sign-ins (fictional data):")
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintln(w)
}

// seedIfEmpty fills an empty database with the fictional demo community.
func (s *Server) seedIfEmpty(ctx context.Context) error {
	done, err := seed.DemoIsSeeded(ctx, s.db.Client)
	if err != nil {
		return fmt.Errorf("check demo data: %w", err)
	}
	if done {
		return nil
	}
	return SeedDemo(ctx, s.db.Client, s.logger)
}

// SeedDemo writes the fictional demo community and its sign-ins, leaving
// what is there already (see seed.Demo and seed.DemoAccounts), and logs
// what it found or wrote.
func SeedDemo(ctx context.Context, client *ent.Client, logger *slog.Logger) error {
	start := time.Now()
	st, err := seed.Demo(ctx, client)
	if err != nil {
		return fmt.Errorf("seed demo data: %w", err)
	}
	if err := seed.DemoAccounts(ctx, client, st); err != nil {
		return err
	}
	logger.Info("demo data in place", "created", st.Created, "people", st.People, "cohorts", st.Cohorts, "took", time.Since(start).String())
	return nil
}
