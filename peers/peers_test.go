package peers_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/peers"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

type person struct {
	given, city string
	listed      bool
	profile     visibility.Level
	spring23    enrollment.Status // "" for none
	autumn24    enrollment.Status
	interests   []string
	activities  []string
	lookingFor  []string
	conn        connection.Status // a connection with the viewer: "" for none
	viewerAsks  bool              // the viewer is the requester of conn
	peerContact string            // their PEER_CONTACT consent: "" granted, "never", "revoked"
}

var people = []person{
	{given: "Viewer", city: "Almaty", listed: true, spring23: enrollment.StatusCOMPLETED, autumn24: enrollment.StatusCOMPLETED,
		interests: []string{"singing", "cooking"}, activities: []string{"dance"}, lookingFor: []string{"FRIENDS", "SPORT"}},
	{given: "Aigerim", city: "Алматы", listed: true, spring23: enrollment.StatusCOMPLETED, interests: []string{"singing"}, lookingFor: []string{"FRIENDS", "WORK"}},
	{given: "Ermek", city: "Almaty", listed: true, spring23: enrollment.StatusCOMPLETED, autumn24: enrollment.StatusENROLLED, activities: []string{"dance", "art"}},
	{given: "Gulnara", city: "Almaty", listed: true, profile: visibility.Connections, spring23: enrollment.StatusCOMPLETED, interests: []string{"cooking"}},
	{given: "Nurlan", city: "Astana", listed: true, interests: []string{"singing", "cooking", "chess"}, lookingFor: []string{"SPORT"}},
	{given: "Unlisted", city: "Almaty", listed: false, spring23: enrollment.StatusCOMPLETED, interests: []string{"singing"}},
	{given: "Blocker", city: "Almaty", listed: true, spring23: enrollment.StatusCOMPLETED, conn: connection.StatusBLOCKED},
	{given: "Blocked", city: "Almaty", listed: true, spring23: enrollment.StatusCOMPLETED, conn: connection.StatusBLOCKED, viewerAsks: true},
	{given: "Asking", city: "Almaty", listed: true, spring23: enrollment.StatusCOMPLETED, conn: connection.StatusPENDING},
	{given: "Asked", city: "Almaty", listed: true, conn: connection.StatusPENDING, viewerAsks: true},
	{given: "Friend", city: "Almaty", listed: true, spring23: enrollment.StatusCOMPLETED, conn: connection.StatusACCEPTED},
	{given: "Declined", city: "Almaty", listed: true, conn: connection.StatusDECLINED, viewerAsks: true},
	{given: "Stranger", city: "Astana", listed: true, interests: []string{"chess"}},
	{given: "Dropout", city: "Astana", listed: true, spring23: enrollment.StatusWITHDRAWN},
	{given: "Applicant", city: "Astana", listed: true, spring23: enrollment.StatusAPPLIED},
	// They share much, but do not take connection requests.
	{given: "Reserved", city: "Almaty", listed: true, spring23: enrollment.StatusCOMPLETED, interests: []string{"singing"}, peerContact: "never"},
	{given: "Revoked", city: "Almaty", listed: true, spring23: enrollment.StatusCOMPLETED, activities: []string{"dance"}, peerContact: "revoked"},
}

type world struct {
	client *ent.Client
	ids    map[string]int
	member context.Context
}

func newWorld(t *testing.T) *world {
	t.Helper()
	client := testdb.Open(t).Client
	ctx := viewer.SystemContext(context.Background())
	tags := map[string]int{}
	for _, s := range []string{"singing", "cooking", "chess"} {
		tags[s] = client.Interest.Create().SetSlug(s).SetLabelKk(s).SetLabelRu(s).SetLabelEn(s).SaveX(ctx).ID
	}
	for _, s := range []string{"dance", "art"} {
		tags[s] = client.Activity.Create().SetSlug(s).SetLabelKk(s).SetLabelRu(s).SetLabelEn(s).SaveX(ctx).ID
	}
	org := client.Organization.Create().SetName("Shyraq").SetKind("ASSOCIATION").SaveX(ctx)
	prog := client.Program.Create().SetName("School").SetOperatorID(org.ID).SaveX(ctx)
	mk := func(name string, start time.Time) int {
		return client.Cohort.Create().SetName(name).SetCity("Almaty").SetVenue("Centre").
			SetStartDate(start).SetEndDate(start.AddDate(0, 0, 6)).SetCapacity(15).
			SetStatus(cohort.StatusCOMPLETED).SetProgramID(prog.ID).SaveX(ctx).ID
	}
	spring23 := mk("Almaty, spring 2023", time.Date(2023, 4, 10, 0, 0, 0, 0, time.UTC))
	autumn24 := mk("Almaty, autumn 2024", time.Date(2024, 10, 7, 0, 0, 0, 0, time.UTC))
	w := &world{client: client, ids: map[string]int{}}
	for _, p := range people {
		pv := p.profile
		if pv == "" {
			pv = visibility.Community
		}
		b := client.Person.Create().SetGivenName(p.given).SetFamilyName("Test").SetCity(p.city).
			SetListedInDirectory(p.listed).SetProfileVisibility(pv).SetLookingFor(p.lookingFor)
		for _, s := range p.interests {
			b.AddInterestIDs(tags[s])
		}
		for _, s := range p.activities {
			b.AddActivityIDs(tags[s])
		}
		id := b.SaveX(ctx).ID
		w.ids[p.given] = id
		for c, st := range map[int]enrollment.Status{spring23: p.spring23, autumn24: p.autumn24} {
			if st != "" {
				client.Enrollment.Create().SetPersonID(id).SetCohortID(c).SetStatus(st).ExecX(ctx)
			}
		}
		if p.peerContact != "never" {
			c := client.Consent.Create().SetPersonID(id).SetKind(consent.KindPEER_CONTACT).SetGrantedAt(time.Now().AddDate(0, -1, 0))
			if p.peerContact == "revoked" {
				c.SetRevokedAt(time.Now())
			}
			c.ExecX(ctx)
		}
		if p.conn != "" {
			from, to := id, w.ids["Viewer"]
			if p.viewerAsks {
				from, to = to, from
			}
			client.Connection.Create().SetRequesterID(from).SetAddresseeID(to).SetStatus(p.conn).SetCreatedAt(time.Now()).ExecX(ctx)
		}
	}
	w.member = viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 1, PersonID: w.ids["Viewer"], Role: viewer.RoleMember})
	return w
}

