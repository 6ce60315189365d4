package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Person is a human in the directory: an alumnus (has enrollments), a
// trainer (leads cohorts), a partner contact (belongs to an organization),
// or several of these at once.
type Person struct {
	ent.Schema
}

// Mixin of the Person.
func (Person) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}}
}

// Fields of the Person.
func (Person) Fields() []ent.Field {
	return []ent.Field{
		field.String("given_name").
			Validate(text(100)).
			Annotations(entgql.OrderField("GIVEN_NAME")),
		field.String("family_name").
			Validate(text(100)).
			Annotations(entgql.OrderField("FAMILY_NAME")),
		field.String("city").
			Default("").
			Validate(maxChars(100)).
			Annotations(entgql.OrderField("CITY")),
		field.Text("bio").
			Default("").
			Validate(maxChars(2000)),
		field.Strings("languages").
			Optional().
			Comment("ISO 639-1 codes of the languages the person speaks, e.g. kk, ru, en."),
		field.Bool("is_trainer").
			Default(false).
			Comment("Whether the person trains on the program's courses."),
		field.Int("organization_id").
			Optional().
			Nillable(),
	}
}

// Edges of the Person.
func (Person) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("enrollments", Enrollment.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("trained_cohorts", Cohort.Type).
			Ref("trainers").
			Annotations(entgql.RelayConnection()),
		edge.To("interests", Interest.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("activities", Activity.Type).
			Annotations(entgql.RelayConnection()),
		edge.From("organization", Organization.Type).
			Ref("people").
			Field("organization_id").
			Unique(),
	}
}

// Indexes of the Person.
func (Person) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("family_name", "given_name"),
		index.Fields("city"),
		index.Fields("is_trainer"),
	}
}

// Annotations of the Person.
func (Person) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField("people"),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
		entgql.MultiOrder(),
	}
}
