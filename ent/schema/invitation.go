package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/ent/privacy"
)

// Invitation lets one person register: a single-use, expiring code sent by
// staff, for a role, optionally bound to an existing person and, for
// partners, to an organization. Only the code's hash is stored.
type Invitation struct {
	ent.Schema
}

// Fields of the Invitation.
func (Invitation) Fields() []ent.Field {
	return []ent.Field{
		field.Bytes("code_hash").Sensitive().Unique().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("email").Validate(text(254)).Immutable(),
		field.Enum("role").Values("ADMIN", "STAFF", "MEMBER", "PARTNER").Immutable(),
		field.Time("created_at").Immutable().Annotations(entgql.OrderField("CREATED_AT")),
		field.Time("expires_at").Immutable(),
		field.Time("used_at").Optional().Nillable(),
		field.Int("person_id").Optional().Nillable().Immutable(),
		field.Int("organization_id").Optional().Nillable().Immutable(),
		field.Int("created_by_id").Immutable(),
	}
}

// Edges of the Invitation.
func (Invitation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("person", Person.Type).Field("person_id").Unique().Immutable(),
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Immutable(),
		edge.To("created_by", Account.Type).Field("created_by_id").Unique().Required().Immutable(),
	}
}

// Annotations of the Invitation.
func (Invitation) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// PasswordReset is a single-use, expiring token to set a new password.
// Only its hash is stored.
type PasswordReset struct {
	ent.Schema
}

// Fields of the PasswordReset.
func (PasswordReset) Fields() []ent.Field {
	return []ent.Field{
		field.Bytes("token_hash").Sensitive().Unique().Immutable(),
		field.Time("created_at").Immutable(),
		field.Time("expires_at").Immutable(),
		field.Time("used_at").Optional().Nillable(),
		field.Int("account_id").Immutable(),
	}
}

// Edges of the PasswordReset.
func (PasswordReset) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("account", Account.Type).Field("account_id").Unique().Required().Immutable(),
	}
}

// Annotations of the PasswordReset.
func (PasswordReset) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the Invitation: staff and admins read and send invitations.
func (Invitation) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{access.AllowSystem(), access.AllowStaff(), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{
			access.AllowSystem(),
			access.DenyAnonymousMutation(),
			access.AllowStaff(),
			privacy.AlwaysDenyRule(),
		},
	}
}

// Policy of the PasswordReset.
func (PasswordReset) Policy() ent.Policy { return systemOnly() }