// describe renders suggestions as "Name score: KIND detail, ...".
func describe(sugs []*peers.Suggestion) []string {
	var out []string
	for _, s := range sugs {
		var rs []string
		for _, r := range s.Reasons {
			d := string(r.Kind)
			switch {
			case r.Cohort != nil:
				d += " " + r.Cohort.Name
			case r.Activity != nil:
				d += " " + r.Activity.Slug
			case r.Interest != nil:
				d += " " + r.Interest.Slug
			case r.City != nil:
				d += " " + *r.City
			case r.LookingFor != nil:
				d += " " + *r.LookingFor
			}
			rs = append(rs, d)
		}
		out = append(out, fmt.Sprintf("%s %d: %s", s.Person.GivenName, s.Score, strings.Join(rs, ", ")))
	}
	return out
}

func TestSuggest(t *testing.T) {
	w := newWorld(t)
	got, err := peers.Suggest(w.member, w.client, 20, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		// Two courses together, and they dance.
		"Ermek 78: SHARED_COHORT Almaty, autumn 2024, SHARED_COHORT Almaty, spring 2023, SHARED_ACTIVITY dance, SAME_CITY Almaty",
		"Aigerim 54: SHARED_COHORT Almaty, spring 2023, SHARED_INTEREST singing, SAME_CITY Алматы, LOOKING_FOR FRIENDS",
		"Nurlan 26: SHARED_INTEREST cooking, SHARED_INTEREST singing, LOOKING_FOR SPORT",
		// Her course history is for her connections: it does not count.
		"Gulnara 18: SHARED_INTEREST cooking, SAME_CITY Almaty",
	}
	if d := describe(got); !slices.Equal(d, want) {
		t.Errorf("suggestions:\n got %q\nwant %q", d, want)
	}

	// The ranking in SQL agrees with the reasons: the best k are the
	// first k.
	for k := 1; k <= len(want); k++ {
		top, err := peers.Suggest(w.member, w.client, k, nil)
		if d := describe(top); err != nil || !slices.Equal(d, want[:k]) {
			t.Errorf("best %d: %q, %v", k, d, err)
		}
	}
	many, err := peers.Suggest(w.member, w.client, 1000, nil)
	if err != nil || len(many) != len(want) {
		t.Errorf("a thousand: %d, %v", len(many), err)
	}

	// Staff see every course history; one with a person gets Gulnara's
	// course counted. Unlisted people, and people who take no connection
	// requests, are never suggested.
	staff := viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 2, PersonID: w.ids["Viewer"], Role: viewer.RoleStaff})
	got, err = peers.Suggest(staff, w.client, 20, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		if s.Person.GivenName == "Gulnara" && s.Score != 48 {
			t.Errorf("staff: Gulnara scores %d, want 48", s.Score)
		}
		if s.Person.GivenName == "Unlisted" {
			t.Error("staff: an unlisted person is suggested")
		}
		if s.Person.GivenName == "Reserved" || s.Person.GivenName == "Revoked" {
			t.Errorf("staff: %s, who takes no requests, is suggested", s.Person.GivenName)
		}
	}

	// No person, no suggestions.
	for _, ctx := range []context.Context{
		context.Background(),
		viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 3, Role: viewer.RoleStaff}),
	} {
		got, err := peers.Suggest(ctx, w.client, 20, nil)
		if err != nil || len(got) != 0 {
			t.Errorf("without a person: %q, %v", describe(got), err)
		}
	}
}

// TestSuggestNeverShowsExcluded checks, for everyone but the excluded,
// that the excluded never come up, whoever looks.
func TestSuggestNeverShowsExcluded(t *testing.T) {
	w := newWorld(t)
	got, err := peers.Suggest(w.member, w.client, 20, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		switch s.Person.GivenName {
		case "Viewer", "Unlisted", "Blocker", "Blocked", "Asking", "Asked", "Friend", "Declined", "Stranger", "Dropout", "Applicant",
			"Reserved", "Revoked":
			t.Errorf("%s is suggested: %q", s.Person.GivenName, describe([]*peers.Suggestion{s}))
		}
	}
	// The blocker's own suggestions leave out the person they blocked.
	blocker := viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 4, PersonID: w.ids["Blocker"], Role: viewer.RoleMember})
	got, err = peers.Suggest(blocker, w.client, 20, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		if s.Person.GivenName == "Viewer" {
			t.Error("the blocker is suggested the person they blocked")
		}
	}
	if len(got) == 0 {
		t.Error("the blocker gets no suggestions at all")
	}
}
