package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/activity"
	"github.com/shyraq/birge/ent/interest"
	"github.com/shyraq/birge/ent/organization"
)

// write writes plan p through c and records the demo IDs in st. Tags and
// organizations that already exist (by slug and by name) are reused, so
// the demo can join data entered by hand.
func write(ctx context.Context, c *ent.Client, p *plan, st *Stats) error {
	orgIDs, err := ensureOrgs(ctx, c)
	if err != nil {
		return err
	}
	activityIDs, err := ensureTags(ctx, activities,
		func(slugs []string) ([]*ent.Activity, error) {
			return c.Activity.Query().Where(activity.SlugIn(slugs...)).All(ctx)
		},
		func(a *ent.Activity) (string, int) { return a.Slug, a.ID },
		func(ts []tag) ([]*ent.Activity, error) {
			b := make([]*ent.ActivityCreate, len(ts))
			for i, t := range ts {
				b[i] = c.Activity.Create().SetSlug(t.slug).SetLabelKk(t.kk).SetLabelRu(t.ru).SetLabelEn(t.en)
			}
			return c.Activity.CreateBulk(b...).Save(ctx)
		})
	if err != nil {
		return fmt.Errorf("activities: %w", err)
	}
	interestIDs, err := ensureTags(ctx, interests,
		func(slugs []string) ([]*ent.Interest, error) {
			return c.Interest.Query().Where(interest.SlugIn(slugs...)).All(ctx)
		},
		func(i *ent.Interest) (string, int) { return i.Slug, i.ID },
		func(ts []tag) ([]*ent.Interest, error) {
			b := make([]*ent.InterestCreate, len(ts))
			for i, t := range ts {
				b[i] = c.Interest.Create().SetSlug(t.slug).SetLabelKk(t.kk).SetLabelRu(t.ru).SetLabelEn(t.en)
			}
			return c.Interest.CreateBulk(b...).Save(ctx)
		})
	if err != nil {
		return fmt.Errorf("interests: %w", err)
	}

	operator := orgIDs[orgIndex(operatorName)]
	prog, err := c.Program.Create().
		SetName(ProgramName).
		SetDescription(programDescription).
		SetOperatorID(operator).
		SetCreatedAt(orgsSince()).SetUpdatedAt(orgsSince()).
		Save(ctx)
	if err != nil {
		return fmt.Errorf("program: %w", err)
	}

	personIDs, err := writePeople(ctx, c, p, orgIDs, interestIDs, activityIDs)
	if err != nil {
		return err
	}

	cb := make([]*ent.CohortCreate, len(p.cohorts))
	for i, cp := range p.cohorts {
		created := notAfterToday(cp.start.AddDate(0, -3, 0))
		cb[i] = c.Cohort.Create().
			SetName(cp.name).
			SetCity(cp.city).
			SetVenue(cp.venue).
			SetStartDate(cp.start).
			SetEndDate(cp.end).
			SetCapacity(cp.capacity).
			SetStatus(cp.status).
			SetProgramID(prog.ID).
			SetCreatedAt(created).SetUpdatedAt(created).
			AddActivityIDs(idsAt(activityIDs, cp.activities)...).
			AddTrainerIDs(idsAt(personIDs, cp.trainers)...)
	}
	cohorts, err := c.Cohort.CreateBulk(cb...).Save(ctx)
	if err != nil {
		return fmt.Errorf("cohorts: %w", err)
	}

	eb := make([]*ent.EnrollmentCreate, len(p.enrollments))
	for i, e := range p.enrollments {
		eb[i] = c.Enrollment.Create().
			SetPersonID(personIDs[e.person]).
			SetCohortID(cohorts[e.cohort].ID).
			SetStatus(e.status).
			SetPledge(e.pledge).
			SetGoals(e.goals).
			SetCreatedAt(e.at).SetUpdatedAt(e.at)
	}
	if err := c.Enrollment.CreateBulk(eb...).Exec(ctx); err != nil {
		return fmt.Errorf("enrollments: %w", err)
	}
	if err := writeSurveys(ctx, c, p, personIDs, cohorts); err != nil {
		return err
	}

	fb := make([]*ent.FundingCreate, len(p.fundings))
	for i, f := range p.fundings {
		created := notAfterToday(Date(f.year, time.January, 15))
		b := c.Funding.Create().
			SetFunderID(orgIDs[f.funder]).
			SetYear(f.year).
			SetAmountKzt(f.amount).
			SetPurpose(f.purpose).
			SetCreatedAt(created).SetUpdatedAt(created)
		if f.cohort >= 0 {
			b.SetCohortID(cohorts[f.cohort].ID)
		} else {
			b.SetProgramID(prog.ID)
		}
		fb[i] = b
	}
	if err := c.Funding.CreateBulk(fb...).Exec(ctx); err != nil {
		return fmt.Errorf("fundings: %w", err)
	}

	if err := writePeers(ctx, c, p, personIDs); err != nil {
		return err
	}

	st.Program = prog.ID
	st.OperatorOrg = operator
	st.PartnerOrg = orgIDs[orgIndex(partnerName)]
	st.DemoTrainer = personIDs[p.demoTrainer]
	st.DemoPartnerPerson = personIDs[p.demoPartner]
	st.DemoStaffPerson = personIDs[p.demoStaff]
	st.DemoAlumni = idsAt(personIDs, p.demoAlumni)
	return nil
}

