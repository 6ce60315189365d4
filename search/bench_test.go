package search_test

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/search"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

// The benchmark's community: fictional names combined from these lists,
// in Cyrillic and Latin letters, in a handful of cities.
var (
	benchGiven = []string{
		"Айгерім", "Гүлнара", "Әсел", "Динара", "Жанар", "Мөлдір", "Ақбота", "Салтанат", "Аружан", "Айнұр",
		"Назерке", "Жұлдыз", "Дана", "Сәуле", "Меруерт", "Шынар", "Ермек", "Нұрлан", "Асқар", "Бауыржан",
		"Ерлан", "Дәурен", "Қайрат", "Арман", "Айдос", "Данияр", "Ғалым", "Жандос", "Мұрат", "Талғат",
		"Анна", "Елена", "Ольга", "Татьяна", "Ирина", "Мария", "Юлия", "Алексей", "Дмитрий", "Сергей",
		"Aigerim", "Madina", "Aruzhan", "Timur", "Ernar", "Arman", "Dana", "Nurlan", "Asel", "Zhanna",
	}
	benchFamily = []string{
		"Ахметов", "Әбенов", "Жұмабаев", "Сейітов", "Омаров", "Исаев", "Тоқтаров", "Байжанов", "Қасымов",
		"Серікбаев", "Нұрғалиев", "Ғабдуллин", "Мұхамеджанов", "Оспанов", "Ержанов", "Тілеубаев", "Әлиев",
		"Құрманов", "Бейсенов", "Кенжебаев", "Үсенов", "Өтепов", "Раһимов", "Жақыпов", "Сәрсенбаев",
		"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
		"Ким", "Пак", "Цой", "Ли", "Тен", "Хван",
		"Seitov", "Omarov", "Qasymov", "Ospanov", "Kim", "Akhmetov", "Iskakov", "Bekov", "Sadykov", "Tokayev",
	}
	benchCities = []string{
		"Алматы", "Алматы", "Алматы", "Almaty", "Almaty", "Астана", "Astana", "Шымкент", "Караганда",
		"Усть-Каменогорск", "Ust-Kamenogorsk", "Талгар", "Қонаев", "Каскелен", "Павлодар", "Актобе",
	}
	benchBios = []string{
		"Люблю петь и рисовать, хожу в хор по субботам.",
		"Ән айтқанды және би билегенді ұнатамын.",
		"I like cooking, board games and long walks in the mountains.",
		"Занимаюсь керамикой и плаванием, ищу друзей для прогулок.",
		"Спорт, музыка, волонтёрство в фонде.",
		"Тоқымашылық пен кітап оқу — менің хоббиім.",
		"",
	}
	benchTags = []string{"singing", "dance", "drawing", "cooking", "sport", "reading", "music", "crafts", "chess", "walks", "theatre", "volunteering"}
)

// benchQueries are two-word queries of the kind people type: a given name
// and the start of a family name, in either script, some with a typo.
var benchQueries = []string{
	"Aigerim Omar", "Айгерім Ахмет", "Nurlan Kim", "Нурлан Сейит", "Gulnara Kasym", "Гульнара Иван",
	"Ermek Ospan", "Ермек Жұма", "Dana Seitov", "Дана Бейсен", "Zhanar Baizhan", "Жанар Ержан",
	"Asel Omarova", "Әсел Тоқтар", "Timur Iskak", "Тимур Смирн", "Madina Bekova", "Мадина Кузнец",
	"Aruzhan Kenzhe", "Аружан Попов", "Sergei Ivanov", "Сергей Иванов", "Elena Petrova", "Елена Соколов",
	"Aigerm Kasymova", "Nurlna Omarov", "Arman Tokayev", "Арман Цой", "Saltanat Rakhim", "Салтанат Раһим",
}

// BenchmarkSearch measures searchPeople over 100,000 people on PostgreSQL:
// a two-word query with a city filter, as a member, by 20 clients at once.
// It reports the latency percentiles of one search (ranked IDs, count and
// the page of people). It needs BIRGE_TEST_DATABASE_URL (make bench sets
// it).
func BenchmarkSearch(b *testing.B) {
	server := os.Getenv(testdb.EnvURL)
	if server == "" {
		b.Skip(testdb.EnvURL + " is not set: the search benchmark runs on PostgreSQL")
	}
	const people = 100_000
	db := benchDatabase(b, server)
	ctx := viewer.SystemContext(context.Background())
	start := time.Now()
	me := benchPopulate(b, ctx, db, people)
	b.Logf("%d people written in %v", people, time.Since(start).Round(time.Millisecond))
	if _, err := db.SQL.ExecContext(ctx, "VACUUM ANALYZE"); err != nil {
		b.Fatal(err)
	}
	member := viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 1, PersonID: me, Role: viewer.RoleMember})

	// As the API searches: tags kept by a Searcher.
	searcher := search.New(db.Client, nil)
	do := func(i int) error {
		first := 20
		q := search.Query{Text: benchQueries[i%len(benchQueries)], City: "Almaty"}
		_, err := searcher.People(member, q, search.Page{First: &first, Count: true})
		return err
	}
	// 20 clients at once, each sending its next search as soon as the
	// last is answered (the server saturated); 20 clients each searching
	// ten times a second (200 searches a second); one client alone, for
	// the cost of a search without waiting.
	b.Run("two-words-city-20-clients", func(b *testing.B) { benchClients(b, db, 20, 0, do) })
	b.Run("two-words-city-20-clients-10-per-s", func(b *testing.B) { benchClients(b, db, 20, 100*time.Millisecond, do) })
	b.Run("two-words-city-1-client", func(b *testing.B) { benchClients(b, db, 1, 0, do) })
}

