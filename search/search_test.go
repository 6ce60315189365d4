package search_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/activity"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/search"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

// world is a small directory to search, with a member and a staff viewer.
type world struct {
	t      *testing.T
	client *ent.Client
	sys    context.Context
	people map[string]*ent.Person // by "Given Family"

	member, staff, anon context.Context
	singing, dance      int // tag IDs
	spring23, autumn24  int // cohort IDs
}

type fixture struct {
	given, family, city, bio string
	listed                   bool
	profile                  visibility.Level
	languages                []string
	lookingFor               []string
	interests, activities    []string // slugs
	cohorts                  []string // "spring23", "autumn24"
}

var fixtures = []fixture{
	{given: "Дана", family: "Смотрящая", city: "Алматы", listed: true},
	{given: "Айгерім", family: "Сейітова", city: "Алматы", listed: true, bio: "Люблю петь и рисовать", interests: []string{"singing"}, cohorts: []string{"spring23"}, languages: []string{"kk", "ru"}},
	{given: "Aigerim", family: "Bekova", city: "Almaty", listed: true, cohorts: []string{"autumn24"}},
	{given: "Айгерим", family: "Нурланова", city: "Астана", listed: true},
	{given: "Маржан", family: "Айгеримова", city: "Алматы", listed: true},
	{given: "Айгерін", family: "Тоқтарова", city: "Алматы", listed: true},
	{given: "Салтанат", family: "Жұмабаева", city: "Алматы", listed: true, bio: "Дружу с Айгерим с первого курса"},
	{given: "Ермек", family: "Омаров", city: "Алматы", listed: true, bio: "I teach dance and love cooking", activities: []string{"dance"}, cohorts: []string{"spring23"}, languages: []string{"kk", "ru"}},
	{given: "Гүлнара", family: "Қасымова", city: "Усть-Каменогорск", listed: true, profile: visibility.Connections, bio: "Керамика и вышивка", languages: []string{"ru"}, cohorts: []string{"spring23"}},
	{given: "Nurlan", family: "Kim", city: "Almaty", listed: true, lookingFor: []string{"FRIENDS", "SPORT"}, languages: []string{"ru", "en"}},
	{given: "Нұрлан", family: "Ахметов", city: "Алматы", listed: false},
	{given: "Нурлан", family: "Исаев", city: "Алматы", listed: true},
	{given: "Ерлан", family: "Блокированный", city: "Алматы", listed: true},
}

