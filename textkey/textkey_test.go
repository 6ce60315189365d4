package textkey

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLatin(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"  ", ""},
		{"Айгерім Сейітова", "aygerim seyitova"},
		{"Жанна Хасанова", "zhanna khasanova"},
		{"Гүлнара Құрманова", "gulnara kurmanova"},
		{"Ғалым Ыдырысов", "galym ydyrysov"},
		{"Әсел Өтепова", "asel otepova"},
		{"Юлия Цой", "yuliya tsoy"},
		{"Щукин, Мария", "shchukin mariya"},
		{"Äsel Möldir Nūrlan Ğalym Serıkūly", "asel moldir nurlan galym serikuly"},
		{"Şolpan", "sholpan"},
		{"Ust-Kamenogorsk", "ust kamenogorsk"},
		{"D'Artagnan", "dartagnan"},
		{"Курс 2023, весна", "kurs 2023 vesna"},
		{"Подъезд", "podezd"},
		{"и\u0306", "i"}, // a decomposed й
		{"İstanbul", "istanbul"},
		{"日本 Tokyo", "tokyo"},
	} {
		if got := Latin(c.in); got != c.want {
			t.Errorf("Latin(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Aigerim", "aigerim"},
		{"Айгерим", "aigerim"},
		{"Айгерім", "aigerim"},
		{"AYGERIM", "aigerim"},
		{"Жанна", "jana"},
		{"Zhanna", "jana"},
		{"Janna", "jana"},
		{"Dzhamilya", "jamilia"},
		{"Djamila", "jamila"},
		{"Джамиля", "jamilia"},
		{"Хасан", "hasan"},
		{"Khasan", "hasan"},
		{"Hasan", "hasan"},
		{"Ермек", "ermek"},
		{"Yermek", "ermek"},
		{"Сергеев", "sergev"},
		{"Sergeyev", "sergev"},
		{"Дмитрий", "dmitri"},
		{"Dmitriy", "dmitri"},
		{"Dmitrii", "dmitri"},
		{"Мария", "maria"},
		{"Mariya", "maria"},
		{"Юлия", "iulia"},
		{"Yulia", "iulia"},
		{"Iuliia", "iulia"},
		{"Цой", "coi"},
		{"Tsoy", "coi"},
		{"Қайрат", "kairat"},
		{"Qairat", "kairat"},
		{"Kayrat", "kairat"},
		{"Ғалым", "galim"},
		{"Ghalym", "galim"},
		{"Ğalym", "galim"},
		{"Шолпан", "sholpan"},
		{"Şolpan", "sholpan"},
		{"Ксения", "ksenia"},
		{"Xenia", "ksenia"},
		{"Филипп", "filip"},
		{"Philipp", "filip"},
		{"Щукин", "shukin"},
		{"Shchukin", "shukin"},
		{"Нұрлан", "nurlan"},
		{"Nūrlan", "nurlan"},
		{"Гүлнара", "gulnara"},
		{"Gulnara", "gulnara"},
		{"Алматы", "almati"},
		{"Almaty", "almati"},
		{"Курс 2000", "kurs 2000"},
		{"  Anna --  Ivanova ", "ana ivanova"},
	} {
		if got := Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestKeyMeets lists spellings of one name that must meet.
func TestKeyMeets(t *testing.T) {
	for _, group := range [][]string{
		{"Aigerim", "Айгерим", "Айгерім", "Aygerim", "AIGERIM", "aigerim"},
		{"Ermek", "Ермек", "Yermek"},
		{"Gulnara", "Гүлнара", "Гульнара", "Gülnara"},
		{"Nurlan", "Нурлан", "Нұрлан", "Nūrlan"},
		{"Ainur", "Айнұр", "Aynur"},
		{"Zhuldyz", "Жұлдыз", "Juldyz", "Zhuldiz"},
		{"Laura Kim", "Лаура Ким"},
		{"Natalya", "Наталья", "Natalia", "Nataliya"},
		{"Tatyana", "Татьяна", "Tatiana"},
		{"Yevgeny", "Евгений", "Yevgeniy", "Evgeniy"},
		{"Artyom", "Artiom"},
		{"Kasymov", "Қасымов", "Qasymov"},
		{"Nurgaliev", "Нұрғалиев", "Nūrğaliev", "Nurghaliev"},
		{"Ust-Kamenogorsk", "Усть-Каменогорск"},
	} {
		want := Key(group[0])
		for _, s := range group[1:] {
			if got := Key(s); got != want {
				t.Errorf("Key(%q) = %q, want %q (as Key(%q))", s, got, want, group[0])
			}
		}
	}
}

func TestWords(t *testing.T) {
	got := Words("Айгерім  Сейітова, Алматы")
	want := []string{"aigerim", "seitova", "almati"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

// TestKeyOfParts checks what the search key hook relies on: the key of
// parts joined by spaces is the keys of the parts joined by spaces.
func TestKeyOfParts(t *testing.T) {
	parts := []string{"Ye", "Iesenia", "Алматы"}
	joined := Key(strings.Join(parts, " "))
	var keys []string
	for _, p := range parts {
		keys = append(keys, Key(p))
	}
	if joined != strings.Join(keys, " ") {
		t.Errorf("Key(joined) = %q, keys joined = %q", joined, strings.Join(keys, " "))
	}
}

// checkKey reports what is wrong with k as the output of Key or Skeleton.
func checkKey(t *testing.T, in, k string) {
	t.Helper()
	if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
		t.Fatalf("Key(%q) = %q: stray spaces", in, k)
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ') {
			t.Fatalf("Key(%q) = %q: byte %q is not a lower-case ASCII letter, digit or space", in, k, c)
		}
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{
		"", "Aigerim", "Айгерім Сейітова", "Жанна-Хасанова", "Ğalym Serıkūly", "x y q",
		"kkh", "iie", "yyeye", "shshch", "dzzh", "и\u0306", "\xff\xfe", "İ", "ǅ", "Σ", "2000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		checkKey(t, s, k)
		if kk := Key(k); kk != k {
			t.Fatalf("Key(Key(%q)) = %q, want %q", s, kk, k)
		}
		if sk := Skeleton(k); sk != k {
			t.Fatalf("Skeleton(Key(%q)) = %q, want %q", s, sk, k)
		}
		l := Latin(s)
		checkKey(t, s, l)
		if ll := Latin(l); ll != l {
			t.Fatalf("Latin(Latin(%q)) = %q, want %q", s, ll, l)
		}
		if Skeleton(l) != k {
			t.Fatalf("Skeleton(Latin(%q)) = %q, want Key = %q", s, Skeleton(l), k)
		}
		if !utf8.ValidString(k) {
			t.Fatalf("Key(%q) is not valid UTF-8", s)
		}
	})
}
