package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/shyraq/birge/access"
)

// Enrollment is a person in a cohort, with their status, personal pledge
// and goals.
type Enrollment struct {
	ent.Schema
}

// Mixin of the Enrollment.
func (Enrollment) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}}
}

// Fields of the Enrollment.
func (Enrollment) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("status").
			Values("APPLIED", "ENROLLED", "COMPLETED", "WITHDRAWN").
			Default("ENROLLED").
			Annotations(entgql.OrderField("STATUS")),
		field.Text("pledge").
			Default("").
			Validate(maxChars(1000)),
		field.Text("goals").
			Default("").
			Validate(maxChars(2000)),
		field.Int("person_id").
			Immutable(),
		field.Int("cohort_id").
			Immutable(),
	}
}

// Edges of the Enrollment.
func (Enrollment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("person", Person.Type).
			Ref("enrollments").
			Field("person_id").
			Unique().
			Required().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("surveys", OutcomeSurvey.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
		edge.From("cohort", Cohort.Type).
			Ref("enrollments").
			Field("cohort_id").
			Unique().
			Required().
			Immutable(),
	}
}

// Indexes of the Enrollment.
func (Enrollment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("person_id", "cohort_id").Unique(),
		index.Fields("cohort_id", "status"),
	}
}

// Annotations of the Enrollment.
func (Enrollment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Enrollment.
func (Enrollment) Policy() ent.Policy {
	return personGroupPolicy(access.Profile, false)
}
