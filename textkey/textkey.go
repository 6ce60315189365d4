// Package textkey turns names and text written in Cyrillic (Russian and
// Kazakh) or Latin letters into one comparable form: lower case, Latin
// letters, no diacritics, so that "Айгерім", "Aigerim" and "AIGERIM" meet.
package textkey

import (
	"strings"
	"unicode"
)

// translit maps Cyrillic letters, Kazakh ones included, to Latin.
var translit = map[rune]string{
	'а': "a", 'ә': "a", 'б': "b", 'в': "v", 'г': "g", 'ғ': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "i", 'к': "k", 'қ': "k", 'л': "l", 'м': "m", 'н': "n",
	'ң': "n", 'о': "o", 'ө': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ұ': "u",
	'ү': "u", 'ф': "f", 'х': "kh", 'һ': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'і': "i", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
}

// Key returns the comparable form of s: words of Latin letters and digits,
// separated by single spaces.
func Key(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		switch {
		case translit[r] != "" || r == 'ъ' || r == 'ь':
			b.WriteString(translit[r])
			space = false
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}
