// Package benchdata fills a migrated, empty PostgreSQL database with a
// large synthetic program for benchmarks of the reports: many courses in
// many cities over many years, one course per person, five surveys per
// person. The rows are written by the server itself (INSERT ... SELECT
// over generate_series), which takes seconds for millions of rows, and
// bypass the ent hooks: nothing but the reports reads them.
package benchdata

import (
	"context"
	"database/sql"
	"fmt"
)

// Size is the shape of the program.
type Size struct {
	People     int // one enrollment each, all completed
	CourseSize int // participants per course
	Cities     int
	FirstYear  int // courses run from FirstYear to FirstYear+Years-1
	Years      int
}

// Default is 100,000 people in courses of 25 (4,000 courses) in ten
// cities over 25 years: with five stages each, 500,000 survey answers.
var Default = Size{People: 100_000, CourseSize: 25, Cities: 10, FirstYear: 2001, Years: 25}

// Fill writes the program of size s into db, which must be PostgreSQL,
// migrated and empty. Answers vary with the person, so that every cell
// has some of each answer.
func Fill(ctx context.Context, db *sql.DB, s Size) error {
	courses := (s.People + s.CourseSize - 1) / s.CourseSize
	steps := []string{
		`INSERT INTO organizations (created_at, updated_at, name, kind, city, website, description)
		 SELECT now(), now(), 'Funder ' || i, CASE WHEN i = 1 THEN 'ASSOCIATION' ELSE 'FOUNDATION' END, 'Almaty', '', ''
		 FROM generate_series(1, 6) i`,
		`INSERT INTO programs (created_at, updated_at, name, description, operator_id)
		 SELECT now(), now(), 'School of Independent Life', '', min(id) FROM organizations`,
		fmt.Sprintf(`INSERT INTO cohorts (created_at, updated_at, name, city, venue, start_date, end_date, capacity, status, program_id)
		 SELECT now(), now(), 'Course ' || i, 'City ' || (i %% %d), '',
		   make_date(%d + (i %% %d), 1 + (i %% 12), 1), make_date(%d + (i %% %d), 1 + (i %% 12), 7),
		   %d, 'COMPLETED', (SELECT min(id) FROM programs)
		 FROM generate_series(1, %d) i`,
			s.Cities, s.FirstYear, s.Years, s.FirstYear, s.Years, s.CourseSize, courses),
		fmt.Sprintf(`INSERT INTO persons (created_at, updated_at, given_name, family_name, city, is_trainer, search_key,
		   listed_in_directory, visible_to_partners, profile_visibility, contact_visibility)
		 SELECT now(), now(), 'Given' || i, 'Family' || i, '', false, '', i %% 3 = 0, i %% 5 = 0, 'COMMUNITY', 'CONNECTIONS'
		 FROM generate_series(1, %d) i`, s.People),
		fmt.Sprintf(`INSERT INTO enrollments (created_at, updated_at, status, pledge, goals, person_id, cohort_id)
		 SELECT now(), now(), 'COMPLETED', '', '', p.id, c.id
		 FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM persons) p
		 JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM cohorts) c ON c.n = p.n / %d`, s.CourseSize),
		`INSERT INTO outcome_surveys (stage, independence, confidence, cooks_for_self, travels_alone, occupation,
		   community_participation, peers_met, assisted, recorded_at, enrollment_id)
		 SELECT st.stage,
		   least(5, 1 + (e.id % 3) + st.k * ((e.id / 3) % 2)),
		   least(5, 1 + (e.id % 4) + (st.k + 1) / 2),
		   (e.id + st.k) % 3 = 0, (e.id + st.k) % 4 = 0,
		   (ARRAY['EMPLOYED', 'STUDYING', 'SEEKING_WORK', 'NOT_WORKING'])[1 + (e.id + st.k) % 4],
		   (e.id + st.k) % 2 = 0, st.k * 3, e.id % 5 = 0, now(), e.id
		 FROM enrollments e
		 CROSS JOIN (VALUES (0, 'BASELINE'), (1, 'COURSE_END'), (2, 'MONTH_3'), (3, 'MONTH_6'), (4, 'MONTH_12')) st (k, stage)`,
		fmt.Sprintf(`INSERT INTO fundings (created_at, updated_at, amount_kzt, year, purpose, funder_id, program_id)
		 SELECT now(), now(), 1000000 * (1 + o.n), %d + y, 'Purpose ' || o.n, o.id, (SELECT min(id) FROM programs)
		 FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM organizations) o
		 CROSS JOIN generate_series(0, %d) y`, s.FirstYear, s.Years-1),
		`ANALYZE`,
	}
	for i, q := range steps {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("benchdata: step %d: %w", i+1, err)
		}
	}
	return nil
}
