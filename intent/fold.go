package intent

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// stripMarks decomposes a text, drops its combining marks and composes it
// again: é → e, ą → a, й → и, ї → і, and in Arabic the harakat, shadda,
// sukun and the hamza or madda written on a letter (أ إ آ → ا, ؤ → و,
// ئ → ي).
var stripMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// letters maps what is left after stripMarks to one spelling, so that a
// word typed on another keyboard, or as people commonly write it, compares
// equal to the data.
var letters = map[rune]string{
	// Latin letters that do not decompose.
	'ı': "i", 'ł': "l", 'ø': "o", 'đ': "d", 'ß': "ss", 'æ': "ae", 'œ': "oe",
	// Arabic: alef wasla, alef maqsura and taa marbuta as most people type
	// them; Persian yeh and kaf. A hamza on its own stays: without it ماء
	// (water) would be ما (what).
	'ٱ': "ا", 'ى': "ي", 'ة': "ه", 'ی': "ي", 'ک': "ك",
	'\u0640': "", // tatweel, which only stretches a word
	// Ukrainian as it is also typed on a Russian keyboard or spelled the
	// Russian way: і ї и ы, є е э, ґ г are one letter each here.
	'і': "и", 'ы': "и", 'є': "е", 'э': "е", 'ґ': "г", 'ё': "е",
	// Apostrophes inside a word (Ukrainian м'ясо, Somali su'aal, Dutch
	// auto's) join it rather than split it.
	'\'': "", '’': "", 'ʼ': "", '`': "", '´': "",
}

// ethiopic folds the Tigrinya letters that sound alike and are written
// either way: the ሠ series as the ሰ series, the ፀ series as the ጸ series.
func ethiopic(r rune) rune {
	switch {
	case r >= 'ሠ' && r <= 'ሧ':
		return r - 'ሠ' + 'ሰ'
	case r >= 'ፀ' && r <= 'ፆ':
		return r - 'ፀ' + 'ጸ'
	}
	return r
}

// fold lowers the case of s and folds away what people type differently:
// diacritics, Arabic vowel signs and hamza forms, tatweel, the letters
// above, Eastern Arabic digits.
func fold(s string) string {
	s = strings.ToLower(s)
	if out, _, err := transform.String(stripMarks, s); err == nil {
		s = out
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '٠' && r <= '٩':
			b.WriteRune('0' + r - '٠')
		case r >= '۰' && r <= '۹':
			b.WriteRune('0' + r - '۰')
		default:
			if m, ok := letters[r]; ok {
				b.WriteString(m)
				continue
			}
			b.WriteRune(ethiopic(r))
		}
	}
	return b.String()
}

// words splits a folded text into words: anything but a letter or a digit
// separates them (the Ethiopic word space too).
func words(folded string) []string {
	return strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// arabicPrefixes are the clitics written onto an Arabic word: the article
// and the conjunctions and prepositions joined to it, longest first.
var arabicPrefixes = []string{"وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل"}

// variants are the forms of a typed word to compare with the data: the
// word itself and, for an Arabic word, the word without the clitics on its
// front (الطرد, والطرد → طرد).
func variants(w string) []string {
	out := []string{w}
	if !isArabic(w) {
		return out
	}
	for _, p := range arabicPrefixes {
		if rest, ok := strip(w, p); ok {
			out = append(out, rest)
		}
	}
	return out
}

// stem is a word of the data as it is compared: an Arabic word without its
// article (الإيجار → ايجار), which variants also takes off the typed word.
// A single letter is not taken off the data: ب in بطاقة (card) is not a
// preposition.
func stem(w string) string {
	if !isArabic(w) {
		return w
	}
	for _, p := range arabicPrefixes {
		if utf8.RuneCountInString(p) == 1 {
			break
		}
		if rest, ok := strip(w, p); ok {
			return rest
		}
	}
	return w
}

// strip takes clitic p off the front of w when enough of a word is left:
// at least three letters (a root) after a one-letter clitic, two after
// the article.
func strip(w, p string) (string, bool) {
	rest, ok := strings.CutPrefix(w, p)
	need := 2
	if utf8.RuneCountInString(p) == 1 {
		need = 3
	}
	return rest, ok && utf8.RuneCountInString(rest) >= need
}

func isArabic(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.Is(unicode.Arabic, r)
}

// script classifies the first letter of w, for the rules that depend on
// how much one letter carries.
func script(w []rune) *unicode.RangeTable {
	switch {
	case len(w) == 0 || w[0] < 0x250:
		return unicode.Latin
	case unicode.Is(unicode.Ethiopic, w[0]):
		return unicode.Ethiopic
	}
	return nil
}
