// Package seed fills a database with the demo community of the School of
// Independent Life: the "Shyraq" association that runs it, its partners and
// their fundings, eight trainers, the courses held in Almaty since 2017 and
// the first one planned in Ust-Kamenogorsk, and the alumni of those
// courses, with their interests, activities and enrollments.
//
// Everyone and everything in it is fictional: names are drawn by combining
// common given and family names, organizations and venues are made up. The
// data is the same on every run (a fixed random seed, dates fixed relative
// to Today) and seeding is idempotent.
package seed

import (
	"context"
	"errors"
	"fmt"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/program"
	"github.com/shyraq/birge/viewer"
)

// ProgramName is the name of the demo program; a database holding a program
// of this name counts as seeded.
const ProgramName = "School of Independent Life"

const programDescription = "A week-long independence course for people with disabilities: " +
	"art therapy, dance, singing, cooking and fitness, everyday skills and a community " +
	"that stays together after the course. Run in Almaty since 2017; coming to Ust-Kamenogorsk in 2027."

// Stats describes the seeded database: how many of each record it holds,
// and the IDs of the records that demo accounts bind to.
type Stats struct {
	// Created is true if this call wrote the demo data, false if it found
	// it already there.
	Created bool

	People        int // all persons
	Alumni        int // persons who completed a course
	Trainers      int
	Cohorts       int
	Enrollments   int
	Organizations int
	Fundings      int
	Activities    int
	Interests     int

	Program     int // the School of Independent Life
	OperatorOrg int // the association that runs it
	PartnerOrg  int // a partner foundation

	DemoTrainer       int   // a trainer who led most courses
	DemoAlumni        []int // two peers from the latest completed course, one from an earlier one
	DemoPartnerPerson int   // a contact person of PartnerOrg
	DemoStaffPerson   int   // the course coordinator, a person of OperatorOrg
}

// DemoIsSeeded reports whether the demo program exists, that is whether
// Demo has already run on this database.
func DemoIsSeeded(ctx context.Context, client *ent.Client) (bool, error) {
	ok, err := client.Program.Query().Where(program.Name(ProgramName)).Exist(viewer.SystemContext(ctx))
	if err != nil {
		return false, fmt.Errorf("seed: look for the demo program: %w", err)
	}
	return ok, nil
}

// Demo writes the demo community in one transaction, as the system viewer.
// If the demo program already exists it writes nothing and returns the
// Stats of what is there. Demo IDs of records that have since been deleted
// are 0.
//
// If client is already transactional, Demo writes within that
// transaction and leaves committing to the caller.
func Demo(ctx context.Context, client *ent.Client) (Stats, error) {
	ctx = viewer.SystemContext(ctx)
	p := newPlan()
	tx, err := client.Tx(ctx)
	if errors.Is(err, ent.ErrTxStarted) {
		return demo(ctx, client, p)
	}
	if err != nil {
		return Stats{}, fmt.Errorf("seed: begin: %w", err)
	}
	st, err := demo(ctx, tx.Client(), p)
	if err != nil {
		return Stats{}, errors.Join(err, tx.Rollback())
	}
	if err := tx.Commit(); err != nil {
		return Stats{}, fmt.Errorf("seed: commit: %w", err)
	}
	return st, nil
}

func demo(ctx context.Context, c *ent.Client, p *plan) (Stats, error) {
	seeded, err := DemoIsSeeded(ctx, c)
	if err != nil {
		return Stats{}, err
	}
	var st Stats
	if seeded {
		err = lookup(ctx, c, p, &st)
	} else {
		st.Created = true
		err = write(ctx, c, p, &st)
	}
	if err != nil {
		return Stats{}, fmt.Errorf("seed: %w", err)
	}
	if err := count(ctx, c, &st); err != nil {
		return Stats{}, fmt.Errorf("seed: count: %w", err)
	}
	return st, nil
}

// lookup finds the demo IDs of an already seeded database by natural keys.
func lookup(ctx context.Context, c *ent.Client, p *plan, st *Stats) error {
	var err error
	first := func(q interface {
		FirstID(context.Context) (int, error)
	}) int {
		if err != nil {
			return 0
		}
		id, e := q.FirstID(ctx)
		if e != nil && !ent.IsNotFound(e) {
			err = e
		}
		return id
	}
	st.Program = first(c.Program.Query().Where(program.Name(ProgramName)).Order(ent.Asc(program.FieldID)))
	st.OperatorOrg = first(c.Organization.Query().Where(organization.Name(operatorName)))
	st.PartnerOrg = first(c.Organization.Query().Where(organization.Name(partnerName)))
	findPerson := func(i int) int {
		pp := p.people[i]
		return first(c.Person.Query().
			Where(person.GivenName(pp.given), person.FamilyName(pp.family)).
			Order(ent.Asc(person.FieldID)))
	}
	st.DemoTrainer = findPerson(p.demoTrainer)
	st.DemoPartnerPerson = findPerson(p.demoPartner)
	st.DemoStaffPerson = findPerson(p.demoStaff)
	for _, i := range p.demoAlumni {
		st.DemoAlumni = append(st.DemoAlumni, findPerson(i))
	}
	if err != nil {
		return fmt.Errorf("look up demo records: %w", err)
	}
	return nil
}

// count fills the record counts of st.
func count(ctx context.Context, c *ent.Client, st *Stats) error {
	for _, q := range []struct {
		n     *int
		count func(context.Context) (int, error)
	}{
		{&st.People, c.Person.Query().Count},
		{&st.Alumni, c.Person.Query().Where(person.HasEnrollmentsWith(enrollment.StatusEQ(enrollment.StatusCOMPLETED))).Count},
		{&st.Trainers, c.Person.Query().Where(person.IsTrainer(true)).Count},
		{&st.Cohorts, c.Cohort.Query().Count},
		{&st.Enrollments, c.Enrollment.Query().Count},
		{&st.Organizations, c.Organization.Query().Count},
		{&st.Fundings, c.Funding.Query().Count},
		{&st.Activities, c.Activity.Query().Count},
		{&st.Interests, c.Interest.Query().Count},
	} {
		n, err := q.count(ctx)
		if err != nil {
			return err
		}
		*q.n = n
	}
	return nil
}
