package seed

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
)

// seeded returns a fresh database (SQLite in memory, or a scratch
// PostgreSQL database when BIRGE_TEST_DATABASE_URL is set) with the demo
// community in it.
func seeded(t *testing.T) (*ent.Client, Stats) {
	t.Helper()
	client := testdb.Open(t).Client
	ctx := context.Background()
	if ok, err := DemoIsSeeded(ctx, client); err != nil || ok {
		t.Fatalf("DemoIsSeeded on an empty database = %v, %v; want false, nil", ok, err)
	}
	start := time.Now()
	st, err := Demo(ctx, client)
	if err != nil {
		t.Fatalf("Demo: %v", err)
	}
	t.Logf("Demo took %v: %+v", time.Since(start), st)
	return client, st
}

func TestDemoCounts(t *testing.T) {
	_, st := seeded(t)
	if !st.Created {
		t.Error("Created = false on an empty database")
	}
	for _, c := range []struct {
		name    string
		got, lo int
	}{
		{"alumni", st.Alumni, 120},
		{"cohorts", st.Cohorts, 12},
		{"organizations", st.Organizations, 8},
		{"fundings", st.Fundings, 20},
		{"activities", st.Activities, 7},
		{"interests", st.Interests, 12},
		{"enrollments", st.Enrollments, st.Alumni},
		{"people", st.People, st.Alumni + st.Trainers},
	} {
		if c.got < c.lo {
			t.Errorf("%s = %d, want at least %d", c.name, c.got, c.lo)
		}
	}
	if st.Trainers != 8 {
		t.Errorf("trainers = %d, want 8", st.Trainers)
	}
}