// benchClients runs b.N calls of do on clients goroutines at once, each
// starting a call every pace (0: as soon as the last one ends), and reports
// the latency percentiles of one call.
//
// It also reports the CPU time one call costs, in this process and in the
// PostgreSQL server's processes of the database (when they run on this
// host, as in `make bench`): unlike latencies, it does not depend on what
// else the machine is doing.
func benchClients(b *testing.B, db *database.DB, clients int, pace time.Duration, do func(i int) error) {
	cpu0 := cpuTime(db)
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for c := range clients {
		wg.Go(func() {
			// Clients start spread over one pace, not all at once.
			tick := time.Now().Add(pace * time.Duration(c) / time.Duration(clients))
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				if pace > 0 {
					time.Sleep(time.Until(tick))
					tick = tick.Add(pace)
				}
				t0 := time.Now()
				err := do(i)
				lat[i] = time.Since(t0)
				if err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	if cpu0 >= 0 {
		if cpu1 := cpuTime(db); cpu1 >= 0 {
			b.ReportMetric(float64((cpu1-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		}
	}
}

// cpuTime is the CPU time used so far by this process and by the
// PostgreSQL processes serving db, or -1 if it cannot be read (not Linux,
// or a server on another host).
func cpuTime(db *database.DB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	total := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	rows, err := db.SQL.Query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
	if err != nil {
		return -1
	}
	defer rows.Close()
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			return -1
		}
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return -1
		}
		// Fields 14 and 15 (utime, stime) in clock ticks, after the
		// command name in parentheses.
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) < 13 {
			return -1
		}
		var ut, st int64
		fmt.Sscan(f[11], &ut)
		fmt.Sscan(f[12], &st)
		total += time.Duration(ut+st) * (time.Second / 100) // USER_HZ is 100 on Linux
	}
	return total
}

// benchDatabase creates a scratch PostgreSQL database for the benchmark,
// with a pool as large as the server's default (20 connections), migrated,
// and drops it when the benchmark ends.
func benchDatabase(b *testing.B, server string) *database.DB {
	b.Helper()
	db, err := database.Open(testdb.Postgres(b, server), database.Options{MaxOpenConns: 20})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	return db
}

// benchPopulate writes n fictional people with profiles and interests, in
// batches of 1000, and returns the ID of one of them, a member to search
// as.
func benchPopulate(b testing.TB, ctx context.Context, db *database.DB, n int) int {
	b.Helper()
	c := db.Client
	r := mrand.New(mrand.NewPCG(2026, 100_000))
	tags := make([]int, len(benchTags))
	for i, s := range benchTags {
		tags[i] = c.Interest.Create().SetSlug(s).SetLabelKk(s).SetLabelRu(s).SetLabelEn(s).SaveX(ctx).ID
	}
	levels := []visibility.Level{visibility.Community, visibility.Community, visibility.Community, visibility.Public, visibility.Connections}
	const batch = 1000
	var first int
	for done := 0; done < n; done += batch {
		pb := make([]*ent.PersonCreate, 0, batch)
		for range min(batch, n-done) {
			given := benchGiven[r.IntN(len(benchGiven))]
			family := benchFamily[r.IntN(len(benchFamily))]
			if strings.HasSuffix(family, "ов") || strings.HasSuffix(family, "ев") || strings.HasSuffix(family, "ин") {
				if r.IntN(2) == 0 {
					family += "а"
				}
			}
			ints := []int{tags[r.IntN(len(tags))], tags[r.IntN(len(tags))]}
			pb = append(pb, c.Person.Create().
				SetGivenName(given).SetFamilyName(family).
				SetCity(benchCities[r.IntN(len(benchCities))]).
				SetListedInDirectory(r.IntN(100) < 85).
				SetProfileVisibility(levels[r.IntN(len(levels))]).
				AddInterestIDs(slices.Compact(slices.Sorted(slices.Values(ints)))...))
		}
		ps, err := c.Person.CreateBulk(pb...).Save(ctx)
		if err != nil {
			b.Fatalf("people: %v", err)
		}
		if first == 0 {
			first = ps[0].ID
		}
		prs := make([]*ent.ProfileCreate, len(ps))
		for i, p := range ps {
			prs[i] = c.Profile.Create().SetPersonID(p.ID).SetBio(benchBios[r.IntN(len(benchBios))]).SetLanguages([]string{"kk", "ru"})
		}
		if err := c.Profile.CreateBulk(prs...).Exec(ctx); err != nil {
			b.Fatalf("profiles: %v", err)
		}
	}
	return first
}
