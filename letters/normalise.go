package letters

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// fold lower-cases s and strips its diacritics (vóór → voor, ë → e), so
// that OCR output and typed text compare with the data regardless of
// accents the OCR may or may not have seen.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		// Only invalid input can fail here; lower-casing alone still helps.
		out = s
	}
	return strings.ToLower(out)
}

// dehyphenate joins words broken over a line end ("dwang-\nbevel"), which
// letters and OCR both produce.
func dehyphenate(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '-' && i > 0 && isLetter(rune(s[i-1])) {
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
				j++
			}
			if j < len(s) && s[j] == '\n' {
				k := j + 1
				for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
					k++
				}
				if k < len(s) && s[k] >= 'a' && s[k] <= 'z' {
					i = k - 1
					continue
				}
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' }

// words splits a folded line into the words the keywords are matched
// against. Anything but a letter or digit separates words, so
// "ww-uitkering" is "ww uitkering" on both sides. Inside a word mostly of
// letters, the OCR's usual confusions are undone: 0 → o, 1 | ! → l, and
// rn → m (the data goes through the same function, so "rn" in a real word
// compares equal on both sides).
func words(line string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			out = append(out, fixWord(line[start:end]))
			start = -1
		}
	}
	for i, r := range line {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '|' || r == '!' {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(line))
	return out
}

// fixWord undoes OCR confusions in a word that is mostly letters; a
// number stays a number.
func fixWord(w string) string {
	letters, other := 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
		} else {
			other++
		}
	}
	if letters < 2 || letters <= other {
		return w
	}
	w = strings.NewReplacer("0", "o", "1", "l", "|", "l", "!", "l").Replace(w)
	return strings.ReplaceAll(w, "rn", "m")
}

// normalise turns a letter's text into folded lines of words.
func normalise(text string) [][]string {
	text = dehyphenate(fold(text))
	var lines [][]string
	for line := range strings.SplitSeq(text, "\n") {
		if ws := words(line); len(ws) > 0 {
			lines = append(lines, ws)
		}
	}
	return lines
}

// phrase normalises a keyword from the data the same way as the text.
func phrase(s string) []string { return words(fold(s)) }
