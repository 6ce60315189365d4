package seed

import (
	"slices"
	"time"

	"github.com/shyraq/birge/ent/organization"
)

// Organization names the plan refers to. All are fictional.
const (
	operatorName   = "Shyraq Women with Disabilities Association"
	cityOffice     = "Almaty City Social Programs Office"
	partnerName    = "Dala Foundation"
	bereke         = "Bereke Community Fund"
	steppeLight    = "Steppe Light Charitable Foundation"
	altaiBridges   = "Altai Bridges Foundation"
	kokzhiyek      = "Kokzhiyek University of Humanities"
	irtyshValley   = "Irtysh Valley University"
	tandyrCatering = "Tandyr Catering LLP"
)

type orgSpec struct {
	name, city, website, description string
	kind                             organization.Kind
}

// orgsSince is when the organizations entered the directory.
func orgsSince() time.Time { return Date(2017, time.September, 1) }

// orgIndex returns the position in orgs of the organization named name.
func orgIndex(name string) int {
	return slices.IndexFunc(orgs, func(o orgSpec) bool { return o.name == name })
}

var orgs = []orgSpec{
	{operatorName, almaty, "https://shyraq.example.org",
		"Public association of women with disabilities. Runs the School of Independent Life.",
		organization.KindASSOCIATION},
	{cityOffice, almaty, "",
		"City office that funds social programmes for residents with disabilities.",
		organization.KindGOVERNMENT},
	{partnerName, almaty, "https://dala.example.org",
		"Private foundation supporting independent living and employment of people with disabilities.",
		organization.KindFOUNDATION},
	{bereke, almaty, "https://bereke.example.org",
		"Community fund that pays for accessible transport to social and cultural events.",
		organization.KindFOUNDATION},
	{steppeLight, almaty, "",
		"Charitable foundation supporting art, music and creative therapy programmes.",
		organization.KindFOUNDATION},
	{altaiBridges, ustKamenogorsk, "https://altai-bridges.example.org",
		"Regional foundation of East Kazakhstan; partner of the course's expansion to Ust-Kamenogorsk.",
		organization.KindFOUNDATION},
	{kokzhiyek, almaty, "",
		"University whose social work students volunteer on the course; hosts the computer literacy classes.",
		organization.KindUNIVERSITY},
	{irtyshValley, ustKamenogorsk, "",
		"University in Ust-Kamenogorsk that will host the first course in East Kazakhstan.",
		organization.KindUNIVERSITY},
	{tandyrCatering, almaty, "",
		"Catering company that provides meals and ingredients for the cooking classes.",
		organization.KindBUSINESS},
}

// Cities are stored by their English names, so that people and cohorts of
// the same city match whatever language the portal is read in.
const (
	almaty         = "Almaty"
	ustKamenogorsk = "Ust-Kamenogorsk"
)

// nearbyTowns are towns of Almaty Region some participants come from.
var nearbyTowns = []string{"Kaskelen", "Talgar", "Esik", "Konaev", "Uzynagash"}

// fixedPerson is a hand-written person: a trainer, the course coordinator
// or a partner contact.
type fixedPerson struct {
	given, family, city, bio string
	languages                []string
	activities               []string // trainers: what they teach
	org                      string   // name of their organization, if any
}

// trainers lead the courses. The first is the demo trainer; the last is an
// alumna of the first course who came back to teach (see alumnaTrainer).
var trainers = []fixedPerson{
	{given: "Гүлжан", family: "Сәрсенбаева", city: almaty, languages: []string{"kk", "ru"},
		bio:        "Арт-терапевт, ведёт курс с первого набора. Рисунок, глина, коллаж.",
		activities: []string{artTherapy}},
	{given: "Ерлан", family: "Жақыпов", city: almaty, languages: []string{"kk", "ru", "en"},
		bio:        "Хореограф инклюзивного танца. Танцуем и на ногах, и на колясках.",
		activities: []string{dance}},
	{given: "Светлана", family: "Ковальская", city: almaty, languages: []string{"ru"},
		bio:        "Педагог по вокалу. Дыхание, голос, уверенность в себе.",
		activities: []string{singing}},
	{given: "Асқар", family: "Бейсенов", city: almaty, languages: []string{"kk", "ru"},
		bio:        "Аспазшы. Адаптацияланған асүйде қарапайым әрі дәмді тағамдар әзірлеуді үйретемін.",
		activities: []string{cooking}},
	{given: "Динара", family: "Тілеубаева", city: almaty, languages: []string{"kk", "ru"},
		bio:        "Инструктор адаптивной физкультуры.",
		activities: []string{fitness}},
	{given: "Айнұр", family: "Қайырова", city: almaty, languages: []string{"kk", "ru", "en"},
		bio:        "Психолог, музыкатерапевт.",
		activities: []string{singing, artTherapy}},
	{given: "Ольга", family: "Тен", city: almaty, languages: []string{"ru", "kk"},
		bio:        "Сурдопереводчик. Учу основам казахского и русского жестового языка.",
		activities: []string{signLanguage}},
	{given: "Мөлдір", family: "Өтепова", city: almaty, languages: []string{"kk", "ru", "en"},
		bio:        "Бірінші курстың түлегі. Қазір компьютерлік сауаттылықтан сабақ беремін.",
		activities: []string{computerLiteracy}},
}

// alumnaTrainer is the index in trainers of the trainer who took the first
// course as a participant.
const alumnaTrainer = 7

// coordinator runs the course for the association; the accounts step can
// give this person a staff account.
var coordinator = fixedPerson{
	given: "Жанар", family: "Әбенова", city: almaty, languages: []string{"kk", "ru", "en"},
	bio: "Координатор Школы независимой жизни.", org: operatorName,
}

// partnerContacts are the people of partner organizations. The second is
// the demo partner contact.
var partnerContacts = []fixedPerson{
	{given: "Бауыржан", family: "Кенжебаев", city: almaty, languages: []string{"kk", "ru"},
		bio: "Главный специалист отдела социальных программ.", org: cityOffice},
	{given: "Салтанат", family: "Әлиева", city: almaty, languages: []string{"kk", "ru", "en"},
		bio: "Programme officer: independent living grants.", org: partnerName},
	{given: "Наталья", family: "Морозова", city: almaty, languages: []string{"ru"},
		bio: "Менеджер программ фонда.", org: bereke},
	{given: "Ержан", family: "Құрманов", city: almaty, languages: []string{"kk", "ru"},
		org: steppeLight},
	{given: "Елена", family: "Васильева", city: ustKamenogorsk, languages: []string{"ru", "en"},
		bio: "Координатор проектов в Восточном Казахстане.", org: altaiBridges},
	{given: "Арман", family: "Серікбаев", city: almaty, languages: []string{"kk", "ru", "en"},
		bio: "Әлеуметтік жұмыс кафедрасының оқытушысы, студент еріктілерді үйлестіреді.", org: kokzhiyek},
	{given: "Гүлмира", family: "Байжанова", city: almaty, languages: []string{"kk", "ru"},
		org: tandyrCatering},
}

// demoPartnerContact is the index in partnerContacts of the demo partner.
const demoPartnerContact = 1