func newWorld(t *testing.T) *world {
	t.Helper()
	db := testdb.Open(t)
	w := &world{t: t, client: db.Client, sys: viewer.SystemContext(context.Background()), people: map[string]*ent.Person{}}
	c, ctx := w.client, w.sys
	w.singing = c.Interest.Create().SetSlug("singing").SetLabelKk("Ән айту").SetLabelRu("Пение").SetLabelEn("Singing").SaveX(ctx).ID
	w.dance = c.Activity.Create().SetSlug("dance").SetLabelKk("Би").SetLabelRu("Танцы").SetLabelEn("Dance").SaveX(ctx).ID
	org := c.Organization.Create().SetName("Shyraq").SetKind("ASSOCIATION").SaveX(ctx)
	prog := c.Program.Create().SetName("School").SetOperatorID(org.ID).SaveX(ctx)
	mk := func(name string, start time.Time) int {
		return c.Cohort.Create().SetName(name).SetCity("Almaty").SetVenue("Centre").
			SetStartDate(start).SetEndDate(start.AddDate(0, 0, 6)).SetCapacity(15).
			SetStatus(cohort.StatusCOMPLETED).SetProgramID(prog.ID).SaveX(ctx).ID
	}
	w.spring23 = mk("Almaty, spring 2023", time.Date(2023, 4, 10, 0, 0, 0, 0, time.UTC))
	w.autumn24 = mk("Almaty, autumn 2024", time.Date(2024, 10, 7, 0, 0, 0, 0, time.UTC))
	cohorts := map[string]int{"spring23": w.spring23, "autumn24": w.autumn24}
	for _, f := range fixtures {
		pv := f.profile
		if pv == "" {
			pv = visibility.Community
		}
		b := c.Person.Create().SetGivenName(f.given).SetFamilyName(f.family).SetCity(f.city).
			SetListedInDirectory(f.listed).SetProfileVisibility(pv).SetLookingFor(f.lookingFor)
		for _, s := range f.interests {
			if s == "singing" {
				b.AddInterestIDs(w.singing)
			}
		}
		for _, s := range f.activities {
			if s == "dance" {
				b.AddActivityIDs(w.dance)
			}
		}
		p := b.SaveX(ctx)
		c.Profile.Create().SetPersonID(p.ID).SetBio(f.bio).SetLanguages(f.languages).ExecX(ctx)
		for _, co := range f.cohorts {
			c.Enrollment.Create().SetPersonID(p.ID).SetCohortID(cohorts[co]).ExecX(ctx)
		}
		w.people[f.given+" "+f.family] = p
	}
	me := w.id("Дана Смотрящая")
	// Нурлан Исаев blocked the member; the member blocked Ерлан.
	c.Connection.Create().SetRequesterID(w.id("Нурлан Исаев")).SetAddresseeID(me).
		SetStatus(connection.StatusBLOCKED).SetCreatedAt(time.Now()).ExecX(ctx)
	c.Connection.Create().SetRequesterID(me).SetAddresseeID(w.id("Ерлан Блокированный")).
		SetStatus(connection.StatusBLOCKED).SetCreatedAt(time.Now()).ExecX(ctx)
	w.member = viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 1, PersonID: me, Role: viewer.RoleMember})
	w.staff = viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 2, Role: viewer.RoleStaff})
	w.anon = context.Background()
	return w
}

func (w *world) id(name string) int {
	w.t.Helper()
	p, ok := w.people[name]
	if !ok {
		w.t.Fatalf("no fixture %q", name)
	}
	return p.ID
}

// find returns the names found for q by the viewer of ctx, in order.
func (w *world) find(ctx context.Context, q search.Query) []string {
	w.t.Helper()
	n := 100
	conn, err := search.People(ctx, w.client, q, search.Page{First: &n, Count: true})
	if err != nil {
		w.t.Fatalf("People(%+v): %v", q, err)
	}
	var out []string
	for _, e := range conn.Edges {
		out = append(out, e.Node.GivenName+" "+e.Node.FamilyName)
	}
	if conn.TotalCount != len(out) {
		w.t.Errorf("People(%+v): totalCount %d, %d edges", q, conn.TotalCount, len(out))
	}
	return out
}

func (w *world) expect(ctx context.Context, q search.Query, want ...string) {
	w.t.Helper()
	got := w.find(ctx, q)
	if !slices.Equal(got, want) {
		w.t.Errorf("People(%+v)\n got %q\nwant %q", q, got, want)
	}
}

// expectSet is expect for results whose order the test does not fix.
func (w *world) expectSet(ctx context.Context, q search.Query, want ...string) {
	w.t.Helper()
	got := w.find(ctx, q)
	slices.Sort(got)
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		w.t.Errorf("People(%+v)\n got %q\nwant %q", q, got, want)
	}
}

func TestCrossScript(t *testing.T) {
	w := newWorld(t)
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Ermek", []string{"Ермек Омаров"}},
		{"ЕРМЕК", []string{"Ермек Омаров"}},
		{"Yermek Omarov", []string{"Ермек Омаров"}},
		{"Gulnara", []string{"Гүлнара Қасымова"}},
		{"Гульнара Kasymova", []string{"Гүлнара Қасымова"}},
		{"Qasymova", []string{"Гүлнара Қасымова"}},
		{"Nurlan", []string{"Nurlan Kim", "Айгерим Нурланова"}},
		{"Нурлан", []string{"Nurlan Kim", "Айгерим Нурланова"}},
		{"Kim Nurlan", []string{"Nurlan Kim"}},
		{"Жұмабаева", []string{"Салтанат Жұмабаева"}},
		{"Zhumabaeva", []string{"Салтанат Жұмабаева"}},
		{"Jumabayeva", []string{"Салтанат Жұмабаева"}},
		{"Ust-Kamenogorsk", []string{"Гүлнара Қасымова"}},
	} {
		w.expect(w.member, search.Query{Text: c.text}, c.want...)
	}
}

