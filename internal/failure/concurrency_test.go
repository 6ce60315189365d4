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

// 50 members edit their profiles and privacy settings and ask each other
// to connect while staff edit one cohort, all at once, on PostgreSQL:
// every write reported done is what the database holds at the end (no
// lost update), each pair of people has at most one connection however
// both ask at the same moment, and every constraint holds.
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
	connectCodes := map[string]int{}
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
				listed := true // stay findable, so that neighbours can connect
				if n == rounds/2 {
					// Ask both neighbours; each of them asks back at about
					// the same moment.
					for _, j := range []int{(i + 1) % members, (i + members - 1) % members} {
						r := c.do(`mutation($p: ID!) { requestConnection(personID: $p, message: "Hello") { id status } }`, map[string]any{"p": fmt.Sprint(fx.MemberPeople[j])})
						mu.Lock()
						connectCodes[r.code()]++
						mu.Unlock()
						if r.Err != nil || r.Status >= 500 || r.code() == "INTERNAL_SERVER_ERROR" {
							fail(fmt.Sprintf("connect %d->%d", i, j), r)
						}
					}
				}
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
	t.Logf("%d writes by %d members and %d staff in %v; connection requests answered %v (\"\" = done)", requests, members, len(staff), took.Round(time.Millisecond), connectCodes)

	// Everyone accepts what waits for them, all at once.
	for i := range members {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := clients[i]
			r := c.do(`{ pendingRequests(direction: INCOMING, first: 10) { edges { node { id } } } }`, nil)
			var got struct {
				Edges []struct{ Node struct{ ID string } }
			}
			if !r.ok() || json.Unmarshal(r.Data["pendingRequests"], &got) != nil {
				fail(fmt.Sprintf("pending %d", i), r)
				return
			}
			for _, e := range got.Edges {
				if r := c.do(`mutation($id: ID!) { acceptConnection(id: $id) { status } }`, map[string]any{"id": e.Node.ID}); !r.ok() {
					fail(fmt.Sprintf("accept %d %s", i, e.Node.ID), r)
				}
			}
		}()
	}
	wg.Wait()
	failures.Range(func(k, v any) bool {
		t.Errorf("%s failed: %s", k, v)
		return true
	})
	// One connection a pair of neighbours, accepted; none elsewhere.
	var pairs, dup, notAccepted int
	q := `SELECT count(*), count(*) FILTER (WHERE n > 1), coalesce(sum(n) FILTER (WHERE status <> 'ACCEPTED'), 0) FROM (
		SELECT LEAST(requester_id, addressee_id) a, GREATEST(requester_id, addressee_id) b, count(*) n, min(status) status
		FROM connections GROUP BY 1, 2) p`
	if err := db.SQL.QueryRow(q).Scan(&pairs, &dup, &notAccepted); err != nil {
		t.Fatal(err)
	}
	if pairs != members || dup != 0 || notAccepted != 0 {
		t.Errorf("connections: %d pairs (want %d), %d pairs with more than one, %d not accepted", pairs, members, dup, notAccepted)
	}

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
