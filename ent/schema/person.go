package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/ent/privacy"

	"github.com/shyraq/birge/visibility"
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
		field.Bool("is_trainer").
			Default(false).
			Comment("Whether the person trains on the program's courses."),
		field.Int("organization_id").
			Optional().
			Nillable(),
		field.Strings("looking_for").
			Optional().
			Validate(lookingFor).
			Comment("What the person looks for in peers: FRIENDS, STUDY, WORK, SPORT, CREATIVITY, VOLUNTEERING, MENTORING."),
		field.String("search_key").
			Default("").
			Comment("Names and city in the form of package textkey, kept by a hook.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		// The privacy settings, chosen by the person. They are not
		// GraphQL fields of Person: the person reads them through
		// Person.privacy and changes them with updatePrivacy.
		field.Bool("listed_in_directory").
			Default(false).
			Comment("Consent to appear in directory lists and search.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Bool("visible_to_partners").
			Default(false).
			Comment("Whether people of partner organizations may see this person.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Enum("profile_visibility").
			GoType(visibility.Level("")).
			Default(string(visibility.Community)).
			Comment("Who sees the profile: bio, languages and course history.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Enum("contact_visibility").
			GoType(visibility.Level("")).
			Default(string(visibility.Connections)).
			Comment("Who sees the contact details.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the Person.
func (Person) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("profile", Profile.Type).
			Unique().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
		edge.To("contact", ContactDetails.Type).
			Unique().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
		edge.To("enrollments", Enrollment.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
		edge.From("account", Account.Type).
			Ref("person").
			Unique().
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("sent_connections", Connection.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("received_connections", Connection.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("consents", Consent.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
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
		index.Fields("listed_in_directory", "profile_visibility"),
		index.Fields("search_key"),
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

// Hooks of the Person.
func (Person) Hooks() []ent.Hook {
	return []ent.Hook{personSearchKey}
}

// Policy of the Person.
func (Person) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{access.AllowSystem(), access.FilterPeople()},
		Mutation: privacy.MutationPolicy{
			access.AllowSystem(),
			access.DenyAnonymousMutation(),
			access.AllowStaff(),
			access.AllowOwnPerson(),
			privacy.AlwaysDenyRule(),
		},
	}
}
