package main

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lib/pq"

	"github.com/shyraq/birge/database/stmtcache"
)

// The lower bound: the directory page read with hand-written SQL and
// encoded as the same JSON Birge sends, for the same member and with the
// same privacy rules (access.PersonVisible and GroupVisible for a member),
// written as a person would write them by hand: the member's connections
// are read once, and the rules become ID lists; the count is the listed
// people's (counted at most every 5 seconds) corrected by the member's own
// connections, as Birge counts; statements are prepared once per
// connection. Five statements: connections, count, page, interests, and
// enrollments with their cohorts and the cohorts' trainers.

type handPerson struct {
	ID          string   `json:"id"`
	GivenName   string   `json:"givenName"`
	FamilyName  string   `json:"familyName"`
	City        string   `json:"city"`
	IsTrainer   bool     `json:"isTrainer"`
	Interests   handList `json:"interests"`
	Enrollments handList `json:"enrollments"`

	id      int
	profile string
}

type handList struct {
	Edges []handEdge `json:"edges"`
}

type handEdge struct {
	Node any `json:"node"`
}

type handInterest struct {
	ID      string `json:"id"`
	LabelKk string `json:"labelKk"`
	LabelRu string `json:"labelRu"`
	LabelEn string `json:"labelEn"`
}

type handEnrollment struct {
	ID     string     `json:"id"`
	Status string     `json:"status"`
	Cohort handCohort `json:"cohort"`
}

type handCohort struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	City      string          `json:"city"`
	StartDate time.Time       `json:"startDate"`
	Trainers  json.RawMessage `json:"trainers"`
}

type handPage struct {
	Data struct {
		People struct {
			TotalCount *int `json:"totalCount,omitempty"`
			PageInfo   struct {
				HasNextPage bool   `json:"hasNextPage"`
				EndCursor   string `json:"endCursor"`
			} `json:"pageInfo"`
			Edges []handEdge `json:"edges"`
		} `json:"people"`
	} `json:"data"`
}

