package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/graph"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/pagecache"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

// pcDirectory asks for every field package pagecache may answer.
const pcDirectory = `query Directory($first: Int, $after: Cursor, $last: Int, $before: Cursor) {
  people(first: $first, after: $after, last: $last, before: $before, orderBy: [{field: FAMILY_NAME}, {field: GIVEN_NAME}]) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { ...Card } }
  }
}
fragment Card on Person {
  __typename id givenName familyName city isTrainer lookingFor
  interests(first: 5) { totalCount edges { node { id slug labelEn } } }
  activities(first: 5) { edges { node { id slug } } }
  enrollments(first: 5) { totalCount edges { node { id status pledge goals cohort {
    id name city trainers(first: 5) { totalCount edges { node { id givenName familyName } } }
  } } } }
  trainedCohorts(first: 3) { edges { node { id name } } }
}`

type pcSourceKey struct{}

// pcServer is a handler with the page cache (or without it: plain) whose
// answers tell how they were answered, on a clock the test may move.
type pcServer struct {
	h   http.Handler
	now atomic.Int64 // clock offset, ns
}

func newPCServer(client *ent.Client, plain bool) *pcServer {
	s := &pcServer{}
	s.h = graph.NewHandler(client, graph.Options{
		Logger: mxQuietLogger, ComplexityLimit: math.MaxInt32, NoPageCache: plain,
		Clock: func() time.Time { return time.Now().Add(time.Duration(s.now.Load())) },
		Observe: func(ctx context.Context, op graph.Operation) {
			if src, ok := ctx.Value(pcSourceKey{}).(*pagecache.Source); ok {
				*src = op.Answer
			}
		},
	})
	return s
}

// wait moves the server's clock on by d.
func (s *pcServer) wait(d time.Duration) { s.now.Add(int64(d)) }

// post sends query as v and returns the body and how it was answered.
func (s *pcServer) post(t *testing.T, v viewer.Viewer, query string, vars map[string]any) ([]byte, pagecache.Source) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	var src pagecache.Source
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req = req.WithContext(context.WithValue(viewer.NewContext(req.Context(), v), pcSourceKey{}, &src))
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	return rec.Body.Bytes(), src
}

