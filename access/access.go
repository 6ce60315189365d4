// Package access is Birge's privacy model in one place: who may see which
// people and which of their field groups, and who may change what. The ent
// schema's policies are built from these rules, so every path (lists,
// node(id), nested edges, search, exports) applies the same ones.
//
// A person is seen at all (their name, city, tags) when:
//   - the viewer is staff, an admin, the system, or the person themself;
//   - a member: the person consented to the directory, is connected, has
//     a pending request to or from the member, or was blocked by them;
//   - a partner: the person allowed partners to see them;
//   - but never, for members and partners, someone who blocked them;
//   - anonymous: the person is listed and their profile is PUBLIC.
//
// A field group (profile: bio, languages, course history; contact details)
// is seen when the person is seen and the group's level admits the viewer:
// PUBLIC anyone; COMMUNITY members (and partners the person allowed);
// CONNECTIONS accepted connections; STAFF trainers and staff; PRIVATE only
// the person and admins.
package access

import (
	"entgo.io/ent/dialect/sql"

	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/predicate"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

// Group names a person's field group with its own visibility.
type Group string

// The field groups.
const (
	Profile Group = person.FieldProfileVisibility
	Contact Group = person.FieldContactVisibility
)

// PersonVisible is the predicate of the people v may see at all. It
// returns nil when v may see everyone.
func PersonVisible(v viewer.Viewer) predicate.Person {
	_, audience := Audience(v)
	switch {
	case v.Staff():
		return audience
	case v.Is(viewer.RoleMember):
		return notBlocking(v.PersonID, person.Or(
			audience,
			person.ID(v.PersonID),
			connectedTo(v.PersonID),
			involvedWith(v.PersonID),
		))
	case v.Is(viewer.RolePartner):
		return notBlocking(v.PersonID, person.Or(audience, person.ID(v.PersonID)))
	default:
		return audience
	}
}

// Audience is the part of PersonVisible that depends only on v's role,
// with a name for it: everyone (nil) for staff; for members, the people
// listed in the directory; for partners, those who allowed partners; for
// visitors, the listed people with a PUBLIC profile.
//
// The people v sees differ from v's audience only among v's own person
// and the people with a connection to v, in any state and either
// direction (whom v may see or not because of a connection). Package
// census counts on this, and the privacy matrix tests check it.
func Audience(v viewer.Viewer) (string, predicate.Person) {
	switch {
	case v.Staff():
		return "everyone", nil
	case v.Is(viewer.RoleMember):
		return "listed", person.ListedInDirectory(true)
	case v.Is(viewer.RolePartner):
		return "partners", person.VisibleToPartners(true)
	default:
		return "public", person.And(
			person.ListedInDirectory(true),
			person.ProfileVisibilityEQ(visibility.Public),
		)
	}
}

// GroupVisible is the predicate of the people whose group g v may see. It
// returns nil when v may see the group of everyone.
func GroupVisible(v viewer.Viewer, g Group) predicate.Person {
	level := func(levels ...visibility.Level) predicate.Person {
		vals := make([]any, len(levels))
		for i, l := range levels {
			vals[i] = string(l)
		}
		return predicate.Person(sql.FieldIn(string(g), vals...))
	}
	switch {
	case v.Admin():
		return nil
	case v.Is(viewer.RoleStaff):
		return person.Or(
			person.ID(v.PersonID),
			person.Not(level(visibility.Private)),
		)
	// A group is never seen of someone who is not seen at all: for
	// members and partners, someone who blocked them (see PersonVisible).
	case v.Is(viewer.RoleMember):
		return person.Or(
			person.ID(v.PersonID),
			person.And(PersonVisible(v), level(visibility.Public, visibility.Community)),
			notBlocking(v.PersonID, person.And(level(visibility.Connections), connectedTo(v.PersonID))),
		)
	case v.Is(viewer.RolePartner):
		return person.Or(
			person.ID(v.PersonID),
			person.And(PersonVisible(v), level(visibility.Public, visibility.Community)),
		)
	default:
		return person.And(PersonVisible(v), level(visibility.Public))
	}
}

// notBlocking narrows p to the people who did not block the person id.
func notBlocking(id int, p predicate.Person) predicate.Person {
	if id == 0 {
		return p
	}
	return person.And(p, person.Not(blockedBy(id)))
}

// connectedTo is the predicate of the people with an accepted connection
// to the person id, in either direction.
func connectedTo(id int) predicate.Person {
	if id == 0 {
		return person.IDIn() // no one: the viewer has no person
	}
	accepted := connection.StatusEQ(connection.StatusACCEPTED)
	return person.Or(
		person.HasSentConnectionsWith(accepted, connection.AddresseeID(id)),
		person.HasReceivedConnectionsWith(accepted, connection.RequesterID(id)),
	)
}

// OwnerOrAdmin reports whether v may read the settings and consents of the
// person personID: only the person themself and admins.
func OwnerOrAdmin(v viewer.Viewer, personID int) bool {
	return v.Admin() || (v.PersonID != 0 && v.PersonID == personID)
}

// PreviewViewer is the viewer whose eyes a profile preview takes: an
// anonymous visitor, a member not connected to anyone, or a partner of no
// organization. None of them is the person previewed.
func PreviewViewer(audience string) (viewer.Viewer, bool) {
	switch audience {
	case "PUBLIC":
		return viewer.Viewer{}, true
	case "MEMBER":
		return viewer.Viewer{AccountID: -1, Role: viewer.RoleMember}, true
	case "PARTNER":
		return viewer.Viewer{AccountID: -1, Role: viewer.RolePartner}, true
	}
	return viewer.Viewer{}, false
}

// TookPartIn is the predicate of the people with an enrollment matching
// preds, counting only enrollments v may see: filtering people by course
// never reveals a course history that is hidden from v.
func TookPartIn(v viewer.Viewer, preds ...predicate.Enrollment) predicate.Person {
	return Showing(v, Profile, person.HasEnrollmentsWith(preds...))
}

// Showing narrows p, a predicate on what group g holds (course history,
// languages), to the people whose group g v may see: a filter on hidden
// fields tells nothing of them.
func Showing(v viewer.Viewer, g Group, p predicate.Person) predicate.Person {
	if visible := GroupVisible(v, g); visible != nil {
		return person.And(p, visible)
	}
	return p
}
