package seed

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/visibility"
)

// privacy is what a person chose: whether they appear in the directory and
// to partners, who sees their profile and contact details, and the
// consents they granted (recorded when they joined).
type privacy struct {
	listed, partners bool
	profile, contact visibility.Level
	consents         []consent.Kind
}

// publicFigure is the choice of trainers, staff and partner contacts, who
// are in the directory to be found.
var publicFigure = privacy{
	listed: true, partners: true,
	profile: visibility.Public, contact: visibility.Community,
	consents: []consent.Kind{consent.KindDIRECTORY_LISTING, consent.KindPEER_CONTACT, consent.KindSTORIES_AND_PHOTOS},
}

// grant adds the consent kind, if it is not there (in a slice of its own:
// people may share one, as publicFigure's do).
func (p *privacy) grant(kind consent.Kind) {
	if !slices.Contains(p.consents, kind) {
		p.consents = append(slices.Clip(p.consents), kind)
	}
}

// participantPrivacy draws a participant's choices. Most consent to the
// directory with the default visibilities; some open their profile to
// everyone, some keep it to connections; a few stay out of the directory.
func participantPrivacy(r *rand.Rand, completed bool) privacy {
	p := privacy{profile: visibility.Community, contact: visibility.Connections}
	if r.IntN(100) < 85 {
		p.listed = true
		p.consents = append(p.consents, consent.KindDIRECTORY_LISTING)
		if r.IntN(100) < 75 {
			p.consents = append(p.consents, consent.KindPEER_CONTACT)
		}
		p.partners = r.IntN(100) < 35
	}
	switch n := r.IntN(100); {
	case n < 15:
		p.profile = visibility.Public
	case n < 25:
		p.profile = visibility.Connections
	case n < 30:
		p.profile = visibility.Staff
	}
	switch n := r.IntN(100); {
	case n < 10:
		p.contact = visibility.Community
	case n < 20:
		p.contact = visibility.Private
	}
	if completed && r.IntN(100) < 65 {
		p.consents = append(p.consents, consent.KindOUTCOME_SURVEYS)
	}
	if r.IntN(100) < 25 {
		p.consents = append(p.consents, consent.KindSTORIES_AND_PHOTOS)
	}
	return p
}

// emailGen makes unique, obviously fictional e-mail addresses on
// example.org from transliterated names.
type emailGen struct {
	used map[string]int
}

func (g *emailGen) next(given, family string) string {
	if g.used == nil {
		g.used = map[string]int{}
	}
	local := translit(given) + "." + translit(family)
	g.used[local]++
	if n := g.used[local]; n > 1 {
		local += strconv.Itoa(n)
	}
	return local + "@example.org"
}

// latinOf spells Kazakh and Russian letters, and the Kazakh Latin
// alphabet's, in plain ASCII.
var latinOf = map[rune]string{
	'а': "a", 'ә': "a", 'б': "b", 'в': "v", 'г': "g", 'ғ': "g", 'д': "d", 'е': "e", 'ё': "yo",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'қ': "q", 'л': "l", 'м': "m", 'н': "n",
	'ң': "n", 'о': "o", 'ө': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ұ': "u",
	'ү': "u", 'ф': "f", 'х': "kh", 'һ': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "sch",
	'ъ': "", 'ы': "y", 'і': "i", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	'ä': "a", 'ğ': "g", 'ö': "o", 'ū': "u", 'ı': "i", 'ü': "u", 'ş': "sh", 'ñ': "n",
}

// translit returns s in lower-case ASCII letters.
func translit(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			b.WriteRune(r)
		default:
			b.WriteString(latinOf[r])
		}
	}
	return b.String()
}
