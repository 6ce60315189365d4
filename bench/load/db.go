package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"time"

	"github.com/shyraq/birge/auth"
	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/seed/scale"
	"github.com/shyraq/birge/viewer"
)

// The bench's own sign-ins, made in the bench database.
const (
	memberEmail  = "bench-member@birge.example"
	partnerEmail = "bench-partner@birge.example"
	benchPass    = "bench-password-2026"
)

// benchDB is the scale-seeded database the load runs read.
type benchDB struct {
	url    string
	sizes  scale.Sizes // what it holds
	member int         // the bench member's person
	seeded time.Duration
	reused bool
}

// databaseURL is server's URL with the database name replaced.
func databaseURL(server, name string) (string, error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

// ensureDatabase returns the database name on server, migrated and
// seeded to at least sizes: reused when it already holds them (and
// recreate is false), otherwise dropped and made again.
func ensureDatabase(ctx context.Context, server, name string, sizes scale.Sizes, recreate bool, logf func(string, ...any)) (*benchDB, error) {
	admin, err := sql.Open("postgres", server)
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	var exists bool
	if err := admin.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return nil, fmt.Errorf("look for database %s: %w", name, err)
	}
	dbURL, err := databaseURL(server, name)
	if err != nil {
		return nil, err
	}
	b := &benchDB{url: dbURL}
	if exists && !recreate {
		if ok, err := b.holds(ctx, sizes); err != nil {
			logf("database %s is not usable (%v): making it again", name, err)
		} else if ok {
			b.reused = true
			logf("reusing database %s (%v); -recreate makes it again", name, b.sizes)
		} else {
			logf("database %s holds %v, not %v: making it again", name, b.sizes, sizes)
		}
	}
	if !b.reused {
		if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			return nil, fmt.Errorf("drop %s: %w", name, err)
		}
		if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
			return nil, fmt.Errorf("create %s: %w", name, err)
		}
		db, err := database.Open(dbURL, database.Options{})
		if err != nil {
			return nil, err
		}
		defer db.Close()
		if err := db.Migrate(ctx); err != nil {
			return nil, err
		}
		logf("seeding %s with %v ...", name, sizes)
		res, err := scale.Generate(ctx, db, sizes)
		if err != nil {
			return nil, err
		}
		b.seeded = res.Took
		logf("seeded in %v", res.Took.Round(time.Millisecond))
		if err := benchAccounts(ctx, db.Client, res.Member); err != nil {
			return nil, err
		}
		if _, err := b.holds(ctx, sizes); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// holds reads what the database holds and finds the bench member; it
// reports whether that is at least sizes.
func (b *benchDB) holds(ctx context.Context, sizes scale.Sizes) (bool, error) {
	db, err := database.Open(b.url, database.Options{})
	if err != nil {
		return false, err
	}
	defer db.Close()
	// The schema may have grown since the database was made.
	if err := db.Migrate(ctx); err != nil {
		return false, err
	}
	if b.sizes, err = scale.Count(ctx, db.SQL); err != nil {
		return false, err
	}
	if err := scale.Vacuum(ctx, db.SQL); err != nil {
		return false, err
	}
	a, err := db.Client.Account.Query().Where(account.Email(memberEmail)).WithPerson().Only(viewer.SystemContext(ctx))
	if err != nil {
		return false, fmt.Errorf("the bench member: %w", err)
	}
	if a.Edges.Person == nil {
		return false, fmt.Errorf("the bench member has no person")
	}
	b.member = a.Edges.Person.ID
	return b.sizes.People >= sizes.People && b.sizes.Cohorts >= sizes.Cohorts &&
		b.sizes.Enrollments >= sizes.Enrollments && b.sizes.Surveys >= sizes.Surveys, nil
}

// benchAccounts makes the bench's sign-ins: a member bound to person (a
// listed participant), with a few accepted connections and requests as a
// member of some standing has, and a partner of the demo's partner
// foundation.
func benchAccounts(ctx context.Context, c *ent.Client, member int) error {
	ctx = viewer.SystemContext(ctx)
	hash, err := auth.HashPassword(benchPass)
	if err != nil {
		return err
	}
	if err := c.Account.Create().SetEmail(memberEmail).SetPasswordHash(hash).SetRole(account.RoleMEMBER).
		SetPersonID(member).Exec(ctx); err != nil {
		return fmt.Errorf("bench member: %w", err)
	}
	partnerOrg, err := c.Organization.Query().Where(organization.KindEQ(organization.KindFOUNDATION)).FirstID(ctx)
	if err != nil {
		return fmt.Errorf("bench partner's foundation: %w", err)
	}
	if err := c.Account.Create().SetEmail(partnerEmail).SetPasswordHash(hash).SetRole(account.RolePARTNER).
		SetOrganizationID(partnerOrg).Exec(ctx); err != nil {
		return fmt.Errorf("bench partner: %w", err)
	}
	peers, err := c.Person.Query().
		Where(person.ListedInDirectory(true), person.IsTrainer(false), person.IDNEQ(member)).
		Order(ent.Asc(person.FieldID)).Limit(30).IDs(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	for i, p := range peers {
		b := c.Connection.Create().SetRequesterID(p).SetAddresseeID(member).SetCreatedAt(now.AddDate(0, 0, -i))
		switch {
		case i < 24:
			b.SetStatus(connection.StatusACCEPTED).SetRespondedAt(now)
		case i < 28:
			b.SetStatus(connection.StatusPENDING)
		default:
			b = c.Connection.Create().SetRequesterID(member).SetAddresseeID(p).SetCreatedAt(now).SetStatus(connection.StatusPENDING)
		}
		if err := b.Exec(ctx); err != nil {
			return fmt.Errorf("bench connections: %w", err)
		}
	}
	return nil
}

// samplePeople returns up to n IDs of listed, generated people, spread
// over the table, for the profile page, and searches for them: two words
// (the given name and the start of the family name) and the city.
func samplePeople(ctx context.Context, dbURL string, n int) ([]int, []search, error) {
	db, err := sql.Open("postgres", dbURL)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT id, given_name || ' ' || left(family_name, 4), city
		FROM persons WHERE listed_in_directory AND profile_visibility IN ('PUBLIC', 'COMMUNITY')
		ORDER BY md5(id::text) LIMIT $1`, n)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ids []int
	var searches []search
	for rows.Next() {
		var id int
		var s search
		if err := rows.Scan(&id, &s.text, &s.city); err != nil {
			return nil, nil, err
		}
		ids = append(ids, id)
		searches = append(searches, s)
	}
	return ids, searches, rows.Err()
}

// search is one people search: its text and city filter.
type search struct{ text, city string }

// vars are the search's variables for searchQuery.
func (s search) vars() map[string]any {
	return map[string]any{"query": s.text, "filter": map[string]any{"city": s.city}}
}
