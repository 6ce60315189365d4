package graph_test

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
)

// mutate runs op (createX or updateX) with input, and for updates id,
// selecting fields of the result.
func (a *api) mutate(op, id string, input map[string]any, fields string, out any) {
	a.t.Helper()
	q, opts := mutation(op, id, input, fields)
	a.do(q, out, opts...)
}

func mutation(op, id string, input map[string]any, fields string) (string, []client.Option) {
	inputType := strings.ToUpper(op[:1]) + op[1:] + "Input"
	if id == "" {
		return "mutation($in: " + inputType + "!) { " + op + "(input: $in) { " + fields + " } }", vars("in", input)
	}
	return "mutation($id: ID!, $in: " + inputType + "!) { " + op + "(id: $id, input: $in) { " + fields + " } }",
		vars("id", id, "in", input)
}

// TestCreateAndUpdate creates and then changes one of each entity through
// the API, as the staff's forms will.
func TestCreateAndUpdate(t *testing.T) {
	t.Parallel()
	a := setup(t)
	var ids = map[string]string{}
	create := func(op string, input map[string]any, fields string, out any) {
		t.Helper()
		a.mutate(op, "", input, "id "+fields, out)
	}

	var org struct {
		CreateOrganization struct{ ID, Name, Kind, Website string }
	}
	create("createOrganization", map[string]any{"name": "Shyraq", "kind": "ASSOCIATION", "city": "Almaty", "website": "https://shyraq.kz"},
		"name kind website", &org)
	if o := org.CreateOrganization; o.Name != "Shyraq" || o.Kind != "ASSOCIATION" || o.Website != "https://shyraq.kz" {
		t.Errorf("created organization = %+v", o)
	}
	ids["org"] = org.CreateOrganization.ID

	var prog struct {
		CreateProgram struct {
			ID       string
			Name     string
			Operator struct{ Name string }
		}
	}
	create("createProgram", map[string]any{"name": "School of Independent Life", "operatorID": ids["org"]}, "name operator { name }", &prog)
	if p := prog.CreateProgram; p.Operator.Name != "Shyraq" {
		t.Errorf("created program's operator = %q, want Shyraq", p.Operator.Name)
	}
	ids["program"] = prog.CreateProgram.ID

	var act, in struct {
		CreateActivity, CreateInterest struct{ ID, Slug, LabelKk, LabelRu, LabelEn string }
	}
	create("createActivity", map[string]any{"slug": "art-therapy", "labelKk": "Арт-терапия", "labelRu": "Арт-терапия", "labelEn": "Art therapy"},
		"slug labelKk labelRu labelEn", &act)
	ids["activity"] = act.CreateActivity.ID
	create("createInterest", map[string]any{"slug": "singing", "labelKk": "Ән салу", "labelRu": "Пение", "labelEn": "Singing"},
		"slug labelKk labelRu labelEn", &in)
	ids["interest"] = in.CreateInterest.ID
	if in.CreateInterest.LabelKk != "Ән салу" {
		t.Errorf("interest labelKk = %q, want Ән салу", in.CreateInterest.LabelKk)
	}

	var trainer struct {
		CreatePerson struct {
			ID        string
			IsTrainer bool
		}
	}
	create("createPerson", map[string]any{"givenName": "Dana", "familyName": "Serikova", "isTrainer": true}, "isTrainer", &trainer)
	ids["trainer"] = trainer.CreatePerson.ID
	if !trainer.CreatePerson.IsTrainer {
		t.Errorf("created trainer is not a trainer")
	}

	var coh struct {
		CreateCohort struct {
			ID, Name, Status, StartDate, EndDate string
			Capacity                             int
			Program                              struct{ ID string }
			Trainers                             struct{ TotalCount int }
			Activities                           struct {
				Edges []struct{ Node struct{ Slug string } }
			}
		}
	}
	create("createCohort", map[string]any{
		"name": "Almaty 2025", "city": "Almaty", "venue": "Shyraq centre",
		"startDate": "2025-06-02T00:00:00Z", "endDate": "2025-06-08T00:00:00Z", "capacity": 15,
		"programID": ids["program"], "trainerIDs": []string{ids["trainer"]}, "activityIDs": []string{ids["activity"]},
	}, "name status startDate endDate capacity program { id } trainers { totalCount } activities { edges { node { slug } } }", &coh)
	c := coh.CreateCohort
	if c.Status != "PLANNED" || c.Capacity != 15 || c.Program.ID != ids["program"] || c.Trainers.TotalCount != 1 ||
		len(c.Activities.Edges) != 1 || c.Activities.Edges[0].Node.Slug != "art-therapy" {
		t.Errorf("created cohort = %+v", c)
	}
	if c.StartDate != "2025-06-02T00:00:00Z" {
		t.Errorf("startDate = %q, want 2025-06-02T00:00:00Z", c.StartDate)
	}
	ids["cohort"] = c.ID

	var alumna struct{ CreatePerson struct{ ID string } }
	create("createPerson", map[string]any{"givenName": "Aliya", "familyName": "Abenova", "city": "Almaty", "interestIDs": []string{ids["interest"]}}, "", &alumna)
	ids["alumna"] = alumna.CreatePerson.ID

	var enr struct {
		CreateEnrollment struct {
			ID, Status, Pledge string
			Person             struct{ FamilyName string }
			Cohort             struct{ Name string }
		}
	}
	create("createEnrollment", map[string]any{"personID": ids["alumna"], "cohortID": ids["cohort"], "pledge": "To cook for my family"},
		"status pledge person { familyName } cohort { name }", &enr)
	if e := enr.CreateEnrollment; e.Status != "ENROLLED" || e.Person.FamilyName != "Abenova" || e.Cohort.Name != "Almaty 2025" {
		t.Errorf("created enrollment = %+v", e)
	}
	ids["enrollment"] = enr.CreateEnrollment.ID

	var fund struct {
		CreateFunding struct {
			ID        string
			AmountKzt int
			Year      int
			Funder    struct{ Name string }
			Cohort    *struct{ ID string }
			Program   *struct{ ID string }
		}
	}
	create("createFunding", map[string]any{"amountKzt": 4500000, "year": 2025, "purpose": "Course week", "funderID": ids["org"], "cohortID": ids["cohort"]},
		"amountKzt year funder { name } cohort { id } program { id }", &fund)
	if f := fund.CreateFunding; f.AmountKzt != 4500000 || f.Funder.Name != "Shyraq" || f.Cohort == nil || f.Cohort.ID != ids["cohort"] || f.Program != nil {
		t.Errorf("created funding = %+v", f)
	}
	ids["funding"] = fund.CreateFunding.ID

	// Updates change what they name and nothing else.
	t.Run("update", func(t *testing.T) {
		var out map[string]map[string]any
		for _, u := range []struct {
			op, id string
			input  map[string]any
			fields string
			want   map[string]any
		}{
			{"updatePerson", ids["alumna"], map[string]any{"city": "Ust-Kamenogorsk", "givenName": "Aliia"},
				"givenName familyName city", map[string]any{"givenName": "Aliia", "familyName": "Abenova", "city": "Ust-Kamenogorsk"}},
			{"updateOrganization", ids["org"], map[string]any{"description": "Women with disabilities association"},
				"name description", map[string]any{"name": "Shyraq", "description": "Women with disabilities association"}},
			{"updateProgram", ids["program"], map[string]any{"description": "A week of independent living skills."},
				"name description", map[string]any{"name": "School of Independent Life", "description": "A week of independent living skills."}},
			{"updateCohort", ids["cohort"], map[string]any{"status": "OPEN", "endDate": "2025-06-09T00:00:00Z", "capacity": 16},
				"status endDate capacity name", map[string]any{"status": "OPEN", "endDate": "2025-06-09T00:00:00Z", "capacity": float64(16), "name": "Almaty 2025"}},
			{"updateEnrollment", ids["enrollment"], map[string]any{"status": "COMPLETED", "goals": "Live on my own"},
				"status goals pledge", map[string]any{"status": "COMPLETED", "goals": "Live on my own", "pledge": "To cook for my family"}},
			{"updateActivity", ids["activity"], map[string]any{"labelEn": "Art therapy (group)"},
				"slug labelEn", map[string]any{"slug": "art-therapy", "labelEn": "Art therapy (group)"}},
			{"updateInterest", ids["interest"], map[string]any{"slug": "choir-singing"},
				"slug labelRu", map[string]any{"slug": "choir-singing", "labelRu": "Пение"}},
			{"updateFunding", ids["funding"], map[string]any{"amountKzt": 5000000, "clearCohort": true, "programID": ids["program"]},
				"amountKzt year program { id } cohort { id }", map[string]any{"amountKzt": float64(5000000), "year": float64(2025),
					"program": map[string]any{"id": ids["program"]}, "cohort": nil}},
		} {
			t.Run(u.op, func(t *testing.T) {
				out = nil
				a.mutate(u.op, u.id, u.input, u.fields, &out)
				got := out[u.op]
				for k, want := range u.want {
					if g := got[k]; !reflect.DeepEqual(g, want) {
						t.Errorf("%s = %#v, want %#v", k, g, want)
					}
				}
			})
		}
	})

	t.Run("update absent", func(t *testing.T) {
		q, opts := mutation("updatePerson", absentID(t, ids["alumna"]), map[string]any{"city": "Taraz"}, "id")
		a.failWith("NOT_FOUND", q, []string{"person"}, opts...)
	})
}