// writePeople writes the people of p with their profiles, contact details
// and consents, and returns their IDs in plan order.
func writePeople(ctx context.Context, c *ent.Client, p *plan, orgIDs, interestIDs, activityIDs []int) ([]int, error) {
	pb := make([]*ent.PersonCreate, len(p.people))
	for i, pp := range p.people {
		b := c.Person.Create().
			SetGivenName(pp.given).
			SetFamilyName(pp.family).
			SetCity(pp.city).
			SetIsTrainer(pp.trainer).
			SetListedInDirectory(pp.listed).
			SetVisibleToPartners(pp.partners).
			SetProfileVisibility(pp.profile).
			SetContactVisibility(pp.contact).
			SetCreatedAt(pp.joined).SetUpdatedAt(pp.joined).
			AddInterestIDs(idsAt(interestIDs, pp.interests)...).
			AddActivityIDs(idsAt(activityIDs, pp.activities)...)
		if pp.org >= 0 {
			b.SetOrganizationID(orgIDs[pp.org])
		}
		pb[i] = b
	}
	people, err := c.Person.CreateBulk(pb...).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	ids := make([]int, len(people))
	for i, x := range people {
		ids[i] = x.ID
	}

	prb := make([]*ent.ProfileCreate, len(p.people))
	var cdb []*ent.ContactDetailsCreate
	var csb []*ent.ConsentCreate
	for i, pp := range p.people {
		prb[i] = c.Profile.Create().SetPersonID(ids[i]).SetBio(pp.bio).SetLanguages(pp.languages)
		if pp.email != "" {
			cdb = append(cdb, c.ContactDetails.Create().SetPersonID(ids[i]).SetEmail(pp.email))
		}
		for _, k := range pp.consents {
			csb = append(csb, c.Consent.Create().SetPersonID(ids[i]).SetKind(k).SetGrantedAt(pp.joined))
		}
	}
	if err := c.Profile.CreateBulk(prb...).Exec(ctx); err != nil {
		return nil, fmt.Errorf("profiles: %w", err)
	}
	if err := c.ContactDetails.CreateBulk(cdb...).Exec(ctx); err != nil {
		return nil, fmt.Errorf("contact details: %w", err)
	}
	if err := c.Consent.CreateBulk(csb...).Exec(ctx); err != nil {
		return nil, fmt.Errorf("consents: %w", err)
	}
	return ids, nil
}

// ensureOrgs returns the IDs of orgs, in order, creating those not found by
// name.
func ensureOrgs(ctx context.Context, c *ent.Client) ([]int, error) {
	names := make([]string, len(orgs))
	for i, o := range orgs {
		names[i] = o.name
	}
	found, err := c.Organization.Query().Where(organization.NameIn(names...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("organizations: %w", err)
	}
	byName := map[string]int{}
	for _, o := range found {
		byName[o.Name] = o.ID
	}
	var missing []int
	var b []*ent.OrganizationCreate
	for i, o := range orgs {
		if _, ok := byName[o.name]; ok {
			continue
		}
		missing = append(missing, i)
		b = append(b, c.Organization.Create().
			SetName(o.name).
			SetKind(o.kind).
			SetCity(o.city).
			SetWebsite(o.website).
			SetDescription(o.description).
			SetCreatedAt(orgsSince()).SetUpdatedAt(orgsSince()))
	}
	created, err := c.Organization.CreateBulk(b...).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("organizations: %w", err)
	}
	for j, i := range missing {
		byName[orgs[i].name] = created[j].ID
	}
	ids := make([]int, len(orgs))
	for i, o := range orgs {
		ids[i] = byName[o.name]
	}
	return ids, nil
}

// ensureTags returns the IDs of tags, in order, creating those not found by
// slug. T is *ent.Activity or *ent.Interest.
func ensureTags[T any](
	ctx context.Context,
	tags []tag,
	find func(slugs []string) ([]T, error),
	key func(T) (string, int),
	create func([]tag) ([]T, error),
) ([]int, error) {
	slugs := make([]string, len(tags))
	for i, t := range tags {
		slugs[i] = t.slug
	}
	found, err := find(slugs)
	if err != nil {
		return nil, err
	}
	bySlug := map[string]int{}
	for _, x := range found {
		s, id := key(x)
		bySlug[s] = id
	}
	var missing []tag
	for _, t := range tags {
		if _, ok := bySlug[t.slug]; !ok {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		created, err := create(missing)
		if err != nil {
			return nil, err
		}
		for _, x := range created {
			s, id := key(x)
			bySlug[s] = id
		}
	}
	ids := make([]int, len(tags))
	for i, t := range tags {
		ids[i] = bySlug[t.slug]
	}
	return ids, nil
}

// idsAt maps indexes to the IDs at those indexes.
func idsAt(ids []int, idx []int) []int {
	out := make([]int, len(idx))
	for i, j := range idx {
		out[i] = ids[j]
	}
	return out
}