// handDirectory reads the first page of the directory as member me.
// It counts the people the member may see only if count is set.
func handDirectory(ctx context.Context, db *sql.DB, me, first int, count bool) (*handPage, error) {
	// The member's connections: who they may see besides the listed, and
	// who blocked them.
	rows, err := db.QueryContext(ctx, `SELECT requester_id, addressee_id, status FROM connections
		WHERE requester_id = $1 OR addressee_id = $1`, me)
	if err != nil {
		return nil, err
	}
	seen, hidden, connected := []int64{int64(me)}, []int64{}, map[int]bool{}
	for rows.Next() {
		var from, to int
		var status string
		if err := rows.Scan(&from, &to, &status); err != nil {
			rows.Close()
			return nil, err
		}
		other := from
		if from == me {
			other = to
		}
		switch {
		case status == "BLOCKED" && to == me:
			hidden = append(hidden, int64(from))
		case status == "ACCEPTED":
			connected[other] = true
			seen = append(seen, int64(other))
		case status == "PENDING", status == "BLOCKED":
			seen = append(seen, int64(other))
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	const visible = `(p.listed_in_directory OR p.id = ANY($1)) AND NOT p.id = ANY($2)`
	page := &handPage{}
	pp := &page.Data.People
	if count {
		// As Birge counts (package census): the listed people, counted
		// at most every 5 seconds, corrected by the member's own few.
		listed, err := listedCount.get(ctx, db)
		if err != nil {
			return nil, err
		}
		var correction int
		if err := db.QueryRowContext(ctx, `SELECT
			count(*) FILTER (WHERE NOT p.listed_in_directory AND p.id = ANY($1) AND NOT p.id = ANY($2))
			- count(*) FILTER (WHERE p.listed_in_directory AND p.id = ANY($2))
			FROM persons p WHERE p.id = ANY($1) OR p.id = ANY($2)`,
			pq.Array(seen), pq.Array(hidden)).Scan(&correction); err != nil {
			return nil, err
		}
		pp.TotalCount = new(int)
		*pp.TotalCount = listed + correction
	}
	rows, err = db.QueryContext(ctx, `SELECT p.id, p.given_name, p.family_name, p.city, p.is_trainer, p.profile_visibility
		FROM persons p WHERE `+visible+` ORDER BY p.family_name, p.given_name, p.id LIMIT $3`,
		pq.Array(seen), pq.Array(hidden), first+1)
	if err != nil {
		return nil, err
	}
	var people []*handPerson
	for rows.Next() {
		p := &handPerson{Interests: handList{Edges: []handEdge{}}, Enrollments: handList{Edges: []handEdge{}}}
		if err := rows.Scan(&p.id, &p.GivenName, &p.FamilyName, &p.City, &p.IsTrainer, &p.profile); err != nil {
			rows.Close()
			return nil, err
		}
		p.ID = strconv.Itoa(p.id)
		people = append(people, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(people) > first {
		people = people[:first]
		pp.PageInfo.HasNextPage = true
	}
	byID := map[int]*handPerson{}
	ids := make([]int64, 0, len(people))
	var profileIDs []int64 // whose course history the member may see
	for _, p := range people {
		byID[p.id] = p
		ids = append(ids, int64(p.id))
		if p.id == me || p.profile == "PUBLIC" || p.profile == "COMMUNITY" || (p.profile == "CONNECTIONS" && connected[p.id]) {
			profileIDs = append(profileIDs, int64(p.id))
		}
		pp.Edges = append(pp.Edges, handEdge{Node: p})
	}
	if len(people) > 0 {
		last := people[len(people)-1]
		pp.PageInfo.EndCursor = base64.StdEncoding.EncodeToString([]byte(last.FamilyName + "\x00" + last.GivenName + "\x00" + last.ID))
	}

	rows, err = db.QueryContext(ctx, `SELECT x.person_id, i.id, i.label_kk, i.label_ru, i.label_en
		FROM (SELECT person_id, interest_id, row_number() OVER (PARTITION BY person_id ORDER BY interest_id) AS n
		      FROM person_interests WHERE person_id = ANY($1)) x
		JOIN interests i ON i.id = x.interest_id
		WHERE x.n <= 6 ORDER BY x.person_id, i.id`, pq.Array(ids))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var pid, id int
		var in handInterest
		if err := rows.Scan(&pid, &id, &in.LabelKk, &in.LabelRu, &in.LabelEn); err != nil {
			rows.Close()
			return nil, err
		}
		in.ID = strconv.Itoa(id)
		byID[pid].Interests.Edges = append(byID[pid].Interests.Edges, handEdge{Node: in})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = db.QueryContext(ctx, `SELECT e.person_id, e.id, e.status, c.id, c.name, c.city, c.start_date,
		  (SELECT json_build_object('edges', coalesce(json_agg(json_build_object('node',
		      json_build_object('id', t.id::text, 'givenName', t.given_name, 'familyName', t.family_name)) ORDER BY t.id), '[]'))
		   FROM (SELECT p.id, p.given_name, p.family_name FROM cohort_trainers ct JOIN persons p ON p.id = ct.person_id
		         WHERE ct.cohort_id = c.id AND `+visible+` ORDER BY p.id LIMIT 3) t)
		FROM (SELECT id, status, person_id, cohort_id, row_number() OVER (PARTITION BY person_id ORDER BY id) AS n
		      FROM enrollments WHERE person_id = ANY($3)) e
		JOIN cohorts c ON c.id = e.cohort_id
		WHERE e.n <= 5 ORDER BY e.person_id, e.id`, pq.Array(seen), pq.Array(hidden), pq.Array(profileIDs))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var pid, eid, cid int
		var e handEnrollment
		var trainers []byte
		if err := rows.Scan(&pid, &eid, &e.Status, &cid, &e.Cohort.Name, &e.Cohort.City, &e.Cohort.StartDate, &trainers); err != nil {
			rows.Close()
			return nil, err
		}
		e.ID, e.Cohort.ID, e.Cohort.Trainers = strconv.Itoa(eid), strconv.Itoa(cid), trainers
		byID[pid].Enrollments.Edges = append(byID[pid].Enrollments.Edges, handEdge{Node: e})
	}
	rows.Close()
	return page, rows.Err()
}

// handServer serves the hand-written directory page on a loopback port,
// as a Go server answering /graphql would: read the request, run the
// statements, encode JSON.
type handServer struct {
	db  *sql.DB
	srv *http.Server
	url string
}

// keptCount is a count kept for 5 seconds.
type keptCount struct {
	mu sync.Mutex
	n  int
	at time.Time
}

var listedCount keptCount

func (k *keptCount) get(ctx context.Context, db *sql.DB) (int, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if time.Since(k.at) < 5*time.Second {
		return k.n, nil
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM persons WHERE listed_in_directory`).Scan(&k.n); err != nil {
		return 0, err
	}
	k.at = time.Now()
	return k.n, nil
}

func startHandServer(dbURL string, me int, pool int) (*handServer, error) {
	// Its statements prepared once per connection, as Birge's are.
	conn, err := pq.NewConnector(dbURL)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(stmtcache.New(conn, 0))
	db.SetMaxOpenConns(pool)
	db.SetMaxIdleConns(pool)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		db.Close()
		return nil, err
	}
	h := &handServer{db: db, url: fmt.Sprintf("http://%s/graphql", ln.Addr())}
	h.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Query     string `json:"query"`
			Variables struct {
				First int `json:"first"`
			} `json:"variables"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Variables.First <= 0 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		page, err := handDirectory(r.Context(), db, me, req.Variables.First, strings.Contains(req.Query, "totalCount"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(page)
	}), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = h.srv.Serve(ln) }()
	return h, nil
}

func (h *handServer) close() {
	_ = h.srv.Close()
	_ = h.db.Close()
}
