// Package textkey turns names and text written in Cyrillic (Russian and
// Kazakh) or Latin letters into one comparable form, so that "Айгерім",
// "Айгерим", "Aigerim", "Aygerim" and "AIGERIM" all meet as "aigerim".
//
// It works in two steps:
//
//   - Latin lower-cases, transliterates Cyrillic (Russian, Kazakh and a few
//     Ukrainian letters) to Latin, drops diacritics ("Äsel" -> "asel",
//     "Şolpan" -> "sholpan"), and splits the text into words of ASCII
//     letters and digits. The result is readable: "Жанна Хасанова" ->
//     "zhanna khasanova".
//   - Skeleton collapses the spelling variants that transliteration leaves
//     open, word by word: kh/h, zh/j/dzh/dj, y/i (so ya/ia, yu/iu, iy/ii),
//     ts/tz/c, q/k, gh/g, ph/f, x/ks, shch/sch/sh, a leading or post-vowel
//     "ye"/"ie" to "e" (Yermek, Ermek), and doubled letters ("Zhanna" ->
//     "jana", "Filipp" -> "filip").
//
// Key is both steps: the form stored in search keys and compared by search.
// Key and Skeleton are idempotent (Key(Key(s)) == Key(s)), and their output
// is lower-case ASCII words separated by single spaces.
package textkey

import (
	"strings"
	"unicode"
)

// cyrillic maps Cyrillic letters, Kazakh ones included, to Latin.
var cyrillic = map[rune]string{
	'а': "a", 'ә': "a", 'б': "b", 'в': "v", 'г': "g", 'ғ': "g", 'ґ': "g", 'д': "d",
	'е': "e", 'ё': "e", 'є': "ye", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'і': "i",
	'ї': "yi", 'к': "k", 'қ': "k", 'л': "l", 'м': "m", 'н': "n", 'ң': "n", 'о': "o",
	'ө': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ұ': "u", 'ү': "u",
	'ў': "u", 'ф': "f", 'х': "kh", 'һ': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh",
	'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

// latinMarked maps Latin letters with diacritics (Kazakh, Turkish, and the
// European alphabets names come in) to plain ASCII.
var latinMarked = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "ch", 'č': "ch", 'ć': "c", 'ĉ': "c", 'ċ': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e", 'ĕ': "e",
	'ğ': "g", 'ǵ': "g", 'ĝ': "g", 'ġ': "g", 'ģ': "g", 'ĥ': "h", 'ħ': "h",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i", 'ĭ': "i", 'ĩ': "i",
	'ĵ': "j", 'ķ': "k", 'ĺ': "l", 'ļ': "l", 'ľ': "l", 'ł': "l", 'ŀ': "l",
	'ñ': "n", 'ń': "n", 'ň': "n", 'ņ': "n", 'ŋ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'ŏ': "o",
	'œ': "oe", 'ŕ': "r", 'ř': "r", 'ŗ': "r",
	'ś': "s", 'š': "sh", 'ş': "sh", 'ș': "sh", 'ŝ': "s", 'ß': "ss",
	'ť': "t", 'ț': "t", 'ţ': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u", 'ŭ': "u", 'ũ': "u",
	'ý': "y", 'ÿ': "y", 'ŷ': "y", 'ŵ': "w",
	'ž': "zh", 'ź': "z", 'ż': "z",
}

// apostrophe reports whether r is an apostrophe-like mark, which is dropped
// without splitting a word ("D'Artagnan", the 2017 Kazakh Latin "S'olpan").
func apostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '`', '´', '‘', 'ʻ':
		return true
	}
	return false
}

// Latin returns s in lower-case ASCII Latin letters and digits, words
// separated by single spaces: Cyrillic transliterated, diacritics dropped,
// everything else a word break.
func Latin(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false // a word break is due before the next letter
	write := func(t string) {
		if t == "" {
			return
		}
		if pending && b.Len() > 0 {
			b.WriteByte(' ')
		}
		pending = false
		b.WriteString(t)
	}
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			write(string(r))
		case cyrillic[r] != "" || r == 'ъ' || r == 'ь':
			write(cyrillic[r])
		case latinMarked[r] != "":
			write(latinMarked[r])
		case apostrophe(r) || unicode.Is(unicode.Mn, r):
			// Combining marks (a decomposed "й" or "ё") and apostrophes
			// belong to the letter before them.
		default:
			pending = true
		}
	}
	return b.String()
}

// rewrites are the spelling variants Skeleton collapses, longest first
// where one contains another. Applied to a word until nothing changes.
var rewrites = strings.NewReplacer(
	"shch", "sh", "sch", "sh",
	"dzh", "j", "dj", "j", "zh", "j",
	"kh", "h", "gh", "g", "ph", "f", "ck", "k",
	"tz", "c", "ts", "c",
	"q", "k", "x", "ks", "y", "i",
)

// Skeleton collapses spelling variants in s, word by word: see the package
// documentation. s is expected in the form of Latin; anything else is
// passed through Latin first.
func Skeleton(s string) string {
	words := strings.Fields(Latin(s))
	for i, w := range words {
		words[i] = skeletonWord(w)
	}
	return strings.Join(words, " ")
}

// skeletonWord applies the rewrites to a word of ASCII letters and digits
// until it no longer changes. This terminates: every rewrite shortens the
// word, except y->i and q->k (which remove a y or q, and nothing makes
// one) and x->ks (which removes an x, and nothing makes one).
func skeletonWord(w string) string {
	for {
		next := collapseRuns(eVowel(rewrites.Replace(w)))
		if next == w {
			return w
		}
		w = next
	}
}

// eVowel turns "ie" at the start of a word or after a vowel into "e":
// Yermek/Ermek, Sergeyev/Sergeev.
func eVowel(w string) string {
	if !strings.Contains(w, "ie") {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for i := 0; i < len(w); i++ {
		if w[i] == 'i' && i+1 < len(w) && w[i+1] == 'e' && (i == 0 || vowel(w[i-1])) {
			continue // drop the i
		}
		b.WriteByte(w[i])
	}
	return b.String()
}

func vowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// collapseRuns turns runs of one letter into a single letter; digits stay
// as they are ("2000").
func collapseRuns(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] && w[i] >= 'a' && w[i] <= 'z' {
			continue
		}
		b.WriteByte(w[i])
	}
	return b.String()
}

// Key returns the comparable form of s: Skeleton(Latin(s)). Words are
// separated by single spaces; the key of a text made of parts joined by
// spaces is the keys of the parts joined by spaces.
func Key(s string) string { return Skeleton(s) }

// PersonKey is the search key of a person: the key of their given name,
// family name and city, which package search matches query words with.
func PersonKey(given, family, city string) string {
	return Key(given + " " + family + " " + city)
}

// Words returns the words of Key(s).
func Words(s string) []string { return strings.Fields(Key(s)) }