// pcPage is what the tests read of a directory page.
type pcPage struct {
	Data struct {
		People struct {
			TotalCount int `json:"totalCount"`
			PageInfo   struct {
				HasNextPage bool   `json:"hasNextPage"`
				EndCursor   string `json:"endCursor"`
			} `json:"pageInfo"`
			Edges []struct {
				Node struct {
					ID          string `json:"id"`
					GivenName   string `json:"givenName"`
					Enrollments struct {
						TotalCount int `json:"totalCount"`
					} `json:"enrollments"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"people"`
	} `json:"data"`
	Errors []json.RawMessage `json:"errors"`
}

func pcDecode(t *testing.T, body []byte) pcPage {
	t.Helper()
	var p pcPage
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	if len(p.Errors) > 0 {
		t.Fatalf("errors: %s", body)
	}
	return p
}

// Every viewer of the privacy matrix, and every subject as themself,
// reads the whole directory page by page (and a page backwards) through
// a server with the page cache and one without: the answers are the
// same, byte for byte, whether executed for the viewer, computed for
// their role or kept from another viewer's request.
func TestPageCacheAnswersAsEachViewerWould(t *testing.T) {
	t.Parallel()
	fx := mxBuild(t)
	cached, plain := newPCServer(fx.client, false), newPCServer(fx.client, true)
	viewers := append([]mxViewer{}, fx.viewers...)
	// Viewers who see what their role's audience sees, to be answered
	// with the answers kept for the matrix's own.
	viewers = append(viewers,
		mxViewer{name: "another visitor"},
		mxViewer{name: "a member without a person", v: viewer.Viewer{AccountID: 9001, Role: viewer.RoleMember}},
		mxViewer{name: "a partner without a person", v: viewer.Viewer{AccountID: 9002, Role: viewer.RolePartner}},
		mxViewer{name: "staff without a person", v: viewer.Viewer{AccountID: 9003, Role: viewer.RoleStaff}},
		mxViewer{name: "another admin", v: viewer.Viewer{AccountID: 9004, Role: viewer.RoleAdmin}},
	)
	for _, s := range fx.subjects {
		viewers = append(viewers, fx.selfViewer(s))
	}
	var mu sync.Mutex
	sources := map[pagecache.Source]int{}
	compare := func(t *testing.T, vw mxViewer, what string, vars map[string]any) pcPage {
		want, _ := plain.post(t, vw.v, pcDirectory, vars)
		got, src := cached.post(t, vw.v, pcDirectory, vars)
		if !bytes.Equal(got, want) {
			t.Errorf("%s, %s (answered %q):\n got %.600s\nwant %.600s", vw.name, what, src, got, want)
		}
		mu.Lock()
		sources[src]++
		mu.Unlock()
		return pcDecode(t, want)
	}
	const groups = 4
	t.Run("viewers", func(t *testing.T) {
		for g := range groups {
			t.Run("", func(t *testing.T) {
				t.Parallel()
				for i := g; i < len(viewers); i += groups {
					vw := viewers[i]
					var after any
					for page := 0; ; page++ {
						p := compare(t, vw, "page "+string(rune('1'+page)), map[string]any{"first": 25, "after": after})
						if !p.Data.People.PageInfo.HasNextPage || page > 10 {
							break
						}
						after = p.Data.People.PageInfo.EndCursor
					}
					compare(t, vw, "the last page, backwards", map[string]any{"last": 7})
				}
			})
		}
	})
	t.Logf("answers: %v", sources)
	// The comparison means something only if the cache answered.
	if sources[pagecache.Kept] == 0 || sources[pagecache.Computed] == 0 || sources[""] == 0 {
		t.Errorf("answers by source %v: want some kept, some computed and some executed for their viewer", sources)
	}
}

// pcCommunity is a small directory for the cache's own tests: members
// ordered by family name A..F.
type pcCommunity struct {
	client  *ent.Client
	ctx     context.Context
	ids     map[string]int // by given name
	cohort  int
	viewers map[string]viewer.Viewer
}

func newPCCommunity(t *testing.T, client *ent.Client) *pcCommunity {
	t.Helper()
	ctx := viewer.SystemContext(context.Background())
	c := &pcCommunity{client: client, ctx: ctx, ids: map[string]int{}, viewers: map[string]viewer.Viewer{}}
	op := must[*ent.Organization](t)(client.Organization.Create().SetName("Shyraq").SetKind(organization.KindASSOCIATION).Save(ctx))
	prog := must[*ent.Program](t)(client.Program.Create().SetName("School").SetOperatorID(op.ID).Save(ctx))
	c.cohort = must[*ent.Cohort](t)(client.Cohort.Create().SetName("Almaty 2024").SetCity("Almaty").
		SetStartDate(date(2024, 6, 3)).SetEndDate(date(2024, 6, 9)).SetCapacity(20).SetProgramID(prog.ID).Save(ctx)).ID
	for i, name := range []string{"Aru", "Bota", "Dana", "Erzhan", "Farida", "Gulnar", "Kamila"} {
		p := must[*ent.Person](t)(client.Person.Create().SetGivenName(name).SetFamilyName(string(rune('A'+i)) + "family").
			SetCity("Almaty").SetListedInDirectory(name != "Farida"). // Farida is not listed
			SetProfileVisibility(visibility.Connections).Save(ctx))
		c.ids[name] = p.ID
		client.Enrollment.Create().SetPersonID(p.ID).SetCohortID(c.cohort).SetPledge("pledge of " + name).ExecX(ctx)
		c.viewers[name] = viewer.Viewer{AccountID: 1000 + i, PersonID: p.ID, Role: viewer.RoleMember}
	}
	return c
}

func (c *pcCommunity) connect(from, to string, st connection.Status) {
	c.client.Connection.Create().SetRequesterID(c.ids[from]).SetAddresseeID(c.ids[to]).SetStatus(st).SetCreatedAt(time.Now()).ExecX(c.ctx)
}

// people maps the given names on a page to how many enrollments each shows.
func (c *pcCommunity) people(t *testing.T, body []byte) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, e := range pcDecode(t, body).Data.People.Edges {
		out[e.Node.GivenName] = e.Node.Enrollments.TotalCount
	}
	return out
}

// A kept answer serves every member who would see the same, until it is
// old or what it shows changes; members with their own view get it.
func TestPageCacheKeepsAndForgets(t *testing.T) {
	t.Parallel()
	db := testdb.Open(t)
	s := newPCServer(db.Client, false)
	c := newPCCommunity(t, db.Client)
	// Aru and Dana are connected (profiles are for connections only);
	// Farida, not listed, asked Erzhan to connect.
	c.connect("Aru", "Dana", connection.StatusACCEPTED)
	c.connect("Farida", "Erzhan", connection.StatusPENDING)
	page := map[string]any{"first": 3}

	// Gulnar computes the members' answer; Kamila is answered with it.
	body, src := s.post(t, c.viewers["Gulnar"], pcDirectory, page)
	if src != pagecache.Computed {
		t.Fatalf("first asker: answered %q, want computed", src)
	}
	want := map[string]int{"Aru": 0, "Bota": 0, "Dana": 0}
	if got := c.people(t, body); !maps.Equal(got, want) {
		t.Errorf("Gulnar's page %v, want %v", got, want)
	}
	if _, src := s.post(t, c.viewers["Kamila"], pcDirectory, page); src != pagecache.Kept {
		t.Errorf("second asker: answered %q, want kept", src)
	}
	// Aru sees Dana's course (a connection), and Dana Aru's: their own.
	for _, who := range []string{"Aru", "Dana"} {
		body, src := s.post(t, c.viewers[who], pcDirectory, page)
		if src != "" {
			t.Errorf("%s: answered %q, want executed for them", who, src)
		}
		got := c.people(t, body)
		if got["Aru"] != 1 || got["Dana"] != 1 {
			t.Errorf("%s's page %v: want Aru's and Dana's courses", who, got)
		}
	}
	// Erzhan sees Farida, who is not listed but asked him to connect.
	body, src = s.post(t, c.viewers["Erzhan"], pcDirectory, map[string]any{"first": 10})
	if got := c.people(t, body); src != "" || len(got) != 7 {
		t.Errorf("Erzhan's directory %v (answered %q): want all 7, Farida too, executed for him", got, src)
	}

	// A change behind the server's back (another process) is served
	// when the answer is old...
	update := `UPDATE persons SET given_name = 'Botagoz' WHERE id = ?`
	if db.Dialect == dialect.Postgres {
		update = strings.Replace(update, "?", "$1", 1)
	}
	if _, err := db.SQL.Exec(update, c.ids["Bota"]); err != nil {
		t.Fatal(err)
	}
	body, src = s.post(t, c.viewers["Kamila"], pcDirectory, page)
	if _, old := c.people(t, body)["Bota"]; src != pagecache.Kept || !old {
		t.Errorf("within its age: %s (answered %q), want the kept answer", body, src)
	}
	s.wait(3 * time.Second)
	body, src = s.post(t, c.viewers["Kamila"], pcDirectory, page)
	if _, renamed := c.people(t, body)["Botagoz"]; src != pagecache.Computed || !renamed {
		t.Errorf("after its age: %s (answered %q), want computed afresh with the new name", body, src)
	}
	// ...and one made through the server at once.
	c.client.Person.UpdateOneID(c.ids["Aru"]).SetListedInDirectory(false).ExecX(c.ctx)
	for _, want := range []pagecache.Source{pagecache.Computed, pagecache.Kept} {
		body, src = s.post(t, c.viewers["Kamila"], pcDirectory, page)
		if _, listed := c.people(t, body)["Aru"]; listed || src != want {
			t.Errorf("after Aru left the directory: %s (answered %q), want %s without Aru", body, src, want)
		}
	}
	// A change rolled back changes nothing (package keep's tests cover
	// the time it is under way).
	tx, err := c.client.Tx(c.ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx.Person.UpdateOneID(c.ids["Bota"]).SetCity("Shymkent").ExecX(c.ctx)
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, src = s.post(t, c.viewers["Kamila"], pcDirectory, page); src != pagecache.Kept {
		t.Errorf("after a rollback: answered %q, want kept", src)
	}
	// A block changes what its blocked member sees at once.
	top := map[string]any{"first": 2} // Bota and Dana, then Erzhan read past the page
	body, src = s.post(t, c.viewers["Gulnar"], pcDirectory, top)
	if _, seen := c.people(t, body)["Dana"]; !seen || src != pagecache.Computed {
		t.Fatalf("before the block: %s (answered %q), want Dana, computed", body, src)
	}
	c.connect("Dana", "Gulnar", connection.StatusBLOCKED)
	body, src = s.post(t, c.viewers["Gulnar"], pcDirectory, top)
	if _, seen := c.people(t, body)["Dana"]; seen || src != "" {
		t.Errorf("after Dana blocked Gulnar: %s (answered %q), want no Dana, executed for Gulnar", body, src)
	}
}

// Only queries of the allowed fields, without filters, are answered from
// the cache; anything else, and refused requests, are executed as usual.
func TestPageCacheAnswersOnlyWhatItMay(t *testing.T) {
	t.Parallel()
	db := testdb.Open(t)
	s := newPCServer(db.Client, false)
	c := newPCCommunity(t, db.Client)
	v := c.viewers["Kamila"]
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		want        pagecache.Source
	}{
		{"the directory", `{ people(first: 2) { edges { node { id givenName } } } }`, nil, pagecache.Computed},
		{"a filter", `{ people(first: 2, where: {city: "Almaty"}) { edges { node { id } } } }`, nil, ""},
		{"a profile", `{ people(first: 2) { edges { node { id profile { bio } } } } }`, nil, ""},
		{"contact details", `{ people(first: 2) { edges { node { id contact { email } } } } }`, nil, ""},
		{"another root field", `{ people(first: 2) { totalCount } viewer { id } }`, nil, ""},
		{"a cohort's enrollments", `{ people(first: 2) { edges { node { enrollments(first: 1) { edges { node { cohort { enrollments(first: 3) { totalCount } } } } } } } } }`, nil, ""},
		{"node", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": c.ids["Aru"]}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, src := s.post(t, v, tc.query, tc.vars)
			if src != tc.want {
				t.Errorf("answered %q, want %q", src, tc.want)
			}
		})
	}
	// A request refused before execution keeps its error and no data.
	body, src := s.post(t, v, `query($n: Int) { people(first: $n) { totalCount } }`, map[string]any{"n": "ten"})
	if src != "" || !strings.Contains(string(body), `"errors"`) || strings.Contains(string(body), `"people"`) {
		t.Errorf("bad variable: answered %q with %s", src, body)
	}
	// An answer with errors is not kept.
	for range 2 {
		body, src = s.post(t, v, `{ people(first: -1) { totalCount } }`, nil)
		if src != "" || !strings.Contains(string(body), `"errors"`) {
			t.Errorf("negative page: answered %q with %s", src, body)
		}
	}
	// The system is never answered from the cache.
	if _, src := s.post(t, viewer.Viewer{System: true}, `{ people(first: 2) { edges { node { id givenName } } } }`, nil); src != "" {
		t.Errorf("system: answered %q", src)
	}
	if n := db.Client.Person.Query().Where(person.ListedInDirectory(true)).CountX(c.ctx); n != 6 {
		t.Fatalf("fixture: %d listed", n)
	}
}
