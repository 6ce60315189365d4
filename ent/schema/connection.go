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
)

// Connection is a request between two people, and its answer. An accepted
// connection lets each see what the other shows to CONNECTIONS. The
// requester of a BLOCKED connection is the person who blocked; package
// connections runs the state machine.
type Connection struct {
	ent.Schema
}

// Fields of the Connection.
func (Connection) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("status").
			Values("PENDING", "ACCEPTED", "DECLINED", "WITHDRAWN", "BLOCKED").
			Default("PENDING"),
		field.String("message").Default("").Validate(maxChars(500)).
			Comment("A short note with the request, for the addressee."),
		field.Time("created_at").Immutable().
			Annotations(entgql.OrderField("CREATED_AT")),
		field.Time("responded_at").Optional().Nillable().
			Comment("When the request was accepted, declined, withdrawn or blocked."),
		field.Int("requester_id").Immutable(),
		field.Int("addressee_id").Immutable(),
	}
}

// Edges of the Connection.
func (Connection) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("requester", Person.Type).Ref("sent_connections").Field("requester_id").Unique().Required().Immutable(),
		edge.From("addressee", Person.Type).Ref("received_connections").Field("addressee_id").Unique().Required().Immutable(),
	}
}

// Indexes of the Connection. One connection per pair in either direction
// is enforced by an expression index made in database.Migrate.
func (Connection) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("requester_id", "addressee_id").Unique(),
		index.Fields("addressee_id", "status"),
		index.Fields("requester_id", "status"),
	}
}

// Annotations of the Connection: a Node with Relay connections, read and
// written only through the hand-written queries and mutations of
// graph/peers.graphql.
func (Connection) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Policy of the Connection.
func (Connection) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{access.AllowSystem(), access.AllowStaff(), access.FilterOwnConnections()},
		Mutation: privacy.MutationPolicy{
			access.AllowSystem(),
			access.DenyAnonymousMutation(),
			access.AllowStaff(),
			access.AllowConnectionParticipant(),
			privacy.AlwaysDenyRule(),
		},
	}
}
