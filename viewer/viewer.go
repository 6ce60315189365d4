// Package viewer carries who is making a request through its context: an
// anonymous visitor, a signed-in account with a role, or the system itself
// (migrations, seeding). Privacy policies read it; nothing else decides
// who may see what.
package viewer

import "context"

// Role is an account's role.
type Role string

// The roles of the portal, from most to least trusted.
const (
	RoleAdmin   Role = "ADMIN"   // runs the portal
	RoleStaff   Role = "STAFF"   // trainers and association staff
	RoleMember  Role = "MEMBER"  // alumni
	RolePartner Role = "PARTNER" // people of partner organizations
)

// Viewer is the identity of a request. The zero value is an anonymous
// visitor.
type Viewer struct {
	AccountID      int
	PersonID       int // 0 if the account has no person
	OrganizationID int // partners: their organization
	Role           Role
	System         bool // internal work: migrations, seeding, jobs
	SessionID      int
}

// Anonymous reports whether no one is signed in.
func (v Viewer) Anonymous() bool { return !v.System && v.AccountID == 0 }

// Is reports whether the viewer is signed in with one of roles.
func (v Viewer) Is(roles ...Role) bool {
	if v.AccountID == 0 {
		return false
	}
	for _, r := range roles {
		if v.Role == r {
			return true
		}
	}
	return false
}

// Admin reports whether the viewer is an admin or the system.
func (v Viewer) Admin() bool { return v.System || v.Is(RoleAdmin) }

// Staff reports whether the viewer is staff, an admin or the system.
func (v Viewer) Staff() bool { return v.System || v.Is(RoleAdmin, RoleStaff) }

type ctxKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer of ctx; anonymous if there is none.
func FromContext(ctx context.Context) Viewer {
	v, _ := ctx.Value(ctxKey{}).(Viewer)
	return v
}

// SystemContext returns ctx acting as the system, for internal work that
// must see and write everything (migrations, seeding, maintenance).
func SystemContext(ctx context.Context) context.Context {
	return NewContext(ctx, Viewer{System: true})
}
