package intent

import (
	"slices"
	"strings"
	"testing"

	"spreekuurbot"
)

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"case", "DWANGBEVEL Belastingdienst", "dwangbevel belastingdienst"},
		{"Dutch accents", "vóór één café", "voor een cafe"},
		{"Turkish dotless and dotted i", "TAHLİYE ışık", "tahliye isik"},
		{"Turkish letters", "çıkarıyor öğrenci şu", "cikariyor ogrenci su"},
		{"Polish letters", "Eksmisją ŁÓDŹ zaległości", "eksmisja lodz zaleglosci"},
		{"Ukrainian and Russian spelling", "виселення выселение ґанок їжа є", "виселення виселение ганок ижа е"},
		{"apostrophe joins", "м'ясо shaqo la'aan auto’s", "мясо shaqo laaan autos"},
		{"Arabic hamza forms", "أ إ آ ٱ ؤ ئ", "ا ا ا ا و ي"},
		{"Arabic harakat", "إِعَانَةُ الأَطْفَالِ", "اعانه الاطفال"},
		{"Arabic shadda and tanween", "عليّ موعدًا", "علي موعدا"},
		{"alef maqsura and taa marbuta", "متى رسالة", "متي رساله"},
		{"tatweel", "مـــوعد", "موعد"},
		{"a hamza on its own stays", "ماء", "ماء"},
		{"Eastern Arabic digits", "٢٠٢٦ ۱۲", "2026 12"},
		{"Tigrinya letters that sound alike", "ሠ ሡ ፀ ፆ", "ሰ ሱ ጸ ጾ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fold(tt.in); got != tt.want {
				t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := fold(fold(tt.in)); again != fold(tt.in) {
				t.Errorf("fold is not idempotent on %q: %q", tt.in, again)
			}
		})
	}
}

func TestWords(t *testing.T) {
	got := words(fold("Dwangbevel!! ww-uitkering, (CJIB)\n፡ገዛ፡ይደሊ"))
	want := []string{"dwangbevel", "ww", "uitkering", "cjib", "ገዛ", "ይደሊ"}
	if !slices.Equal(got, want) {
		t.Errorf("words = %q, want %q", got, want)
	}
}

func TestVariants(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"الطرد", []string{"الطرد", "طرد"}},
		{"والطرد", []string{"والطرد", "طرد", "الطرد"}},
		{"بالايجار", []string{"بالايجار", "ايجار", "الايجار"}},
		// A one-letter clitic leaves a root of three letters at least.
		{"بيت", []string{"بيت"}},
		{"dwangbevel", []string{"dwangbevel"}},
	}
	for _, tt := range tests {
		if got := variants(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("variants(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := stem("الايجار"); got != "ايجار" {
		t.Errorf("stem(الايجار) = %q", got)
	}
	if got := stem("بطاقه"); got != "بطاقه" {
		t.Errorf("stem(بطاقه) = %q: a data word keeps its first letter", got)
	}
}

// TestWordMatch: the tolerance rules, each with where it stops.
func TestWordMatch(t *testing.T) {
	tests := []struct {
		name, data, typed string
		want              float64
	}{
		{"exact", "dwangbevel", "dwangbevel", exact},
		{"an ending on four letters", "huur", "huurder", ending},
		{"no ending on three Latin letters", "dom", "domu", 0},
		{"an ending on an Arabic root", "طرد", "طردي", ending},
		{"an ending on two Tigrinya syllables", "ገዛ", "ገዛይ", ending},
		{"an ending that changed the last syllable's vowel", "ደሞዝ", "ደሞዘይ", ending},
		{"not another consonant", "ገዛ", "ገሰይ", 0},
		{"inside a compound", "achterstand", "huurachterstand", compound},
		{"not inside a word under five letters", "huur", "achterhuur", 0},
		{"one typo in five letters", "boete", "boate", oneTypo},
		{"no typo in four letters", "huur", "hour", 0},
		{"two typos in eight letters", "dwangbevel", "dwangbvl", typos2},
		{"not two typos in seven letters", "tahliye", "tahlyy", 0},
		{"not three typos", "dwangbevel", "dwngbvl", 0},
		{"a typo and an ending", "eksmisja", "eksmsjami", typoEnd},
		{"not two typos and an ending", "додаткова", "податковою", 0},
		{"unrelated", "woningnet", "belasting", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wordMatch([]rune(tt.data), []rune(tt.typed)); got != tt.want {
				t.Errorf("wordMatch(%q, %q) = %v, want %v", tt.data, tt.typed, got, tt.want)
			}
		})
	}
}

