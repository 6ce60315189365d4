package seed

import (
	"math/rand/v2"

	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/visibility"
)

// Draws for other generators of fictional people (package seed/scale):
// the demo's own lists and distributions, without its fixed plan.

// Name draws a fictional name as the demo's participants are drawn (about
// seven in ten women, most Kazakh names), without the demo's uniqueness:
// at scale, names repeat. lang is the language the person most likely
// writes in, "kk" or "ru".
func Name(r *rand.Rand) (given, family, lang string) {
	given, family, c := newNameGen(r).next()
	if c == kazakh || c == latin {
		return given, family, "kk"
	}
	return given, family, "ru"
}

// Bio returns a short profile text in lang ("kk" or "ru"), or "" for about
// a quarter of people.
func Bio(r *rand.Rand, lang string) string { return bio(r, lang) }

// Pledge returns a participant's personal pledge in lang ("kk" or "ru").
func Pledge(r *rand.Rand, lang string) string { return pick(r, pledges[lang]) }

// Goals returns one or two goals of a participant in lang ("kk" or "ru").
func Goals(r *rand.Rand, lang string) string { return goalsText(r, lang) }

// NearbyTowns are the towns of Almaty Region some participants come from.
func NearbyTowns() []string { return append([]string(nil), nearbyTowns...) }

// Privacy is what a person chose about who sees them.
type Privacy struct {
	Listed, Partners bool
	Profile, Contact visibility.Level
	Consents         []consent.Kind
}

// ParticipantPrivacy draws a participant's privacy choices as the demo
// does: most are listed in the directory with the default visibilities.
func ParticipantPrivacy(r *rand.Rand, completed bool) Privacy {
	p := participantPrivacy(r, completed)
	return Privacy{Listed: p.listed, Partners: p.partners, Profile: p.profile, Contact: p.contact, Consents: p.consents}
}

// Emails returns a function that makes unique, obviously fictional e-mail
// addresses on example.org from names.
func Emails() func(given, family string) string {
	g := &emailGen{}
	return g.next
}
