package seed

import (
	"math/rand/v2"
	"strings"
)

// Names are built by combining common given names with common family names,
// so that no generated person stands for a real one. Family names are listed
// in their masculine form; feminine derives the other.

type gender int

const (
	female gender = iota
	male
)

// culture decides which lists a name is drawn from and which languages the
// person is likely to speak.
type culture int

const (
	kazakh  culture = iota // Kazakh names in Cyrillic, with Kazakh letters
	russian                // Russian names
	korean                 // Koryo-saram: Russian given names, Korean family names
	latin                  // Kazakh names written in Latin letters
)

var givenNames = map[culture][2][]string{
	kazakh: {
		female: {
			"Айгерім", "Гүлнара", "Әсел", "Динара", "Жанар", "Мөлдір", "Ақбота", "Салтанат",
			"Гүлмира", "Аружан", "Айнұр", "Назерке", "Жұлдыз", "Ләззат", "Дана", "Қарлығаш",
			"Сәуле", "Перизат", "Аяжан", "Інкәр", "Ұлжан", "Әйгерім", "Зуһра", "Балнұр",
			"Меруерт", "Шынар", "Үміт", "Ботагөз", "Арайлым", "Жансая", "Ақмарал", "Көркем",
		},
		male: {
			"Ермек", "Нұрлан", "Асқар", "Бауыржан", "Ерлан", "Дәурен", "Қайрат", "Арман",
			"Айдос", "Данияр", "Ғалым", "Жандос", "Мұрат", "Талғат", "Әлібек", "Ернар",
			"Ұлан", "Бекзат", "Нұржан", "Еркебұлан", "Санжар", "Мақсат", "Темірлан", "Әділет",
		},
	},
	russian: {
		female: {
			"Анна", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Мария",
			"Юлия", "Екатерина", "Людмила", "Валентина", "Оксана", "Алина", "Виктория",
		},
		male: {
			"Алексей", "Дмитрий", "Сергей", "Андрей", "Игорь", "Михаил", "Николай", "Павел",
			"Виктор", "Артём", "Денис", "Евгений",
		},
	},
	latin: {
		female: {"Aigerim", "Madina", "Aruzhan", "Dana", "Äsel", "Möldir"},
		male:   {"Timur", "Ernar", "Nūrlan", "Ğalym", "Arman"},
	},
}

var familyNames = map[culture][]string{
	kazakh: {
		"Ахметов", "Әбенов", "Жұмабаев", "Сейітов", "Омаров", "Исаев", "Тоқтаров", "Байжанов",
		"Қасымов", "Серікбаев", "Нұрғалиев", "Ғабдуллин", "Мұхамеджанов", "Оспанов", "Ержанов",
		"Тілеубаев", "Әлиев", "Құрманов", "Бейсенов", "Кенжебаев", "Үсенов", "Өтепов", "Раһимов",
		"Жақыпов", "Сәрсенбаев", "Қайыров", "Ыдырысов", "Серікұлы", "Асқарұлы", "Болатұлы",
	},
	russian: {
		"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
		"Новиков", "Фёдоров", "Морозов", "Волков", "Лебедев", "Козлов", "Павлов", "Ковальский",
		"Ильин", "Шевченко", "Бондаренко", "Юсупов", "Хасанов",
	},
	korean: {"Ким", "Пак", "Цой", "Ли", "Тен", "Хван"},
	latin:  {"Seitov", "Omarov", "Qasymov", "Ospanov", "Nūrğaliev", "Kim", "Serıkūly"},
}

// avoidedNames are combinations that the lists could produce but that
// belong to well-known public figures; the generator skips them.
var avoidedNames = map[string]bool{
	"Данияр Ахметов": true,
	"Нұрлан Ахметов": true,
}

// feminine returns the feminine form of a masculine family name: Ахметов →
// Ахметова, Ковальский → Ковальская, Серікұлы → Серікқызы, Seitov →
// Seitova. Names without gender (Ким, Шевченко) are returned unchanged.
func feminine(family string) string {
	for _, r := range []struct{ masc, fem string }{
		{"ский", "ская"}, {"цкий", "цкая"},
		{"ұлы", "қызы"}, {"ūly", "qyzy"},
	} {
		if s, ok := strings.CutSuffix(family, r.masc); ok {
			return s + r.fem
		}
	}
	for _, suffix := range []string{"ов", "ев", "ёв", "ин"} {
		if strings.HasSuffix(family, suffix) {
			return family + "а"
		}
	}
	for _, suffix := range []string{"ov", "ev", "in"} {
		if strings.HasSuffix(family, suffix) {
			return family + "a"
		}
	}
	return family
}

// nameGen draws unique full names.
type nameGen struct {
	r    *rand.Rand
	used map[string]bool
}

func newNameGen(r *rand.Rand) *nameGen {
	return &nameGen{r: r, used: map[string]bool{}}
}

// reserve marks a hand-written name as taken so that no generated person
// shares it.
func (g *nameGen) reserve(given, family string) { g.used[given+" "+family] = true }

// next returns a new person's given and family name and the culture they
// were drawn from. About seven in ten are women: the course is run by a
// women's association and most of its participants are women.
func (g *nameGen) next() (given, family string, c culture) {
	for {
		switch n := g.r.IntN(100); {
		case n < 72:
			c = kazakh
		case n < 88:
			c = russian
		case n < 94:
			c = korean
		default:
			c = latin
		}
		sex := male
		if g.r.IntN(100) < 70 {
			sex = female
		}
		givenCulture := c
		if c == korean {
			givenCulture = russian
		}
		list := givenNames[givenCulture][sex]
		given = list[g.r.IntN(len(list))]
		families := familyNames[c]
		family = families[g.r.IntN(len(families))]
		if sex == female {
			family = feminine(family)
		}
		full := given + " " + family
		if g.used[full] || avoidedNames[full] {
			continue
		}
		g.used[full] = true
		return given, family, c
	}
}