// small is a hand-made set of keywords, to test the ranking apart from
// the real data.
func small(t *testing.T) *Matcher {
	t.Helper()
	sets := []spreekuurbot.Keywords{
		{Lang: "nl", Destinations: []spreekuurbot.Destination{
			{To: "dwangbevel", Words: []string{"dwangbevel"}, Where: "nl:1"},
			{To: "ontruiming", Words: []string{"ontruiming", "uit huis gezet"}, Where: "nl:2"},
			{To: "huurachterstand", Words: []string{"huurachterstand", "huur niet betaald", "achterstand"}, Where: "nl:3"},
			{To: "energie-achterstand", Words: []string{"achterstand"}, Where: "nl:4"},
			{To: "zorg-achterstand", Words: []string{"achterstand"}, Where: "nl:5"},
			{To: "water-achterstand", Words: []string{"achterstand"}, Where: "nl:6"},
			{To: "belastingdienst", Words: []string{"belastingdienst"}, Where: "nl:7"},
			{To: "brief", Words: []string{"brief"}, Where: "nl:8"},
			{To: "/book", Words: []string{"afspraak", "afspraak maken"}, Where: "nl:9"},
			{To: "/appointments", Words: []string{"afspraak afzeggen"}, Where: "nl:10"},
		}},
		{Lang: "ar", Destinations: []spreekuurbot.Destination{
			{To: "ontruiming", Words: []string{"طرد", "إخلاء"}, Where: "ar:1"},
			{To: "/book", Words: []string{"مَوْعِد"}, Where: "ar:2"},
		}},
	}
	under := map[string][]string{"dwangbevel": {"belastingdienst", "brief"}, "ontruiming": {"brief"}, "belastingdienst": {"brief"}}
	m, err := New(sets, under)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestUnderstand(t *testing.T) {
	m := small(t)
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"a word", "nl", "Dwangbevel", []string{"dwangbevel"}},
		{"a typo", "nl", "dwangbeval", []string{"dwangbevel"}},
		{"nothing", "nl", "hallo, hoe gaat het?", nil},
		{"no words at all", "nl", " ?! ... ", nil},
		{"a phrase in any order", "nl", "ik ben uit mijn huis gezet", []string{"ontruiming"}},
		{"a phrase beats one of its words", "nl", "ik wil mijn afspraak afzeggen", []string{"/appointments", "/book"}},
		{"one word, several places: the data's order, at most three", "nl", "achterstand", []string{"huurachterstand", "energie-achterstand", "zorg-achterstand"}},
		{"the place below first", "nl", "brief van de belastingdienst: dwangbevel", []string{"dwangbevel", "belastingdienst", "brief"}},
		{"below first even when its word is weaker", "nl", "dwangbeval van de belastingdienst", []string{"dwangbevel", "belastingdienst"}},
		{"Arabic, with the article and harakat", "ar", "وصلني قرار بالطَّرْد", []string{"ontruiming"}},
		{"Arabic without hamza", "ar", "اخلاء", []string{"ontruiming"}},
		{"Arabic harakat in the data", "ar", "موعد", []string{"/book"}},
		{"Dutch inside another language", "ar", "عندي dwangbevel", []string{"dwangbevel"}},
		{"another language's words do not count", "nl", "طرد", nil},
		{"a language without words of its own has the Dutch", "de", "dwangbevel", []string{"dwangbevel"}},
		{"a loose match does not stand beside a strong one", "nl", "huur niet betaald, huurachterstand, afspraak", []string{"huurachterstand"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.Understand(tt.lang, tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Understand(%s, %q) = %q, want %q", tt.lang, tt.text, got, tt.want)
			}
		})
	}
}

// TestLongText: words past the first maxWords are not read, and a run of
// one letter is no word.
func TestLongText(t *testing.T) {
	m := small(t)
	if got := m.Understand("nl", strings.Repeat("hallo ", maxWords)+"dwangbevel"); got != nil {
		t.Errorf("a word after %d others: %q", maxWords, got)
	}
	if got := m.Understand("nl", strings.Repeat("dwangbevel", 400)+" brief"); !slices.Equal(got, []string{"brief"}) {
		t.Errorf("a 4,000-letter word: %q", got)
	}
}

func TestNewRefuses(t *testing.T) {
	dest := func(words ...string) []spreekuurbot.Destination {
		return []spreekuurbot.Destination{{To: "x", Words: words, Where: "f:1"}}
	}
	tests := []struct {
		name string
		sets []spreekuurbot.Keywords
		want string
	}{
		{"a language twice", []spreekuurbot.Keywords{{Lang: "nl", Destinations: dest("a")}, {Lang: "nl", Destinations: dest("b")}}, `"nl" given twice`},
		{"no letters", []spreekuurbot.Keywords{{Lang: "nl", Destinations: dest("?!")}}, "f:1: \"?!\" for x has no letters"},
		{"a word too long", []spreekuurbot.Keywords{{Lang: "nl", Destinations: dest(strings.Repeat("a", maxLetters+1))}}, "more than 40 letters"},
		{"a sentence", []spreekuurbot.Keywords{{Lang: "nl", Destinations: dest("ik heb een brief gekregen van de gemeente")}}, "more than 6 words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.sets, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestDestinations(t *testing.T) {
	got := small(t).Destinations()
	if len(got) != 10 || got["ontruiming"] != "nl:2" || got["/book"] != "nl:9" {
		t.Errorf("Destinations = %v", got)
	}
}
