package server

import (
	"context"
	"fmt"
	"io"
	"time"

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
	ctx = viewer.SystemContext(ctx)
	done, err := seed.DemoIsSeeded(ctx, s.db.Client)
	if err != nil {
		return fmt.Errorf("check demo data: %w", err)
	}
	if done {
		return nil
	}
	start := time.Now()
	st, err := seed.Demo(ctx, s.db.Client)
	if err != nil {
		return fmt.Errorf("seed demo data: %w", err)
	}
	if err := seed.DemoAccounts(ctx, s.db.Client, st); err != nil {
		return err
	}
	s.logger.Info("seeded demo data", "people", st.People, "cohorts", st.Cohorts, "took", time.Since(start).String())
	return nil
}