func TestRanking(t *testing.T) {
	w := newWorld(t)
	// Exact names first (by family name in byte order: Latin, then
	// Cyrillic), then a prefix (Айгеримова), then a typo (Айгерін), then
	// a bio (Салтанат's mentions Айгерим).
	want := []string{
		"Aigerim Bekova", "Айгерим Нурланова", "Айгерім Сейітова",
		"Маржан Айгеримова",
		"Айгерін Тоқтарова",
		"Салтанат Жұмабаева",
	}
	for _, text := range []string{"Aigerim", "Айгерим", "айгерім", "AYGERIM"} {
		w.expect(w.member, search.Query{Text: text}, want...)
	}
	// Two words add up: an exact name and an exact city beat an exact
	// name alone; a prefix is worth less than an exact word.
	w.expect(w.member, search.Query{Text: "Aigerim Almaty"},
		"Aigerim Bekova", "Айгерім Сейітова", "Маржан Айгеримова", "Айгерін Тоқтарова", "Салтанат Жұмабаева")
}

func TestTypos(t *testing.T) {
	w := newWorld(t)
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Ermk", nil}, // four letters: too short for a typo
		{"Omarof", []string{"Ермек Омаров"}},  // a letter replaced
		{"Omarovs", []string{"Ермек Омаров"}}, // added
		{"Omrov", []string{"Ермек Омаров"}},   // dropped
		{"Oamrov", []string{"Ермек Омаров"}},  // neighbours swapped
		{"Omarvo", []string{"Ермек Омаров"}},  // swapped at the end
		{"Amarof", nil}, // two edits
		{"Sejitova", []string{"Айгерім Сейітова"}},
		{"Gulnra", []string{"Гүлнара Қасымова"}},
	} {
		w.expect(w.member, search.Query{Text: c.text}, c.want...)
	}
}

func TestTagsAndBios(t *testing.T) {
	w := newWorld(t)
	// Interest labels in every language, and their starts.
	for _, text := range []string{"singing", "sing", "пение", "Ән айту", "singign"} {
		w.expect(w.member, search.Query{Text: text}, "Айгерім Сейітова")
	}
	// Activity labels; Ермек's bio says "dance" too, the tag counts.
	for _, text := range []string{"dance", "танцы", "Би"} {
		w.expect(w.member, search.Query{Text: text}, "Ермек Омаров")
	}
	// Bios: a word's start; Гүлнара's profile is for her connections only.
	w.expect(w.member, search.Query{Text: "cook"}, "Ермек Омаров")
	w.expect(w.member, search.Query{Text: "петь"}, "Айгерім Сейітова")
	w.expect(w.member, search.Query{Text: "керамика"})
	w.expect(w.staff, search.Query{Text: "керамика"}, "Гүлнара Қасымова")
	w.expect(w.anon, search.Query{Text: "керамика"})
	// A hidden bio does not help a word either: her name matches, her bio may not.
	w.expect(w.member, search.Query{Text: "Gulnara вышивка"})
	w.expect(w.staff, search.Query{Text: "Gulnara вышивка"}, "Гүлнара Қасымова")
	// Connected, the member sees her bio.
	w.client.Connection.Create().SetRequesterID(w.id("Дана Смотрящая")).SetAddresseeID(w.id("Гүлнара Қасымова")).
		SetStatus(connection.StatusACCEPTED).SetCreatedAt(time.Now()).ExecX(w.sys)
	w.expect(w.member, search.Query{Text: "керамика"}, "Гүлнара Қасымова")
}

