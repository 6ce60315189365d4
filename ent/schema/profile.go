package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/shyraq/birge/access"
)

// Profile is the part of a person's data they may hide: their bio, the
// languages they speak and what they are looking for. Who sees it follows
// the person's profile visibility, decided by this entity's policy.
type Profile struct {
	ent.Schema
}

// Fields of the Profile.
func (Profile) Fields() []ent.Field {
	return []ent.Field{
		field.Text("bio").
			Default("").
			Validate(maxChars(2000)),
		field.Strings("languages").
			Optional().
			Comment("ISO 639-1 codes of the languages the person speaks, e.g. kk, ru, en."),
		field.Text("search_bio").
			Default("").
			Comment("The bio in the form of package textkey, kept by a hook.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("person_id").
			Unique().
			Immutable(),
	}
}

// Edges of the Profile.
func (Profile) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("person", Person.Type).
			Ref("profile").
			Field("person_id").
			Unique().
			Required().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Annotations of the Profile.
func (Profile) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}

// Hooks of the Profile.
func (Profile) Hooks() []ent.Hook {
	return []ent.Hook{profileSearchBio}
}

// Policy of the Profile.
func (Profile) Policy() ent.Policy {
	return personGroupPolicy(access.Profile, true)
}
