package seed

// tag is an activity or interest: a stable slug and its labels in the
// portal's three languages.
type tag struct {
	slug, kk, ru, en string
}

// Activity slugs the plan refers to by name.
const (
	artTherapy       = "art-therapy"
	dance            = "dance"
	singing          = "singing"
	cooking          = "cooking"
	fitness          = "fitness"
	signLanguage     = "sign-language"
	computerLiteracy = "computer-literacy"
)

// activities are what the course teaches. The first five have been taught
// since the first course; sign language and computer literacy came later
// (see activitySince).
var activities = []tag{
	{artTherapy, "Арт-терапия", "Арт-терапия", "Art therapy"},
	{dance, "Би", "Танцы", "Dance"},
	{singing, "Ән салу", "Пение", "Singing"},
	{cooking, "Аспаздық", "Кулинария", "Cooking"},
	{fitness, "Фитнес", "Фитнес", "Fitness"},
	{signLanguage, "Ымдау тілі", "Жестовый язык", "Sign language"},
	{computerLiteracy, "Компьютерлік сауаттылық", "Компьютерная грамотность", "Computer literacy"},
}

// activitySince is the first year an activity was taught; activities not
// listed were taught from the start.
var activitySince = map[string]int{
	signLanguage:     2021,
	computerLiteracy: 2022,
}

// interests are what people list on their profiles.
var interests = []tag{
	{"music", "Музыка", "Музыка", "Music"},
	{"reading", "Кітап оқу", "Чтение", "Reading"},
	{"sport", "Спорт", "Спорт", "Sport"},
	{"crafts", "Қолөнер", "Рукоделие", "Crafts"},
	{"travel", "Саяхат", "Путешествия", "Travel"},
	{"it", "Ақпараттық технологиялар", "Информационные технологии", "IT"},
	{"cooking", "Тамақ әзірлеу", "Кулинария", "Cooking"},
	{"gardening", "Бағбандық", "Садоводство", "Gardening"},
	{"photography", "Фотосурет түсіру", "Фотография", "Photography"},
	{"volunteering", "Еріктілік", "Волонтёрство", "Volunteering"},
	{"theatre", "Театр", "Театр", "Theatre"},
	{"chess", "Шахмат", "Шахматы", "Chess"},
	{"languages", "Шет тілдері", "Иностранные языки", "Foreign languages"},
}

// tagIndex returns the position of slug in tags, or -1.
func tagIndex(tags []tag, slug string) int {
	for i, t := range tags {
		if t.slug == slug {
			return i
		}
	}
	return -1
}
