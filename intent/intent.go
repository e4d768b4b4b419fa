// Package intent finds where the words a resident types point: a letter's
// kind or sender, Woningnet, the spreekuur times, booking, and the other
// places the bot can take them. The words per language are data
// (locales/keywords.<lang>.toml); this package only compares, tolerantly:
// case and diacritics folded, Arabic normalised (hamza forms, alef maqsura,
// taa marbuta, harakat, tatweel, the article and joined prepositions),
// Ukrainian and Polish letters folded, a typo in a word of 5 letters or
// more and two from 8, endings and Dutch compounds, and the Dutch words
// copied from a letter counted in every language.
//
// It keeps nothing: the text it is given is folded, compared and dropped.
package intent

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"

	"spreekuurbot"
	"spreekuurbot/internal/typo"
)

// MaxResults is the most destinations Understand returns.
const MaxResults = 3

// maxWords bounds the words of a text that are compared, and maxLetters
// the letters of a word: a resident types a few words, and a
// 4,096-character text must not cost much more than a short one. New
// refuses a word of the data longer than that, which could never match.
const (
	maxWords   = 48
	maxLetters = typo.MaxLetters
)

// keep is how close to the best match another must come to be offered
// too: with "afspraak maken voor mijn brief" the appointment comes first
// and the letter second, but a single loose typo does not stand beside a
// phrase matched exactly.
const keep = 0.5

// Matcher finds destinations for typed text. It is safe for concurrent
// use and holds no text it was given.
type Matcher struct {
	byLang map[string][]phrase
	where  map[string]string
	// under lists, per destination, the destinations it lies under.
	under map[string][]string
}

// phrase is one entry of the data: its folded words and the destination
// it points to, with the data's order for ties.
type phrase struct {
	words []word
	to    string
	order int
}

// word is a folded word with the set of its letters, which rules most
// pairs of words out before their distance is computed: every letter of
// the data's word that the typed word lacks costs at least one typo.
type word struct {
	r     []rune
	set   uint64 // one bit per letter, hashed
	slack int    // letters it may lack: its typos, and one at least
}

func newWord(s string) word {
	w := word{r: []rune(s)}
	for _, r := range w.r {
		w.set |= 1 << (uint32(r) * 0x9E3779B1 >> 26)
	}
	w.slack = max(typos(w.r), 1)
	return w
}

// match scores typed word t against data word w.
func (w word) match(t word) float64 {
	if len(t.r)+w.slack < len(w.r) || bits.OnesCount64(w.set&^t.set) > w.slack {
		return 0
	}
	return wordMatch(w.r, t.r)
}

// New builds a Matcher from the keywords of every language. under lists,
// per destination, the destinations above it in the information trees
// (flows.Ancestors): when words name both, the one below says more and
// comes first ("dwangbevel van de belastingdienst" is a dwangbevel before
// it is a letter from the Belastingdienst). New refuses a language given
// twice, a phrase with no letters or digits in it and a word too long to
// be typed as one.
func New(sets []spreekuurbot.Keywords, under map[string][]string) (*Matcher, error) {
	m := &Matcher{byLang: map[string][]phrase{}, where: map[string]string{}, under: under}
	order := map[string]int{}
	for _, set := range sets {
		if _, dup := m.byLang[set.Lang]; dup {
			return nil, fmt.Errorf("intent: keywords for %q given twice", set.Lang)
		}
		list := []phrase{}
		for _, d := range set.Destinations {
			if _, ok := m.where[d.To]; !ok {
				m.where[d.To] = d.Where
			}
			if _, ok := order[d.To]; !ok {
				order[d.To] = len(order)
			}
			for _, w := range d.Words {
				ws := words(fold(w))
				if len(ws) == 0 {
					return nil, fmt.Errorf("%s: %q for %s has no letters", d.Where, w, d.To)
				}
				if len(ws) > maxPhrase {
					return nil, fmt.Errorf("%s: %q for %s has more than %d words", d.Where, w, d.To, maxPhrase)
				}
				p := phrase{to: d.To}
				for _, x := range ws {
					if utf8.RuneCountInString(x) > maxLetters {
						return nil, fmt.Errorf("%s: %q for %s has a word of more than %d letters", d.Where, w, d.To, maxLetters)
					}
					p.words = append(p.words, newWord(stem(x)))
				}
				list = append(list, p)
			}
		}
		m.byLang[set.Lang] = list
	}
	// Each language's list gets the Dutch words it does not have itself.
	// Ties go by the first language's order of destinations, the same in
	// every language.
	dutch := m.byLang[spreekuurbot.SourceLanguage]
	for lang, list := range m.byLang {
		if lang != spreekuurbot.SourceLanguage {
			seen := map[string]bool{}
			for _, p := range list {
				seen[p.key()] = true
			}
			for _, p := range dutch {
				if !seen[p.key()] {
					list = append(list, p)
				}
			}
		}
		for i := range list {
			list[i].order = order[list[i].to]
		}
		m.byLang[lang] = list
	}
	return m, nil
}

