package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"fmt"
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
			Validate(languageCodes).
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

// IsLanguageCode reports whether s is written as an ISO 639-1 code: two
// lower-case Latin letters. Search filters by such codes.
func IsLanguageCode(s string) bool {
	return len(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'
}

// languageCodes validates a list of languages: each an ISO 639-1 code.
func languageCodes(codes []string) error {
	for _, c := range codes {
		if !IsLanguageCode(c) {
			return fmt.Errorf("%q is not a two-letter language code, such as kk, ru or en", c)
		}
	}
	return nil
}