func TestDemoCohorts(t *testing.T) {
	client, _ := seeded(t)
	ctx := viewer.SystemContext(context.Background())
	cohorts, err := client.Cohort.Query().
		WithActivities().WithTrainers().WithEnrollments().
		Order(ent.Asc(cohort.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	today := Today()
	var almaty, planned int
	for i, c := range cohorts {
		if c.EndDate.Before(c.StartDate) {
			t.Errorf("%s ends before it starts", c.Name)
		}
		if i > 0 && !c.StartDate.After(cohorts[i-1].StartDate) {
			t.Errorf("%s starts %v, not after the previous course", c.Name, c.StartDate)
		}
		switch c.Status {
		case cohort.StatusCOMPLETED:
			if !c.EndDate.Before(today) {
				t.Errorf("%s is COMPLETED but ends %v, not before %v", c.Name, c.EndDate, today)
			}
		case cohort.StatusPLANNED, cohort.StatusOPEN:
			if !c.StartDate.After(today) {
				t.Errorf("%s is %s but started %v", c.Name, c.Status, c.StartDate)
			}
		case cohort.StatusCANCELLED:
			if len(c.Edges.Enrollments) > 0 {
				t.Errorf("cancelled %s has %d enrollments", c.Name, len(c.Edges.Enrollments))
			}
		}
		if c.City == "Almaty" && c.Status == cohort.StatusCOMPLETED && c.StartDate.Year() >= 2017 && c.StartDate.Year() <= 2026 {
			almaty++
		}
		if c.City == "Ust-Kamenogorsk" {
			if c.Status != cohort.StatusPLANNED || c.StartDate.Year() != 2027 {
				t.Errorf("Ust-Kamenogorsk course is %s in %d, want PLANNED in 2027", c.Status, c.StartDate.Year())
			}
			planned++
		}
		if c.Capacity < 15 || c.Capacity > 16 {
			t.Errorf("%s has capacity %d, want 15 or 16", c.Name, c.Capacity)
		}
		if n := len(c.Edges.Enrollments); n > c.Capacity || (c.Status == cohort.StatusCOMPLETED && n < 13) {
			t.Errorf("%s (%s) has %d enrollments for capacity %d", c.Name, c.Status, n, c.Capacity)
		}
		if n := len(c.Edges.Activities); n < 2 || n > 4 {
			t.Errorf("%s has %d activities, want 2 to 4", c.Name, n)
		}
		if n := len(c.Edges.Trainers); n < 2 || n > 3 {
			t.Errorf("%s has %d trainers, want 2 or 3", c.Name, n)
		}
		for _, tr := range c.Edges.Trainers {
			if !tr.IsTrainer {
				t.Errorf("%s is led by %s %s, who is not a trainer", c.Name, tr.GivenName, tr.FamilyName)
			}
		}
		for _, e := range c.Edges.Enrollments {
			past := c.Status == cohort.StatusCOMPLETED
			done := e.Status == enrollment.StatusCOMPLETED || e.Status == enrollment.StatusWITHDRAWN
			if past != done {
				t.Errorf("%s (%s) has an enrollment %s", c.Name, c.Status, e.Status)
			}
		}
	}
	if almaty < 11 {
		t.Errorf("%d completed courses in Almaty 2017-2026, want at least 11", almaty)
	}
	if planned != 1 {
		t.Errorf("%d courses in Ust-Kamenogorsk, want 1", planned)
	}
	withdrawn, err := client.Enrollment.Query().Where(enrollment.StatusEQ(enrollment.StatusWITHDRAWN)).Count(ctx)
	if err != nil || withdrawn == 0 {
		t.Errorf("withdrawn enrollments = %d, %v; want some", withdrawn, err)
	}
}

func TestDemoPeople(t *testing.T) {
	client, st := seeded(t)
	ctx := viewer.SystemContext(context.Background())
	alumni, err := client.Person.Query().
		Where(person.HasEnrollmentsWith(enrollment.StatusEQ(enrollment.StatusCOMPLETED))).
		WithInterests().WithActivities().WithProfile().
		All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var kazakhLetters, latin, outside, listed, bios int
	for _, p := range alumni {
		name := p.GivenName + " " + p.FamilyName
		if n := len(p.Edges.Interests); n < 1 || n > 4 {
			t.Errorf("%s has %d interests, want 1 to 4", name, n)
		}
		if n := len(p.Edges.Activities); n < 1 || n > 3 {
			t.Errorf("%s has %d activities, want 1 to 3", name, n)
		}
		if p.Edges.Profile == nil || len(p.Edges.Profile.Languages) == 0 {
			t.Errorf("%s has no profile or no languages", name)
		} else if p.Edges.Profile.Bio != "" {
			bios++
		}
		if strings.ContainsAny(name, "ӘәҒғҚқҢңӨөҰұҮүҺһІі") {
			kazakhLetters++
		}
		if strings.ContainsAny(name, "AEIOUaeiou") {
			latin++
		}
		if p.City != "Almaty" {
			outside++
		}
		if p.ListedInDirectory {
			listed++
		}
	}
	if kazakhLetters < 30 || latin < 3 || outside < 5 || listed < len(alumni)/2 || bios == 0 || bios == len(alumni) {
		t.Errorf("of %d alumni: %d names with Kazakh letters, %d in Latin letters, %d outside Almaty, %d listed, %d with a bio",
			len(alumni), kazakhLetters, latin, outside, listed, bios)
	}
	profiles, err := client.Profile.Query().Count(ctx)
	if err != nil || profiles != st.People {
		t.Errorf("%d profiles, %v; want one per person (%d)", profiles, err, st.People)
	}
	contacts, err := client.Person.Query().Where(person.OrganizationIDNotNil(), person.IsTrainer(false)).Count(ctx)
	if err != nil || contacts < 4 {
		t.Errorf("%d partner and staff contacts, %v; want at least 4", contacts, err)
	}
}

func TestDemoFundingsAndOrganizations(t *testing.T) {
	client, _ := seeded(t)
	ctx := viewer.SystemContext(context.Background())
	fundings, err := client.Funding.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var program, cohorts int
	for _, f := range fundings {
		if f.AmountKzt < 1_000_000 || f.AmountKzt > 12_000_000 {
			t.Errorf("funding %d: %d KZT, want 1,000,000 to 12,000,000", f.ID, f.AmountKzt)
		}
		if f.Year < 2017 || f.Year > 2027 || f.Purpose == "" {
			t.Errorf("funding %d: year %d, purpose %q", f.ID, f.Year, f.Purpose)
		}
		if f.ProgramID != nil {
			program++
		}
		if f.CohortID != nil {
			cohorts++
		}
	}
	if program == 0 || cohorts == 0 {
		t.Errorf("%d program fundings and %d cohort fundings, want both", program, cohorts)
	}
	for kind, lo := range map[organization.Kind]int{
		organization.KindASSOCIATION: 1,
		organization.KindGOVERNMENT:  1,
		organization.KindFOUNDATION:  3,
		organization.KindUNIVERSITY:  2,
		organization.KindBUSINESS:    1,
	} {
		if n, err := client.Organization.Query().Where(organization.KindEQ(kind)).Count(ctx); err != nil || n < lo {
			t.Errorf("%d organizations of kind %s, %v; want at least %d", n, kind, err, lo)
		}
	}
}

// The IDs in Stats are what the accounts step binds demo sign-ins to; they
// must point at the right kind of record, on the first run and the next.
func TestDemoIDs(t *testing.T) {
	client, first := seeded(t)
	ctx := context.Background()
	again, err := Demo(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []Stats{first, again} {
		checkDemoIDs(t, client, st)
	}
}

func checkDemoIDs(t *testing.T, client *ent.Client, st Stats) {
	t.Helper()
	ctx := viewer.SystemContext(context.Background())
	prog, err := client.Program.Get(ctx, st.Program)
	if err != nil || prog.Name != ProgramName || prog.OperatorID != st.OperatorOrg {
		t.Errorf("program %d: %v, %v", st.Program, prog, err)
	}
	if o, err := client.Organization.Get(ctx, st.OperatorOrg); err != nil || o.Kind != organization.KindASSOCIATION {
		t.Errorf("operator %d: %v, %v", st.OperatorOrg, o, err)
	}
	if o, err := client.Organization.Get(ctx, st.PartnerOrg); err != nil || o.Kind != organization.KindFOUNDATION {
		t.Errorf("partner %d: %v, %v", st.PartnerOrg, o, err)
	}
	if p, err := client.Person.Get(ctx, st.DemoTrainer); err != nil || !p.IsTrainer {
		t.Errorf("trainer %d: %v, %v", st.DemoTrainer, p, err)
	}
	if p, err := client.Person.Get(ctx, st.DemoPartnerPerson); err != nil || p.OrganizationID == nil || *p.OrganizationID != st.PartnerOrg {
		t.Errorf("partner person %d: %v, %v", st.DemoPartnerPerson, p, err)
	}
	if p, err := client.Person.Get(ctx, st.DemoStaffPerson); err != nil || p.OrganizationID == nil || *p.OrganizationID != st.OperatorOrg {
		t.Errorf("staff person %d: %v, %v", st.DemoStaffPerson, p, err)
	}
	if len(st.DemoAlumni) != 3 {
		t.Fatalf("DemoAlumni = %v, want 3", st.DemoAlumni)
	}
	var cohorts []int
	for _, id := range st.DemoAlumni {
		p, err := client.Person.Query().Where(person.ID(id)).
			WithEnrollments(func(q *ent.EnrollmentQuery) { q.Where(enrollment.StatusEQ(enrollment.StatusCOMPLETED)) }).
			Only(ctx)
		if err != nil || !p.ListedInDirectory || p.IsTrainer || len(p.Edges.Enrollments) != 1 {
			t.Errorf("demo alumnus %d: %v, %v", id, p, err)
			continue
		}
		cohorts = append(cohorts, p.Edges.Enrollments[0].CohortID)
	}
	if len(cohorts) == 3 && (cohorts[0] != cohorts[1] || cohorts[1] == cohorts[2]) {
		t.Errorf("demo alumni are in cohorts %v, want the first two together and the third elsewhere", cohorts)
	}
}

func TestDemoIdempotent(t *testing.T) {
	client, first := seeded(t)
	ctx := context.Background()
	second, err := Demo(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	if second.Created {
		t.Error("second run: Created = true")
	}
	first.Created = false
	if fmt.Sprint(first) != fmt.Sprint(second) {
		t.Errorf("second run:\n%+v\nwant\n%+v", second, first)
	}
	if ok, err := DemoIsSeeded(ctx, client); err != nil || !ok {
		t.Errorf("DemoIsSeeded after seeding = %v, %v; want true, nil", ok, err)
	}
}

// A failure part way leaves nothing behind: Demo writes in one transaction.
func TestDemoRollsBack(t *testing.T) {
	client := testdb.Open(t).Client
	ctx := context.Background()
	failFundings := errors.New("fundings refused")
	client.Funding.Use(func(ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(context.Context, ent.Mutation) (ent.Value, error) { return nil, failFundings })
	})
	if _, err := Demo(ctx, client); !errors.Is(err, failFundings) {
		t.Fatalf("Demo = %v, want %v", err, failFundings)
	}
	sys := viewer.SystemContext(ctx)
	people, err1 := client.Person.Query().Count(sys)
	orgs, err2 := client.Organization.Query().Count(sys)
	if people != 0 || orgs != 0 || err1 != nil || err2 != nil {
		t.Errorf("after a failed Demo: %d people (%v), %d organizations (%v); want none", people, err1, orgs, err2)
	}
}

// Given a transactional client, Demo writes in the caller's transaction.
func TestDemoInCallersTransaction(t *testing.T) {
	client := testdb.Open(t).Client
	ctx := context.Background()
	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Demo(ctx, tx.Client()); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if ok, err := DemoIsSeeded(ctx, client); err != nil || ok {
		t.Errorf("DemoIsSeeded after rolling back = %v, %v; want false, nil", ok, err)
	}
}

func TestDemoDeterministic(t *testing.T) {
	a, _ := seeded(t)
	b, _ := seeded(t)
	sa, sb := snapshot(t, a), snapshot(t, b)
	if !slices.Equal(sa, sb) {
		for i := range min(len(sa), len(sb)) {
			if sa[i] != sb[i] {
				t.Fatalf("two seeded databases differ at line %d:\n%s\n%s", i, sa[i], sb[i])
			}
		}
		t.Fatalf("two seeded databases differ in length: %d and %d lines", len(sa), len(sb))
	}
}

// snapshot lists, in ID order, what the demo data is made of.
func snapshot(t *testing.T, client *ent.Client) []string {
	t.Helper()
	ctx := viewer.SystemContext(context.Background())
	var out []string
	people, err := client.Person.Query().WithProfile().Order(ent.Asc(person.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		out = append(out, fmt.Sprintf("person %s %s, %s, %v, %q", p.GivenName, p.FamilyName, p.City, p.CreatedAt.UTC(), p.Edges.Profile.Bio))
	}
	cohorts, err := client.Cohort.Query().Order(ent.Asc(cohort.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cohorts {
		out = append(out, fmt.Sprintf("cohort %s, %s, %v-%v, %s", c.Name, c.Venue, c.StartDate.UTC(), c.EndDate.UTC(), c.Status))
	}
	fundings, err := client.Funding.Query().Order(ent.Asc("id")).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fundings {
		out = append(out, fmt.Sprintf("funding %d %d %s", f.Year, f.AmountKzt, f.Purpose))
	}
	return out
}

func TestFeminine(t *testing.T) {
	for masc, fem := range map[string]string{
		"Ахметов":    "Ахметова",
		"Нұрғалиев":  "Нұрғалиева",
		"Ғабдуллин":  "Ғабдуллина",
		"Ковальский": "Ковальская",
		"Серікұлы":   "Серікқызы",
		"Ким":        "Ким",
		"Шевченко":   "Шевченко",
		"Seitov":     "Seitova",
		"Serıkūly":   "Serıkqyzy",
	} {
		if got := feminine(masc); got != fem {
			t.Errorf("feminine(%q) = %q, want %q", masc, got, fem)
		}
	}
}

func TestPlanNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range newPlan().people {
		name := p.given + " " + p.family
		if seen[name] {
			t.Errorf("%s appears twice", name)
		}
		seen[name] = true
	}
}

func TestTranslit(t *testing.T) {
	for in, want := range map[string]string{"Әсел": "asel", "Нұрғалиева": "nurgalieva", "Äsel": "asel", "Щукин": "schukin"} {
		if got := translit(in); got != want {
			t.Errorf("translit(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkDemo(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		client := testdb.Open(b).Client
		b.StartTimer()
		if _, err := Demo(ctx, client); err != nil {
			b.Fatal(err)
		}
	}
}