// absentID returns an ID of the same type as id that no row has.
func absentID(t testing.TB, id string) string {
	t.Helper()
	n, err := strconv.Atoi(id)
	if err != nil {
		t.Fatalf("ID %q is not a number", id)
	}
	return gid(n + 1000)
}

// TestValidation sends every kind of bad value through the mutations. Each
// is refused with BAD_USER_INPUT and a message that names the field, so a
// form can show it next to that field.
func TestValidation(t *testing.T) {
	t.Parallel()
	a := setup(t)
	org := a.org("Shyraq")
	prog := a.program(org)
	c := a.cohort(prog, "Almaty 2024", "Almaty", date(2024, 6, 3), cohort.StatusCOMPLETED)
	p := a.person("Aliya", "Abenova", "Almaty")
	a.enroll(p, c)
	e := a.enroll(a.person("Dana", "Serikova", "Almaty"), c)
	act := a.activity("dance", "Dance")
	in := a.interest("cooking", "Cooking")
	toProgram := must[*ent.Funding](t)(a.client.Funding.Create().SetFunder(org).SetProgram(prog).
		SetAmountKzt(1_000_000).SetYear(2024).SetPurpose("Course materials").Save(a.ctx))

	long := func(n int) string { return strings.Repeat("ә", n) } // one character, two bytes
	person := func(kv ...any) map[string]any {
		m := map[string]any{"givenName": "Aigerim", "familyName": "Bekova"}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	with := func(base map[string]any, kv ...any) map[string]any {
		m := map[string]any{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(m, kv[i].(string))
			} else {
				m[kv[i].(string)] = kv[i+1]
			}
		}
		return m
	}
	newCohort := map[string]any{"name": "Oskemen 2025", "city": "Ust-Kamenogorsk", "startDate": "2025-09-01T00:00:00Z",
		"endDate": "2025-09-07T00:00:00Z", "capacity": 15, "programID": gid(prog.ID)}
	newFunding := map[string]any{"amountKzt": 100, "year": 2025, "purpose": "Transport", "funderID": gid(org.ID), "programID": gid(prog.ID)}
	newTag := map[string]any{"slug": "fitness", "labelKk": "Фитнес", "labelRu": "Фитнес", "labelEn": "Fitness"}
	duplicate := []string{"already exists"}
	missing := []string{"does not exist"}

	for _, tc := range []struct {
		name  string
		op    string
		id    string // for updates
		input map[string]any
		words []string // in the message; the first is the field
	}{
		{"empty given name", "createPerson", "", person("givenName", ""), []string{"givenName", "empty"}},
		{"blank family name", "createPerson", "", person("familyName", "  \t "), []string{"familyName", "empty"}},
		{"given name too long", "createPerson", "", person("givenName", long(101)), []string{"givenName", "100"}},
		{"family name too long", "createPerson", "", person("familyName", long(101)), []string{"familyName", "100"}},
		{"city too long", "createPerson", "", person("city", long(101)), []string{"city", "100"}},
		{"update to a blank name", "updatePerson", gid(p.ID), map[string]any{"familyName": " "}, []string{"familyName", "empty"}},
		{"person of a missing organization", "createPerson", "", person("organizationID", absentID(t, gid(org.ID))), missing},

		{"empty organization name", "createOrganization", "", map[string]any{"name": "", "kind": "FOUNDATION"}, []string{"name", "empty"}},
		{"organization name too long", "createOrganization", "", map[string]any{"name": long(201), "kind": "FOUNDATION"}, []string{"name", "200"}},
		{"website not a web address", "createOrganization", "", map[string]any{"name": "Bota", "kind": "FOUNDATION", "website": "bota.kz"}, []string{"website", "http"}},
		{"website of another scheme", "createOrganization", "", map[string]any{"name": "Bota", "kind": "FOUNDATION", "website": "ftp://bota.kz"}, []string{"website", "http"}},
		{"update to a bad website", "updateOrganization", gid(org.ID), map[string]any{"website": "https://"}, []string{"website", "http"}},
		{"duplicate organization name", "createOrganization", "", map[string]any{"name": "Shyraq", "kind": "ASSOCIATION"}, duplicate},

		{"blank program name", "createProgram", "", map[string]any{"name": " ", "operatorID": gid(org.ID)}, []string{"name", "empty"}},
		{"program of a missing operator", "createProgram", "", map[string]any{"name": "Summer school", "operatorID": absentID(t, gid(org.ID))}, missing},

		{"capacity zero", "createCohort", "", with(newCohort, "capacity", 0), []string{"capacity", "greater than 0"}},
		{"capacity negative", "createCohort", "", with(newCohort, "capacity", -3), []string{"capacity", "greater than 0"}},
		{"capacity too large", "createCohort", "", with(newCohort, "capacity", 1001), []string{"capacity", "1000"}},
		{"blank cohort city", "createCohort", "", with(newCohort, "city", ""), []string{"city", "empty"}},
		{"end before start", "createCohort", "", with(newCohort, "endDate", "2025-08-31T00:00:00Z"), []string{"endDate", "before the start"}},
		{"cohort of a missing program", "createCohort", "", with(newCohort, "programID", absentID(t, gid(prog.ID))), missing},
		{"cohort of a program that is an organization", "createCohort", "", with(newCohort, "programID", gid(org.ID)), missing},
		{"update end date before start", "updateCohort", gid(c.ID), map[string]any{"endDate": "2024-06-02T00:00:00Z"}, []string{"endDate", "before the start"}},
		{"update start date after end", "updateCohort", gid(c.ID), map[string]any{"startDate": "2024-06-10T00:00:00Z"}, []string{"endDate", "before the start"}},
		{"update capacity to zero", "updateCohort", gid(c.ID), map[string]any{"capacity": 0}, []string{"capacity", "greater than 0"}},

		{"duplicate enrollment", "createEnrollment", "", map[string]any{"personID": gid(p.ID), "cohortID": gid(c.ID)}, duplicate},
		{"enrollment of a missing person", "createEnrollment", "", map[string]any{"personID": absentID(t, gid(p.ID)), "cohortID": gid(c.ID)}, missing},
		{"pledge too long", "createEnrollment", "", map[string]any{"personID": gid(a.person("Arman", "Kim", "").ID), "cohortID": gid(c.ID), "pledge": long(1001)}, []string{"pledge", "1000"}},
		{"update to long goals", "updateEnrollment", gid(e.ID), map[string]any{"goals": long(2001)}, []string{"goals", "2000"}},

		{"slug with capitals and spaces", "createActivity", "", with(newTag, "slug", "Art Therapy"), []string{"slug", "a-z"}},
		{"slug in Cyrillic", "createInterest", "", with(newTag, "slug", "пение"), []string{"slug", "a-z"}},
		{"empty slug", "createInterest", "", with(newTag, "slug", ""), []string{"slug", "1 to 60"}},
		{"slug too long", "createActivity", "", with(newTag, "slug", strings.Repeat("a", 61)), []string{"slug", "1 to 60"}},
		{"blank label", "createActivity", "", with(newTag, "labelKk", " "), []string{"labelKk", "empty"}},
		{"duplicate slug", "createActivity", "", with(newTag, "slug", "dance"), duplicate},
		{"update to a bad slug", "updateActivity", gid(act.ID), map[string]any{"slug": "dance!"}, []string{"slug", "a-z"}},
		{"update to a long label", "updateInterest", gid(in.ID), map[string]any{"labelEn": long(101)}, []string{"labelEn", "100"}},

		{"negative amount", "createFunding", "", with(newFunding, "amountKzt", -1), []string{"amountKzt", "negative"}},
		{"year before 2000", "createFunding", "", with(newFunding, "year", 1999), []string{"year", "2000"}},
		{"year after 2100", "createFunding", "", with(newFunding, "year", 2101), []string{"year", "2100"}},
		{"blank purpose", "createFunding", "", with(newFunding, "purpose", ""), []string{"purpose", "empty"}},
		{"funding to a program and a cohort", "createFunding", "", with(newFunding, "cohortID", gid(c.ID)), []string{"programID", "exactly one"}},
		{"funding to nothing", "createFunding", "", with(newFunding, "programID", nil), []string{"programID", "exactly one"}},
		{"funding from a missing funder", "createFunding", "", with(newFunding, "funderID", absentID(t, gid(org.ID))), missing},
		{"update funding to add a cohort", "updateFunding", gid(toProgram.ID), map[string]any{"cohortID": gid(c.ID)}, []string{"programID", "exactly one"}},
		{"update funding to no target", "updateFunding", gid(toProgram.ID), map[string]any{"clearProgram": true}, []string{"programID", "exactly one"}},
		{"update to a negative amount", "updateFunding", gid(toProgram.ID), map[string]any{"amountKzt": -5}, []string{"amountKzt", "negative"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, opts := mutation(tc.op, tc.id, tc.input, "id")
			a.failWith("BAD_USER_INPUT", q, tc.words, opts...)
		})
	}

	// A field that manages its own transaction, sent with writes that run
	// in the operation's: refused before anything runs, however the
	// fields are spelled.
	for _, q := range []string{
		`mutation { signOut createOrganization(input: {name: "Mixed", kind: FOUNDATION}) { id } }`,
		`mutation { createOrganization(input: {name: "Mixed", kind: FOUNDATION}) { id } ... on Mutation { signOut } }`,
		`mutation { ...Out createOrganization(input: {name: "Mixed", kind: FOUNDATION}) { id } } fragment Out on Mutation { signOut }`,
	} {
		a.failWith("BAD_USER_INPUT", q, []string{"signOut", "own"})
	}

	// Nothing refused was written, in part or whole.
	ctx := a.ctx
	counts := map[string][2]int{
		"organizations": {a.client.Organization.Query().CountX(ctx), 1},
		"programs":      {a.client.Program.Query().CountX(ctx), 1},
		"cohorts":       {a.client.Cohort.Query().CountX(ctx), 1},
		"people":        {a.client.Person.Query().CountX(ctx), 3},
		"enrollments":   {a.client.Enrollment.Query().CountX(ctx), 2},
		"activities":    {a.client.Activity.Query().CountX(ctx), 1},
		"interests":     {a.client.Interest.Query().CountX(ctx), 1},
		"fundings":      {a.client.Funding.Query().CountX(ctx), 1},
	}
	for name, n := range counts {
		if n[0] != n[1] {
			t.Errorf("%d %s after refused mutations, want %d", n[0], name, n[1])
		}
	}
	after := a.client.Cohort.GetX(ctx, c.ID)
	if after.Capacity != c.Capacity || !after.EndDate.Equal(c.EndDate) || !after.StartDate.Equal(c.StartDate) {
		t.Errorf("refused updates changed the cohort: %+v", after)
	}
	if f := a.client.Funding.GetX(ctx, toProgram.ID); f.ProgramID == nil || f.CohortID != nil || f.AmountKzt != 1_000_000 {
		t.Errorf("refused updates changed the funding: %+v", f)
	}
}

