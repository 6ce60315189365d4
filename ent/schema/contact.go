package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/audit"
)

// ContactDetails are how to reach a person. They are an entity of their
// own so that their policy, following the person's contact visibility
// (accepted connections by default), decides who sees them.
type ContactDetails struct {
	ent.Schema
}

// Fields of the ContactDetails.
func (ContactDetails) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").Default("").Validate(maxChars(254)),
		field.String("phone").Default("").Validate(maxChars(40)),
		field.String("telegram").Default("").Validate(maxChars(64)),
		field.Int("person_id").Unique().Immutable(),
	}
}

// Edges of the ContactDetails.
func (ContactDetails) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("person", Person.Type).
			Ref("contact").
			Field("person_id").
			Unique().
			Required().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Annotations of the ContactDetails.
func (ContactDetails) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}

// Policy of the ContactDetails.
func (ContactDetails) Policy() ent.Policy {
	return personGroupPolicy(access.Contact, true)
}

// Interceptors of the ContactDetails: staff reads are audited.
func (ContactDetails) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{audit.StaffContactReads()}
}