func TestFilters(t *testing.T) {
	w := newWorld(t)
	w.expect(w.member, search.Query{Text: "Nurlan", City: "Алматы"}, "Nurlan Kim")
	w.expect(w.member, search.Query{Text: "Nurlan", City: "Astana"}, "Айгерим Нурланова")
	w.expect(w.member, search.Query{Text: "Aigerim", CohortYear: 2024}, "Aigerim Bekova")
	w.expect(w.member, search.Query{Text: "Aigerim", CohortID: w.spring23}, "Айгерім Сейітова")
	// Гүлнара took part in spring 2023, but her course history is hidden
	// from the member.
	w.expectSet(w.member, search.Query{CohortID: w.spring23}, "Айгерім Сейітова", "Ермек Омаров")
	w.expectSet(w.staff, search.Query{CohortID: w.spring23}, "Айгерім Сейітова", "Ермек Омаров", "Гүлнара Қасымова")
	w.expect(w.member, search.Query{ActivityID: w.dance}, "Ермек Омаров")
	w.expect(w.member, search.Query{InterestID: w.singing, City: "almaty"}, "Айгерім Сейітова")
	w.expectSet(w.member, search.Query{Language: "kk"}, "Айгерім Сейітова", "Ермек Омаров")
	w.expect(w.member, search.Query{Language: "ru", Text: "Gulnara"}) // her languages are hidden too
	w.expect(w.staff, search.Query{Language: "ru", Text: "Gulnara"}, "Гүлнара Қасымова")
	w.expect(w.member, search.Query{LookingFor: "SPORT"}, "Nurlan Kim")
	w.expect(w.member, search.Query{LookingFor: "WORK"})
	w.expect(w.member, search.Query{Text: "Kim", City: "Almaty", LookingFor: "FRIENDS", Language: "en"}, "Nurlan Kim")
	w.expect(w.member, search.Query{City: "Усть-Каменогорск"}, "Гүлнара Қасымова")
	w.expect(w.member, search.Query{City: "Kamenogorsk"}, "Гүлнара Қасымова")

	for _, q := range []search.Query{
		{Language: "russian"},
		{LookingFor: "LOVE"},
		{CohortYear: 23},
		{City: "—"},
		{Text: strings.Repeat("a", search.MaxQueryChars+1)},
	} {
		_, err := search.People(w.member, w.client, q, search.Page{})
		var ae *apierror.Error
		if !errors.As(err, &ae) || ae.Code != apierror.BadUserInput {
			t.Errorf("People(%+v): err = %v, want BAD_USER_INPUT", q, err)
		}
	}
}

func TestPrivacy(t *testing.T) {
	w := newWorld(t)
	// Нұрлан Ахметов is not listed; Нурлан Исаев blocked the member; the
	// member blocked Ерлан.
	w.expect(w.member, search.Query{Text: "Нұрлан"}, "Nurlan Kim", "Айгерим Нурланова")
	w.expect(w.member, search.Query{Text: "Ахметов"})
	w.expect(w.member, search.Query{Text: "Исаев"})
	w.expect(w.member, search.Query{Text: "Ерлан"})
	w.expect(w.member, search.Query{Text: "Blokirovannyi"})
	all := w.find(w.member, search.Query{})
	for _, hidden := range []string{"Нұрлан Ахметов", "Нурлан Исаев", "Ерлан Блокированный"} {
		if slices.Contains(all, hidden) {
			t.Errorf("the member finds %s among everyone: %q", hidden, all)
		}
	}
	w.expect(w.staff, search.Query{Text: "Nurlan"},
		"Nurlan Kim", "Нұрлан Ахметов", "Нурлан Исаев", "Айгерим Нурланова")
	// Visitors see listed people with public profiles only: none here.
	w.expect(w.anon, search.Query{Text: "Nurlan"})
}