// TestValidationBoundaries checks that the limits are where the messages
// say: a value at the limit is accepted. Lengths count characters, not
// bytes, so that Kazakh and Russian names get the same room as Latin ones.
func TestValidationBoundaries(t *testing.T) {
	t.Parallel()
	a := setup(t)
	org := a.org("Shyraq")
	prog := a.program(org)
	name := strings.Repeat("ә", 100)
	var out map[string]map[string]any
	for _, m := range []struct {
		op    string
		input map[string]any
	}{
		{"createPerson", map[string]any{"givenName": name, "familyName": name, "city": strings.Repeat("ү", 100)}},
		{"createCohort", map[string]any{"name": "One day", "city": "Almaty", "startDate": "2025-06-02T00:00:00Z",
			"endDate": "2025-06-02T00:00:00Z", "capacity": 1000, "programID": gid(prog.ID)}},
		{"createFunding", map[string]any{"amountKzt": 0, "year": 2000, "purpose": "In kind", "funderID": gid(org.ID), "programID": gid(prog.ID)}},
		{"createFunding", map[string]any{"amountKzt": 1, "year": 2100, "purpose": "Pledge", "funderID": gid(org.ID), "programID": gid(prog.ID)}},
		{"createActivity", map[string]any{"slug": strings.Repeat("a", 59) + "1", "labelKk": "a", "labelRu": "a", "labelEn": "a"}},
		{"createOrganization", map[string]any{"name": "Bota", "kind": "FOUNDATION", "website": "http://bota.kz/about?lang=kk"}},
	} {
		t.Run(m.op, func(t *testing.T) {
			a.mutate(m.op, "", m.input, "id", &out)
		})
	}
}

