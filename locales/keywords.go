package locales

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/BurntSushi/toml"

	"spreekuurbot"
)

// keywordsPart names the files of words residents type:
// keywords.<lang>.toml.
const keywordsPart = "keywords"

// keywordFile is one language's keywords file.
type keywordFile struct {
	file *file
	kw   spreekuurbot.Keywords
}

// parseKeywords reads a keywords file: one key per destination, a tree
// node ID or a quoted command ("/book"), holding the words and phrases
// that point there.
func parseKeywords(where, lang, content string) (keywordFile, error) {
	f := &file{name: where, part: keywordsPart, content: content}
	var raw map[string][]string
	md, err := toml.Decode(content, &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return keywordFile{}, fmt.Errorf("%s:%d: %s", where, pe.Position.Line, pe.Message)
		}
		return keywordFile{}, fmt.Errorf("%s: %w (want: destination = [\"word\", \"a phrase\"])", where, err)
	}
	kw := spreekuurbot.Keywords{Lang: lang}
	// Decoding into raw refused anything but lists of strings: every key
	// is a destination.
	for _, key := range md.Keys() {
		to := key[0]
		words := raw[to]
		if len(words) == 0 {
			return keywordFile{}, fmt.Errorf("%s:%d: %q has no words", where, f.line(to), to)
		}
		for i, w := range words {
			if strings.TrimSpace(w) == "" {
				return keywordFile{}, fmt.Errorf("%s:%d: %q: word %d is empty", where, f.line(to), to, i+1)
			}
		}
		kw.Destinations = append(kw.Destinations, spreekuurbot.Destination{To: to, Words: words, Where: fmt.Sprintf("%s:%d", where, f.line(to))})
	}
	return keywordFile{file: f, kw: kw}, nil
}

// Keywords returns the words residents type, one set per language, in
// the catalog's order of languages.
func (c *Catalog) Keywords() []spreekuurbot.Keywords {
	var out []spreekuurbot.Keywords
	for _, lang := range c.langs {
		if k, ok := c.keywords[lang]; ok {
			out = append(out, k.kw)
		}
	}
	return out
}

// checkKeywords proves that lang has a keywords file naming the same
// destinations as the source language's, each with words. Whether a
// destination exists is the flows' to check, when the engine is built.
func (c *Catalog) checkKeywords(lang string) error {
	for other := range c.keywords {
		if c.byLang[other] == nil {
			return fmt.Errorf("%s: there is no %s.toml for this language", c.keywords[other].file.name, other)
		}
	}
	src, ok := c.keywords[Source]
	if !ok {
		return fmt.Errorf("%s: the words residents type are missing", path.Join(c.dir, keywordsPart+"."+Source+".toml"))
	}
	k, ok := c.keywords[lang]
	if !ok {
		return fmt.Errorf("%s: the words residents type are missing (copy %s and translate)", path.Join(c.dir, keywordsPart+"."+lang+".toml"), src.file.name)
	}
	have := map[string]bool{}
	for _, d := range k.kw.Destinations {
		have[d.To] = true
	}
	want := map[string]bool{}
	for _, d := range src.kw.Destinations {
		want[d.To] = true
		if !have[d.To] {
			return fmt.Errorf("%s: destination %q is missing (%s has it)", k.file.name, d.To, d.Where)
		}
	}
	for _, d := range k.kw.Destinations {
		if !want[d.To] {
			return fmt.Errorf("%s: destination %q is not in the source language's %s", d.Where, d.To, src.file.name)
		}
	}
	return nil
}