func TestPages(t *testing.T) {
	w := newWorld(t)
	q := search.Query{Text: "Aigerim"}
	all := w.find(w.member, q)
	page := func(p search.Page) ([]string, *ent.PersonConnection) {
		t.Helper()
		p.Count = true
		conn, err := search.People(w.member, w.client, q, p)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range conn.Edges {
			out = append(out, e.Node.GivenName+" "+e.Node.FamilyName)
		}
		return out, conn
	}
	two, three := 2, 3
	got, c1 := page(search.Page{First: &two})
	if !slices.Equal(got, all[:2]) || !c1.PageInfo.HasNextPage || c1.PageInfo.HasPreviousPage || c1.TotalCount != len(all) {
		t.Fatalf("first 2: %q %+v", got, c1.PageInfo)
	}
	got, c2 := page(search.Page{First: &three, After: c1.PageInfo.EndCursor})
	if !slices.Equal(got, all[2:5]) || !c2.PageInfo.HasNextPage || !c2.PageInfo.HasPreviousPage {
		t.Fatalf("next 3: %q %+v", got, c2.PageInfo)
	}
	got, c3 := page(search.Page{First: &three, After: c2.PageInfo.EndCursor})
	if !slices.Equal(got, all[5:]) || c3.PageInfo.HasNextPage {
		t.Fatalf("last page: %q %+v", got, c3.PageInfo)
	}
	got, _ = page(search.Page{Last: &two, Before: c2.PageInfo.EndCursor})
	if !slices.Equal(got, all[2:4]) {
		t.Fatalf("last 2 before the fifth: %q", got)
	}
	got, _ = page(search.Page{Last: &two})
	if !slices.Equal(got, all[len(all)-2:]) {
		t.Fatalf("last 2: %q", got)
	}
	_, err := search.People(w.member, w.client, q, search.Page{After: &ent.Cursor{ID: 1, Value: "x"}})
	var ae *apierror.Error
	if !errors.As(err, &ae) || ae.Code != apierror.BadUserInput {
		t.Errorf("foreign cursor: err = %v, want BAD_USER_INPUT", err)
	}
}

func TestRekey(t *testing.T) {
	w := newWorld(t)
	p := w.people["Айгерім Сейітова"]
	// A key written by an older textkey (or none), as a database may hold.
	w.client.Person.UpdateOneID(p.ID).SetSearchKey("").ExecX(w.sys)
	w.expect(w.member, search.Query{Text: "Seitova"})
	n, err := search.Rekey(context.Background(), w.client)
	if err != nil || n != 1 {
		t.Fatalf("Rekey = %d, %v; want 1 change", n, err)
	}
	w.expect(w.member, search.Query{Text: "Seitova"}, "Айгерім Сейітова")
	if n, err := search.Rekey(context.Background(), w.client); err != nil || n != 0 {
		t.Fatalf("Rekey again = %d, %v; want no change", n, err)
	}
}

// A Searcher keeps the tags, and a change to them through the client is
// matched by the next search.
func TestKeptTagsFollowChanges(t *testing.T) {
	w := newWorld(t)
	s := search.New(w.client, nil)
	find := func(text string) []string {
		t.Helper()
		conn, err := s.People(w.member, search.Query{Text: text}, search.Page{})
		if err != nil {
			t.Fatalf("People(%q): %v", text, err)
		}
		var out []string
		for _, e := range conn.Edges {
			out = append(out, e.Node.GivenName+" "+e.Node.FamilyName)
		}
		return out
	}
	if got := find("пение"); !slices.Equal(got, []string{"Айгерім Сейітова"}) {
		t.Fatalf("пение: %q", got)
	}
	w.client.Interest.UpdateOneID(w.singing).SetLabelRu("Хор").ExecX(w.sys)
	if got := find("хор"); !slices.Equal(got, []string{"Айгерім Сейітова"}) {
		t.Errorf("хор, after the label changed: %q", got)
	}
	if got := find("пение"); len(got) != 0 {
		t.Errorf("пение, after the label changed: %q, want none", got)
	}
	w.client.Activity.Create().SetSlug("chess").SetLabelKk("Шахмат").SetLabelRu("Шахматы").SetLabelEn("Chess").ExecX(w.sys)
	w.client.Person.UpdateOneID(w.id("Дана Смотрящая")).AddActivityIDs(
		w.client.Activity.Query().Where(activity.Slug("chess")).OnlyIDX(w.sys)).ExecX(w.sys)
	if got := find("шахматы"); !slices.Equal(got, []string{"Дана Смотрящая"}) {
		t.Errorf("шахматы, a new activity: %q", got)
	}
}