// maxPhrase bounds the words of a phrase in the data: a phrase is what a
// resident types, not a sentence of the letter.
const maxPhrase = 6

// key identifies a phrase and its destination.
func (p phrase) key() string {
	k := p.to
	for _, w := range p.words {
		k += " " + string(w.r)
	}
	return k
}

// Destinations returns every destination the data names, each with where
// it is first named ("locales/keywords.nl.toml:12"), so that the caller
// can check each exists.
func (m *Matcher) Destinations() map[string]string {
	out := make(map[string]string, len(m.where))
	for to, where := range m.where {
		out[to] = where
	}
	return out
}

// Understand returns the destinations that text in lang points to, best
// first, at most MaxResults; none when nothing fits. The words of lang
// and the Dutch words count (a Dutch word copied from a letter counts in
// any language); a language without words of its own has the Dutch.
//
// A destination scores as its best phrase: the sum of how well each of
// the phrase's words matches a typed word. Each further typed word that
// another of its phrases matches adds a little, so "huur niet betaald,
// huurachterstand" is surer than either alone. A destination below
// another that matched ranks at least as high as that one.
func (m *Matcher) Understand(lang, text string) []string {
	var forms [][]word // per typed word, its variants
	for _, w := range words(fold(text)) {
		if len(forms) == maxWords {
			break
		}
		if utf8.RuneCountInString(w) > maxLetters {
			continue // no word: a string of one letter, a link
		}
		var f []word
		for _, v := range variants(w) {
			f = append(f, newWord(v))
		}
		forms = append(forms, f)
	}
	if len(forms) == 0 {
		return nil
	}
	type score struct {
		to       string
		best     float64
		bestUsed uint64 // the typed words the best phrase matched
		used     uint64 // the typed words any of its phrases matched
		order    int
		total    float64
	}
	scores := map[string]*score{}
	list, ok := m.byLang[lang]
	if !ok {
		list = m.byLang[spreekuurbot.SourceLanguage]
	}
	for _, p := range list {
		q, used := p.match(forms)
		if q == 0 {
			continue
		}
		s := scores[p.to]
		if s == nil {
			s = &score{to: p.to, order: p.order}
			scores[p.to] = s
		}
		if q > s.best {
			s.best, s.bestUsed = q, used
		}
		s.used |= used
	}
	ranked := make([]*score, 0, len(scores))
	for _, s := range scores {
		s.total = s.best + 0.1*float64(bits.OnesCount64(s.used&^s.bestUsed))
		ranked = append(ranked, s)
	}
	// Below a destination that matched, a destination that matched too is
	// the more specific: it ranks with the higher of the two, and before.
	lift := map[string]float64{}
	for _, s := range ranked {
		for _, a := range m.under[s.to] {
			if above := scores[a]; above != nil && above.total >= s.total {
				lift[s.to] = max(lift[s.to], above.total)
			}
		}
	}
	rank := func(s *score) (float64, bool) {
		l, ok := lift[s.to]
		return max(s.total, l), ok
	}
	slices.SortFunc(ranked, func(a, b *score) int {
		ra, la := rank(a)
		rb, lb := rank(b)
		if c := cmp.Compare(rb, ra); c != 0 {
			return c
		}
		if la != lb {
			if la {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.order, b.order)
	})
	if len(ranked) == 0 {
		return nil
	}
	var out []string
	best, _ := rank(ranked[0])
	for _, s := range ranked {
		r, _ := rank(s)
		if len(out) == MaxResults || r < keep*best {
			break
		}
		out = append(out, s.to)
	}
	return out
}

// match scores the phrase against the typed words: the sum of how well
// each of its words matches a different typed word, in any order, or 0
// when one of its words is not there; and which typed words it took.
func (p phrase) match(typed [][]word) (float64, uint64) {
	var used uint64
	sum := 0.0
	for _, w := range p.words {
		best, at := 0.0, -1
		for i, forms := range typed {
			if used&(1<<i) != 0 {
				continue
			}
			for _, f := range forms {
				if q := w.match(f); q > best {
					best, at = q, i
				}
			}
		}
		if at < 0 {
			return 0, 0
		}
		used |= 1 << at
		sum += best
	}
	return sum, used
}

// How well a typed word matches a word of the data.
const (
	exact    = 1.0
	ending   = 0.9  // the data's word with an ending: eksmisj|i, tahliye|si
	compound = 0.8  // inside a longer word: huur|achterstand
	oneTypo  = 0.8  // one typo
	typos2   = 0.7  // two typos
	typoEnd  = 0.65 // a typo and an ending
)

// wordMatch scores typed word t against data word w, both folded.
func wordMatch(w, t []rune) float64 {
	if slices.Equal(w, t) {
		return exact
	}
	n := len(w)
	if len(t) > n && n >= minEnding(w) && (slices.Equal(t[:n], w) || syllableEnding(w, t)) {
		return ending
	}
	if n >= 5 && len(t) > n && contains(t, w) {
		return compound
	}
	allowed := typos(w)
	if allowed == 0 {
		return 0
	}
	switch typo.Distance(w, t, allowed) {
	case 1:
		return oneTypo
	case 2:
		if allowed == 2 {
			return typos2
		}
	}
	// A typo and an ending: the typed word begins with the data's word,
	// give or take a letter, with one typo in it (two and an ending make
	// another word: додаткова, additional, is not податковою, of tax).
	if len(t) > n {
		for _, k := range []int{n - 1, n, n + 1} {
			if k < len(t) && typo.Distance(w, t[:k], 1) <= 1 {
				return typoEnd
			}
		}
	}
	return 0
}

// minEnding is how long a data word must be to match the front of a
// longer typed word: four letters in Latin script, three in Arabic and
// Cyrillic, whose roots carry more (طرد, суд), two Ethiopic syllables
// (ገዛ, house: ገዛይ, my house).
func minEnding(w []rune) int {
	switch script(w) {
	case unicode.Latin:
		return 4
	case unicode.Ethiopic:
		return 2
	}
	return 3
}

// typos is how many typos a data word forgives: one from 5 letters, two
// from 8. An Ethiopic syllable carries a consonant and a vowel, so there
// it is one from 3 syllables and two from 6.
func typos(w []rune) int {
	n := len(w)
	if script(w) == unicode.Ethiopic {
		n = n * 5 / 3
	}
	switch {
	case n >= 8:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// syllableEnding reports whether typed word t is Ethiopic word w with an
// ending that changed the vowel of w's last syllable, as Tigrinya endings
// do: ደሞዝ (salary) and ደሞዘይ (my salary).
func syllableEnding(w, t []rune) bool {
	n := len(w)
	if script(w) != unicode.Ethiopic || !slices.Equal(t[:n-1], w[:n-1]) {
		return false
	}
	return series(t[n-1]) >= 0 && series(t[n-1]) == series(w[n-1])
}

// series is the consonant of an Ethiopic syllable (its row of eight
// vowel forms in the Unicode block), or -1.
func series(r rune) int {
	if r < 0x1200 || r > 0x135A {
		return -1
	}
	return int(r-0x1200) / 8
}

func contains(t, w []rune) bool {
	for i := 0; i+len(w) <= len(t); i++ {
		if slices.Equal(t[i:i+len(w)], w) {
			return true
		}
	}
	return false
}
