package failure

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
)

// 50 members edit their profiles and privacy settings while staff edit
// one cohort, all at once, on PostgreSQL: every write reported done is
// what the database holds at the end (no lost update), and every
// constraint holds.
func TestFiftyClientsEditingAtOnce(t *testing.T) {
	if os.Getenv(testdb.EnvURL) == "" {
		t.Skip(testdb.EnvURL + " is not set: the concurrency test runs on PostgreSQL (CI)")
	}
	t.Parallel()
	const members, rounds = 50, 8
	db := testdb.Open(t)
	fx := seedFixture(t, db.Client, members)
	ts := newServer(t, db, &syncBuffer{})

	clients := make([]*client, members)
	var wg sync.WaitGroup
	for i := range members {
		// Each member comes from an address of their own, through the
		// reverse proxy.
		clients[i] = newClient(ts.URL)
		clients[i].from = fmt.Sprintf("198.51.100.%d", i+1)
		wg.Add(1)
		go func() { defer wg.Done(); clients[i].signIn(t, fx.Members[i]) }()
	}
	wg.Wait()
	staff := make([]*client, 3)
	for i := range staff {
		staff[i] = newClient(ts.URL)
		staff[i].signIn(t, fx.Staff)
	}

	type profile struct {
		city, bio  string
		listed     bool
		visibility string
	}
	last := make([]profile, members) // the last write each member was told succeeded
	var failures sync.Map
	fail := func(what string, r reply) {
		failures.Store(what, fmt.Sprintf("%d %s %+v %v", r.Status, r.code(), r.Errors, r.Err))
	}
	start := time.Now()
	var requests int64
	var mu sync.Mutex
	for i := range members {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := clients[i]
			for n := range rounds {
				city, bio := fmt.Sprintf("City %d-%d", i, n), fmt.Sprintf("Bio of member %d, version %d", i, n)
				r := c.do(`mutation($c: String!, $b: String!) { updateMyProfile(input: {city: $c, bio: $b}) { id city } }`, map[string]any{"c": city, "b": bio})
				if !r.ok() {
					fail(fmt.Sprintf("profile %d/%d", i, n), r)
					continue
				}
				vis := []string{"COMMUNITY", "CONNECTIONS", "STAFF", "PUBLIC"}[n%4]
				listed := n%2 == 0
				r2 := c.do(`mutation($l: Boolean!, $v: Visibility!) { updatePrivacy(input: {listedInDirectory: $l, profileVisibility: $v}) { id } }`, map[string]any{"l": listed, "v": vis})
				if !r2.ok() {
					fail(fmt.Sprintf("privacy %d/%d", i, n), r2)
					continue
				}
				last[i] = profile{city, bio, listed, vis}
				mu.Lock()
				requests += 2
				mu.Unlock()
			}
		}()
	}
	// Staff change different fields of the same cohort at once.
	fields := []string{"name", "venue", "capacity"}
	lastCohort := make([]any, len(fields))
	for k, field := range fields {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range rounds * 2 {
				var v any = fmt.Sprintf("%s %d", field, n)
				if field == "capacity" {
					v = 10 + n
				}
				r := staff[k].do(`mutation($id: ID!, $in: UpdateCohortInput!) { updateCohort(id: $id, input: $in) { id } }`,
					map[string]any{"id": fmt.Sprint(fx.Cohort), "in": map[string]any{field: v}})
				if !r.ok() {
					fail(fmt.Sprintf("cohort %s/%d", field, n), r)
					continue
				}
				lastCohort[k] = v
				mu.Lock()
				requests++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	failures.Range(func(k, v any) bool {
		t.Errorf("%s failed: %s", k, v)
		return true
	})
	t.Logf("%d writes by %d members and %d staff in %v", requests, members, len(staff), took.Round(time.Millisecond))

	// No lost update: what each member last saved is what they see.
	for i, c := range clients {
		r := c.do(`{ viewer { person { city profile { bio } privacy { listedInDirectory profileVisibility } } } }`, nil)
		var got struct {
			Viewer struct {
				Person struct {
					City    string
					Profile struct{ Bio string }
					Privacy struct {
						ListedInDirectory bool
						ProfileVisibility string
					}
				}
			}
		}
		b, _ := json.Marshal(r.Data)
		if !r.ok() || json.Unmarshal(b, &got) != nil {
			t.Fatalf("member %d: %s %+v", i, b, r.Errors)
		}
		p := got.Viewer.Person
		if want := last[i]; p.City != want.city || p.Profile.Bio != want.bio || p.Privacy.ListedInDirectory != want.listed || p.Privacy.ProfileVisibility != want.visibility {
			t.Errorf("member %d holds %+v, last saved %+v", i, p, want)
		}
	}
	ctx := viewer.SystemContext(context.Background())
	co := db.Client.Cohort.GetX(ctx, fx.Cohort)
	if co.Name != lastCohort[0] || co.Venue != lastCohort[1] || co.Capacity != lastCohort[2] {
		t.Errorf("cohort holds name %q venue %q capacity %d; last saved %v", co.Name, co.Venue, co.Capacity, lastCohort)
	}
	// Constraints: one profile and one set of contact details a person.
	for _, q := range []string{
		`SELECT count(*) FROM (SELECT person_id FROM profiles GROUP BY person_id HAVING count(*) > 1) d`,
		`SELECT count(*) FROM (SELECT person_id FROM contact_details GROUP BY person_id HAVING count(*) > 1) d`,
		`SELECT count(*) FROM persons WHERE given_name = '' OR family_name = ''`,
	} {
		var n int
		if err := db.SQL.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n != 0 {
			t.Errorf("%s = %d, want 0", q, n)
		}
	}
}
