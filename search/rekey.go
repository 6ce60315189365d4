package search

import (
	"context"
	"fmt"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/profile"
	"github.com/shyraq/birge/textkey"
	"github.com/shyraq/birge/viewer"
)

// Rekey brings the search keys of people (Person.search_key) and bios
// (Profile.search_bio) in step with package textkey, as the schema's hooks
// compute them, and returns how many it changed. Hooks keep them current
// on every write; Rekey is for data written before textkey changed. It is
// idempotent, and runs as the system.
func Rekey(ctx context.Context, client *ent.Client) (int, error) {
	ctx = viewer.SystemContext(ctx)
	changed := 0
	const batch = 1000
	for after := 0; ; {
		people, err := client.Person.Query().
			Where(person.IDGT(after)).
			Order(ent.Asc(person.FieldID)).
			Limit(batch).
			Select(person.FieldGivenName, person.FieldFamilyName, person.FieldCity, person.FieldSearchKey).
			All(ctx)
		if err != nil {
			return changed, fmt.Errorf("search: rekey people: %w", err)
		}
		for _, p := range people {
			key := textkey.PersonKey(p.GivenName, p.FamilyName, p.City)
			if key != p.SearchKey {
				if err := client.Person.UpdateOneID(p.ID).SetSearchKey(key).Exec(ctx); err != nil {
					return changed, fmt.Errorf("search: rekey person %d: %w", p.ID, err)
				}
				changed++
			}
			after = p.ID
		}
		if len(people) < batch {
			break
		}
	}
	for after := 0; ; {
		profiles, err := client.Profile.Query().
			Where(profile.IDGT(after)).
			Order(ent.Asc(profile.FieldID)).
			Limit(batch).
			Select(profile.FieldBio, profile.FieldSearchBio).
			All(ctx)
		if err != nil {
			return changed, fmt.Errorf("search: rekey bios: %w", err)
		}
		for _, p := range profiles {
			if key := textkey.Key(p.Bio); key != p.SearchBio {
				if err := client.Profile.UpdateOneID(p.ID).SetSearchBio(key).Exec(ctx); err != nil {
					return changed, fmt.Errorf("search: rekey bio %d: %w", p.ID, err)
				}
				changed++
			}
			after = p.ID
		}
		if len(profiles) < batch {
			break
		}
	}
	return changed, nil
}
