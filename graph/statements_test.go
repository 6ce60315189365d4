package graph_test

import (
	"fmt"
	"testing"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/internal/testdb"
)

// TestStatementsDoNotGrowWithPage proves that the directory's list queries
// load nested edges eagerly: a page of 100 people with their enrollments,
// cohorts, trainers, activities and interests costs the same number of SQL
// statements as a page of 5.
func TestStatementsDoNotGrowWithPage(t *testing.T) {
	t.Parallel()
	db, counter := testdb.OpenCounted(t)
	// The cost limit would refuse a page of 100 with edges 3 deep; it is
	// not what this test is about.
	a := newAPI(t, db, admin, noCostLimit)
	const people, cohorts = 110, 5
	seedDirectory(a, people, cohorts)

	for _, tc := range []struct {
		name, query string
		check       func(t *testing.T, data map[string]any, first int)
	}{
		{"people", `query($first: Int!) {
		  people(first: $first, where: {isTrainer: false}) {
		    totalCount
		    edges { node {
		      givenName
		      enrollments { totalCount edges { node { status cohort {
		        name
		        trainers { edges { node { givenName } } }
		        activities { edges { node { labelEn } } }
		      } } } }
		      interests { edges { node { labelEn } } }
		    } }
		  }
		}`, func(t *testing.T, data map[string]any, first int) {
			var resp struct {
				People struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							GivenName   string
							Enrollments struct {
								TotalCount int
								Edges      []struct {
									Node struct {
										Status string
										Cohort struct {
											Name                 string
											Trainers, Activities struct{ Edges []any }
										}
									}
								}
							}
							Interests struct{ Edges []any }
						}
					}
				}
			}
			decode(t, data, &resp)
			if len(resp.People.Edges) != first {
				t.Fatalf("got %d people, want %d", len(resp.People.Edges), first)
			}
			for _, e := range resp.People.Edges {
				n := e.Node
				if n.Enrollments.TotalCount != 2 || len(n.Enrollments.Edges) != 2 || len(n.Interests.Edges) != 2 {
					t.Fatalf("%s: %d enrollments (totalCount %d), %d interests; want 2, 2, 2",
						n.GivenName, len(n.Enrollments.Edges), n.Enrollments.TotalCount, len(n.Interests.Edges))
				}
				for _, en := range n.Enrollments.Edges {
					if c := en.Node.Cohort; len(c.Trainers.Edges) != 2 || len(c.Activities.Edges) != 3 {
						t.Fatalf("%s: %d trainers, %d activities; want 2, 3", c.Name, len(c.Trainers.Edges), len(c.Activities.Edges))
					}
				}
			}
		}},
		{"cohorts", `query($first: Int!) {
		  cohorts(first: $first) { edges { node {
		    name
		    program { name operator { name } }
		    enrollments(first: $first) { totalCount edges { node { person { familyName interests { edges { node { slug } } } } } } }
		    fundings { edges { node { amountKzt funder { name } } } }
		  } } }
		}`, nil},
		{"trainers", `query($first: Int!) {
		  trainers(first: $first) { edges { node { familyName trainedCohorts { edges { node { name enrollments { totalCount } } } } } } }
		}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			counts := map[int]int64{}
			for _, first := range []int{5, 100} {
				counter.Reset()
				data, errs := a.raw(tc.query, vars("first", first)...)
				counts[first] = counter.Count()
				if len(errs) > 0 {
					t.Fatalf("first: %d: %+v", first, errs)
				}
				if tc.check != nil {
					tc.check(t, data.(map[string]any), first)
				}
			}
			t.Logf("%s: %d statements for first: 5, %d for first: 100 (%s)", tc.name, counts[5], counts[100], db.Dialect)
			if counts[5] != counts[100] {
				t.Errorf("statements grow with the page: %d for 5, %d for 100", counts[5], counts[100])
			}
		})
	}
}

// seedDirectory adds a directory of the given size: cohorts of one program,
// each with 2 trainers and 3 activities and a funding; people each enrolled
// in 2 cohorts with 2 interests.
func seedDirectory(a *api, people, cohorts int) {
	t, ctx, c := a.t, a.ctx, a.client
	t.Helper()
	org := a.org("Shyraq")
	prog := a.program(org)
	var acts []*ent.Activity
	for i := range 6 {
		acts = append(acts, a.activity(fmt.Sprintf("activity-%d", i), fmt.Sprintf("Activity %d", i)))
	}
	var interests []*ent.Interest
	for i := range 6 {
		interests = append(interests, a.interest(fmt.Sprintf("interest-%d", i), fmt.Sprintf("Interest %d", i)))
	}
	var cs []*ent.Cohort
	for i := range cohorts {
		trainers := must[[]*ent.Person](t)(c.Person.CreateBulk(
			c.Person.Create().SetGivenName(fmt.Sprintf("Trainer %dA", i)).SetFamilyName("Trainer").SetIsTrainer(true),
			c.Person.Create().SetGivenName(fmt.Sprintf("Trainer %dB", i)).SetFamilyName("Trainer").SetIsTrainer(true),
		).Save(ctx))
		co := must[*ent.Cohort](t)(c.Cohort.Create().
			SetName(fmt.Sprintf("Cohort %d", i)).SetCity("Almaty").SetStartDate(date(2018+i, 6, 4)).SetEndDate(date(2018+i, 6, 10)).
			SetCapacity(15).SetStatus(cohort.StatusCOMPLETED).SetProgram(prog).
			AddTrainers(trainers...).AddActivities(acts[i%6], acts[(i+1)%6], acts[(i+2)%6]).Save(ctx))
		cs = append(cs, co)
		c.Funding.Create().SetFunder(org).SetCohort(co).SetAmountKzt(3_000_000).SetYear(2018 + i).SetPurpose("Course week").ExecX(ctx)
	}
	builders := make([]*ent.PersonCreate, people)
	for i := range builders {
		builders[i] = c.Person.Create().SetGivenName(fmt.Sprintf("Alumna %03d", i)).SetFamilyName(fmt.Sprintf("Family %03d", i)).
			AddInterests(interests[i%6], interests[(i+1)%6])
	}
	ps := must[[]*ent.Person](t)(c.Person.CreateBulk(builders...).Save(ctx))
	enrollments := make([]*ent.EnrollmentCreate, 0, 2*people)
	for i, p := range ps {
		enrollments = append(enrollments,
			c.Enrollment.Create().SetPerson(p).SetCohort(cs[i%cohorts]),
			c.Enrollment.Create().SetPerson(p).SetCohort(cs[(i+1)%cohorts]))
	}
	c.Enrollment.CreateBulk(enrollments...).ExecX(ctx)
}
