package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/shyraq/birge/textkey"
)

// personKeyMutation is the part of a person mutation that the search key
// hook reads.
type personKeyMutation interface {
	GivenName() (string, bool)
	FamilyName() (string, bool)
	City() (string, bool)
	OldGivenName(context.Context) (string, error)
	OldFamilyName(context.Context) (string, error)
	OldCity(context.Context) (string, error)
	SetSearchKey(string)
}

// personSearchKey keeps a person's search key (names and city in the form
// of package textkey) in step with the fields it is made of.
func personSearchKey(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		pm, ok := m.(personKeyMutation)
		if !ok || !m.Op().Is(ent.OpCreate|ent.OpUpdateOne) {
			return next.Mutate(ctx, m)
		}
		given, g := pm.GivenName()
		family, f := pm.FamilyName()
		city, c := pm.City()
		if !g && !f && !c && m.Op().Is(ent.OpUpdateOne) {
			return next.Mutate(ctx, m)
		}
		if m.Op().Is(ent.OpUpdateOne) {
			var err error
			if !g {
				if given, err = pm.OldGivenName(ctx); err != nil {
					return nil, err
				}
			}
			if !f {
				if family, err = pm.OldFamilyName(ctx); err != nil {
					return nil, err
				}
			}
			if !c {
				if city, err = pm.OldCity(ctx); err != nil {
					return nil, err
				}
			}
		}
		pm.SetSearchKey(textkey.PersonKey(given, family, city))
		return next.Mutate(ctx, m)
	})
}

// profileKeyMutation is the part of a profile mutation that the bio key
// hook reads.
type profileKeyMutation interface {
	Bio() (string, bool)
	SetSearchBio(string)
}

// profileSearchBio keeps a profile's searchable bio in step with its bio.
func profileSearchBio(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if pm, ok := m.(profileKeyMutation); ok {
			if bio, set := pm.Bio(); set {
				pm.SetSearchBio(textkey.Key(bio))
			}
		}
		return next.Mutate(ctx, m)
	})
}
