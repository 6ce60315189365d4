package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Session is a signed-in browser. Only the hash of its random token is
// stored; the token itself lives in the browser's HttpOnly cookie. Kept in
// the database so that any number of server instances share sessions.
type Session struct {
	ent.Schema
}

// Fields of the Session.
func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.Bytes("token_hash").Sensitive().Unique().Immutable(),
		field.Time("created_at").Immutable(),
		field.Time("last_seen_at"),
		field.Time("expires_at").Immutable().Comment("Absolute expiry; idle expiry is counted from last_seen_at."),
		field.Int("account_id").Immutable(),
	}
}

// Edges of the Session.
func (Session) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("sessions").Field("account_id").Unique().Required().Immutable(),
	}
}

// Indexes of the Session.
func (Session) Indexes() []ent.Index {
	return []ent.Index{index.Fields("account_id"), index.Fields("expires_at")}
}

// Annotations of the Session.
func (Session) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the Session.
func (Session) Policy() ent.Policy {
	return systemOnly()
}