// TestProfileValidation changes a person's own profile (bio, languages)
// as that person, through updateMyProfile.
func TestProfileValidation(t *testing.T) {
	t.Parallel()
	db := testdb.Open(t)
	a := newAPI(t, db, admin)
	p := a.person("Aliya", "Abenova", "Almaty")
	me := newAPI(t, db, viewer.Viewer{AccountID: 2, PersonID: p.ID, Role: viewer.RoleMember})
	const q = `mutation($in: UpdateMyProfileInput!) { updateMyProfile(input: $in) { givenName profile { bio languages } } }`

	for _, tc := range []struct {
		name  string
		input map[string]any
		words []string
	}{
		{"bio too long", map[string]any{"bio": strings.Repeat("ә", 2001)}, []string{"bio", "2000"}},
		{"blank name", map[string]any{"givenName": " "}, []string{"givenName", "empty"}},
		{"name too long", map[string]any{"familyName": strings.Repeat("ә", 101)}, []string{"familyName", "100"}},
		{"not a language code", map[string]any{"languages": []string{"kazakh"}}, []string{"languages"}},
		{"a language code in capitals", map[string]any{"languages": []string{"kk", "RU"}}, []string{"languages", "RU"}},
		{"a language code with a digit", map[string]any{"languages": []string{"r1"}}, []string{"languages", "two-letter"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			me.failWith("BAD_USER_INPUT", q, tc.words, vars("in", tc.input)...)
		})
	}

	var out struct {
		UpdateMyProfile struct {
			GivenName string
			Profile   struct {
				Bio       string
				Languages []string
			}
		}
	}
	bio := strings.Repeat("ә", 2000)
	me.do(q, &out, vars("in", map[string]any{"bio": bio, "languages": []string{"kk", "ru"}})...)
	if got := out.UpdateMyProfile.Profile; got.Bio != bio || strings.Join(got.Languages, ",") != "kk,ru" {
		t.Errorf("profile = %d-character bio, languages %v; want 2000 characters, [kk ru]", len([]rune(got.Bio)), got.Languages)
	}

	t.Run("refused change writes nothing", func(t *testing.T) {
		me.failWith("BAD_USER_INPUT", q, []string{"bio"}, vars("in", map[string]any{"givenName": "Aliia", "bio": strings.Repeat("ә", 2001)})...)
		if got := a.client.Person.GetX(a.ctx, p.ID).GivenName; got != "Aliya" {
			t.Errorf("a refused updateMyProfile still changed givenName to %q", got)
		}
	})
}
