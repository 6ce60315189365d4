package scale

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shyraq/birge/seed"
	"github.com/shyraq/birge/textkey"
)

// tables are the tables written with IDs of their own: their sequences
// hand out a block of IDs, under a lock that keeps other writers out
// until the transaction ends.
var tables = []string{"persons", "profiles", "contact_details", "consents", "cohorts", "enrollments", "outcome_surveys"}

// write copies plan p into db in one transaction.
func write(ctx context.Context, db *sql.DB, p *plan, res *Result) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("scale: begin: %w", err)
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, tx.Rollback())
		}
	}()
	if _, err := tx.ExecContext(ctx, "LOCK TABLE "+strings.Join(tables, ", ")+" IN SHARE ROW EXCLUSIVE MODE"); err != nil {
		return fmt.Errorf("scale: lock: %w", err)
	}
	// reserve returns the first of n new IDs of table.
	reserve := func(table string, n int) (int, error) {
		var first int
		if err := tx.QueryRowContext(ctx, `SELECT nextval(pg_get_serial_sequence($1, 'id'))`, table).Scan(&first); err != nil {
			return 0, fmt.Errorf("scale: ids of %s: %w", table, err)
		}
		if n > 1 {
			if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), $2)`, table, first+n-1); err != nil {
				return 0, fmt.Errorf("scale: ids of %s: %w", table, err)
			}
		}
		return first, nil
	}
	// copyRows streams rows, made by each, into table's columns.
	copyRows := func(table string, cols []string, each func(row func(...any) error) error) error {
		stmt, err := tx.PrepareContext(ctx, "COPY "+table+" ("+strings.Join(cols, ", ")+") FROM STDIN")
		if err != nil {
			return fmt.Errorf("scale: copy %s: %w", table, err)
		}
		defer stmt.Close()
		row := func(vals ...any) error {
			_, err := stmt.ExecContext(ctx, vals...)
			return err
		}
		if err := each(row); err != nil {
			return fmt.Errorf("scale: copy %s: %w", table, err)
		}
		if _, err := stmt.ExecContext(ctx); err != nil {
			return fmt.Errorf("scale: copy %s: %w", table, err)
		}
		return nil
	}

	personBase, err := reserve("persons", len(p.people))
	if err != nil {
		return err
	}
	personID := func(i int) int { return personBase + i }
	res.PersonIDs = [2]int{personBase, personBase + len(p.people) - 1}
	if p.member >= 0 {
		res.Member = personID(p.member)
	}
	err = copyRows("persons", []string{"id", "created_at", "updated_at", "given_name", "family_name", "city", "is_trainer",
		"looking_for", "search_key", "listed_in_directory", "visible_to_partners", "profile_visibility", "contact_visibility"},
		func(row func(...any) error) error {
			for i, pp := range p.people {
				key := textkey.PersonKey(pp.given, pp.family, pp.city)
				if err := row(personID(i), pp.joined, pp.joined, pp.given, pp.family, pp.city, pp.trainer,
					jsonStrings(pp.lookingFor), key, pp.privacy.Listed, pp.privacy.Partners,
					string(pp.privacy.Profile), string(pp.privacy.Contact)); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return err
	}

	// Profiles, contact details and consents, drawn from one generator so
	// that they stay the same for the same sizes.
	r := newRand(len(p.people), 1)
	profileBase, err := reserve("profiles", len(p.people))
	if err != nil {
		return err
	}
	err = copyRows("profiles", []string{"id", "bio", "languages", "search_bio", "person_id"}, func(row func(...any) error) error {
		for i, pp := range p.people {
			bio := seed.Bio(r, pp.lang)
			langs := languagesOf[pp.lang]
			if err := row(profileBase+i, bio, jsonStrings(langs[r.IntN(len(langs))]), textkey.Key(bio), personID(i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}

	emails := seed.Emails()
	type contact struct {
		person                int
		email, phone, telegra string
	}
	var contacts []contact
	for i, pp := range p.people {
		if !pp.trainer && r.IntN(100) >= 60 {
			continue
		}
		c := contact{person: i, email: emails(pp.given, pp.family)}
		if r.IntN(100) < 40 {
			c.phone = "+7 700 " + strconv.Itoa(100+r.IntN(900)) + " " + strconv.Itoa(10+r.IntN(90)) + " " + strconv.Itoa(10+r.IntN(90))
		}
		if r.IntN(100) < 20 {
			c.telegra = "@" + strings.TrimSuffix(c.email, "@example.org")
			c.telegra = strings.ReplaceAll(c.telegra, ".", "_")
		}
		contacts = append(contacts, c)
	}
	contactBase, err := reserve("contact_details", len(contacts))
	if err != nil {
		return err
	}
	err = copyRows("contact_details", []string{"id", "email", "phone", "telegram", "person_id"}, func(row func(...any) error) error {
		for i, c := range contacts {
			if err := row(contactBase+i, c.email, c.phone, c.telegra, personID(c.person)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}

	consents := 0
	for _, pp := range p.people {
		consents += len(pp.privacy.Consents)
	}
	consentBase, err := reserve("consents", consents)
	if err != nil {
		return err
	}
	err = copyRows("consents", []string{"id", "kind", "granted_at", "person_id"}, func(row func(...any) error) error {
		n := 0
		for i, pp := range p.people {
			for _, k := range pp.privacy.Consents {
				if err := row(consentBase+n, string(k), pp.joined, personID(i)); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}

	for _, edge := range []struct {
		table, col string
		ids        func(personPlan) []int
	}{
		{"person_interests", "interest_id", func(pp personPlan) []int { return pp.interests }},
		{"person_activities", "activity_id", func(pp personPlan) []int { return pp.activities }},
	} {
		err = copyRows(edge.table, []string{"person_id", edge.col}, func(row func(...any) error) error {
			for i, pp := range p.people {
				for _, id := range edge.ids(pp) {
					if err := row(personID(i), id); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}

	cohortBase, err := reserve("cohorts", len(p.cohorts))
	if err != nil {
		return err
	}
	err = copyRows("cohorts", []string{"id", "created_at", "updated_at", "name", "city", "venue", "start_date", "end_date",
		"capacity", "status", "program_id"}, func(row func(...any) error) error {
		for i, c := range p.cohorts {
			created := notAfter(c.start.AddDate(0, -3, 0), seed.Today())
			if err := row(cohortBase+i, created, created, c.name, c.city, c.venue, c.start, c.end, c.capacity, c.status, p.program); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = copyRows("cohort_activities", []string{"cohort_id", "activity_id"}, func(row func(...any) error) error {
		for i, c := range p.cohorts {
			for _, a := range c.activities {
				if err := row(cohortBase+i, a); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = copyRows("cohort_trainers", []string{"cohort_id", "person_id"}, func(row func(...any) error) error {
		for i, c := range p.cohorts {
			for _, t := range c.trainers {
				if err := row(cohortBase+i, personID(t)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}

	enrollmentBase, err := reserve("enrollments", len(p.enrollments))
	if err != nil {
		return err
	}
	err = copyRows("enrollments", []string{"id", "created_at", "updated_at", "status", "pledge", "goals", "cohort_id", "person_id"},
		func(row func(...any) error) error {
			for i, e := range p.enrollments {
				lang := p.people[e.person].lang
				pledge := ""
				if r.IntN(5) > 0 {
					pledge = seed.Pledge(r, lang)
				}
				if err := row(enrollmentBase+i, e.at, e.at, e.status, pledge, seed.Goals(r, lang), cohortBase+e.cohort, personID(e.person)); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return err
	}

	surveyBase, err := reserve("outcome_surveys", len(p.surveys))
	if err != nil {
		return err
	}
	err = copyRows("outcome_surveys", []string{"id", "stage", "independence", "confidence", "cooks_for_self", "travels_alone",
		"occupation", "community_participation", "peers_met", "assisted", "recorded_at", "enrollment_id"},
		func(row func(...any) error) error {
			for i, s := range p.surveys {
				if err := row(surveyBase+i, s.stage, s.independence, s.confidence, s.cooks, s.travels, s.occupation,
					s.community, s.peersMet, s.assisted, s.at, enrollmentBase+s.enrollment); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("scale: commit: %w", err)
	}
	return nil
}
