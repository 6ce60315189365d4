package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/schema"
	"github.com/shyraq/birge/visibility"
)

// Peers: what people look for, and a few connections among the demo
// people, so that suggestions have reasons to give and the web app has
// requests to answer and connections to show.
//
// The demo member (DemoAlumni[0], member@) has an accepted connection
// with the third demo alumnus and with a course mate, a request waiting
// for their answer and one they sent. The demo peer (DemoAlumni[1], peer@)
// has one accepted connection with a course mate. The member and the peer
// are not connected: the end-to-end test connects them. The peer's contact
// details are for connections only, so that connecting shows them.

// peerSeed seeds the random choices of what people look for.
const peerSeed = 5

// planConnection is one demo connection, between people of the plan.
type planConnection struct {
	from, to int // indexes in plan.people
	status   connection.Status
	message  string
	daysAgo  int // when the request was made, before Today
}

// demoConnections plans the demo connections around the demo member and
// peer, with listed course mates of theirs who take connection requests
// (PEER_CONTACT), as both people of a request must.
func (p *plan) demoConnections() []planConnection {
	member, peer, earlier := p.demoAlumni[0], p.demoAlumni[1], p.demoAlumni[2]
	var course int
	for _, e := range p.enrollments {
		if e.person == member && e.status == enrollment.StatusCOMPLETED {
			course = e.cohort
		}
	}
	var mates []int
	for _, e := range p.enrollments {
		pp := p.people[e.person]
		if e.cohort == course && e.status == enrollment.StatusCOMPLETED && pp.listed && !pp.trainer &&
			slices.Contains(pp.consents, consent.KindPEER_CONTACT) && !slices.Contains(p.demoAlumni, e.person) {
			mates = append(mates, e.person)
		}
	}
	out := []planConnection{
		{earlier, member, connection.StatusACCEPTED, "Сәлем! Біз бір арт-терапия тобында болдық ба? Хабарласайық.", 120},
	}
	if len(mates) >= 4 {
		out = append(out,
			planConnection{member, mates[0], connection.StatusACCEPTED, "Привет! Давай держать связь после курса.", 30},
			planConnection{mates[1], member, connection.StatusPENDING, "Сәлеметсіз бе! Курста бірге би биледік, танысайық.", 3},
			planConnection{member, mates[2], connection.StatusPENDING, "Hi! Would you like to practise cooking together?", 2},
			planConnection{peer, mates[3], connection.StatusACCEPTED, "Привет! Помнишь наш урок пения?", 25},
		)
	}
	return out
}

// lookingFor draws what the participants look for in peers: most look
// for something, FRIENDS and CREATIVITY more often than the rest.
func (p *plan) lookingFor() map[int][]string {
	r := rand.New(rand.NewPCG(rngSeed1, peerSeed))
	weighted := []string{
		"FRIENDS", "FRIENDS", "FRIENDS", "CREATIVITY", "CREATIVITY", "SPORT", "STUDY",
		"WORK", "VOLUNTEERING", "MENTORING",
	}
	out := map[int][]string{}
	for i, pp := range p.people {
		if pp.trainer || pp.org >= 0 || r.IntN(100) >= 70 {
			continue
		}
		var vals []string
		for range 1 + r.IntN(2) {
			if v := pick(r, weighted); !slices.Contains(vals, v) {
				vals = append(vals, v)
			}
		}
		// In the order of schema.LookingFor, as people pick them.
		slices.SortFunc(vals, func(a, b string) int {
			return slices.Index(schema.LookingFor, a) - slices.Index(schema.LookingFor, b)
		})
		out[i] = vals
	}
	out[p.demoAlumni[0]] = []string{"FRIENDS", "CREATIVITY"}
	out[p.demoAlumni[1]] = []string{"FRIENDS", "STUDY"}
	return out
}

// writePeers writes what people look for and the demo connections, as
// planned, for the people written with IDs ids (in plan order).
func writePeers(ctx context.Context, c *ent.Client, p *plan, ids []int) error {
	// Same choices, one update: people grouped by what they look for.
	groups := map[string][]int{}
	values := map[string][]string{}
	for i, vals := range p.lookingFor() {
		k := fmt.Sprint(vals)
		groups[k] = append(groups[k], ids[i])
		values[k] = vals
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := c.Person.Update().Where(person.IDIn(groups[k]...)).SetLookingFor(values[k]).Exec(ctx); err != nil {
			return fmt.Errorf("looking for: %w", err)
		}
	}

	// The peer's contact details are for connections only.
	if err := c.Person.UpdateOneID(ids[p.demoAlumni[1]]).SetContactVisibility(visibility.Connections).Exec(ctx); err != nil {
		return fmt.Errorf("demo peer: %w", err)
	}

	planned := p.demoConnections()
	b := make([]*ent.ConnectionCreate, len(planned))
	for i, pc := range planned {
		at := Today().AddDate(0, 0, -pc.daysAgo).Add(10 * time.Hour)
		b[i] = c.Connection.Create().
			SetRequesterID(ids[pc.from]).
			SetAddresseeID(ids[pc.to]).
			SetStatus(pc.status).
			SetMessage(pc.message).
			SetCreatedAt(at)
		if pc.status != connection.StatusPENDING {
			b[i].SetRespondedAt(at.Add(26 * time.Hour))
		}
	}
	if err := c.Connection.CreateBulk(b...).Exec(ctx); err != nil {
		return fmt.Errorf("connections: %w", err)
	}
	return nil
}
