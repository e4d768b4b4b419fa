// Package locales holds the bot's texts, one go-i18n message file per
// language, embedded in the binary, and renders flows' messages in a
// language. Adding a language is adding one file that passes Check.
package locales

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"spreekuurbot/flows"
)

// Source is the language every other file is checked against: simple Dutch.
const Source = "nl"

//go:embed *.toml
var embedded embed.FS

// Catalog is the set of loaded languages.
type Catalog struct {
	langs      []string
	files      map[string]*file
	localizers map[string]*i18n.Localizer
}

type file struct {
	name     string
	content  string
	messages map[string]*i18n.Message
	rtl      bool
}

// Load reads the embedded message files.
func Load() (*Catalog, error) {
	return LoadFS(embedded, "locales")
}

// LoadDir reads the message files in dir, for checking files before they
// are built in.
func LoadDir(dir string) (*Catalog, error) {
	return LoadFS(os.DirFS(dir), dir)
}

// LoadFS reads every *.toml file at the root of fsys; dir names them in
// error messages.
func LoadFS(fsys fs.FS, dir string) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, fmt.Errorf("list locale files: %w", err)
	}
	bundle := i18n.NewBundle(language.Dutch)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &Catalog{files: map[string]*file{}, localizers: map[string]*i18n.Localizer{}}
	for _, name := range names {
		content, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path.Join(dir, name), err)
		}
		where := path.Join(dir, name)
		mf, err := bundle.ParseMessageFileBytes(content, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		lang := strings.TrimSuffix(name, ".toml")
		base, _ := mf.Tag.Base()
		if mf.Tag.String() != lang || base.String() != lang {
			return nil, fmt.Errorf("%s: file name must be a base language code such as nl.toml", where)
		}
		f := &file{name: where, content: string(content), messages: map[string]*i18n.Message{}, rtl: rightToLeft(mf.Tag)}
		for _, m := range mf.Messages {
			f.messages[m.ID] = m
		}
		c.files[lang] = f
		c.langs = append(c.langs, lang)
		c.localizers[lang] = i18n.NewLocalizer(bundle, lang)
	}
	if _, ok := c.files[Source]; !ok {
		return nil, fmt.Errorf("%s: the source language file %s.toml is missing", dir, Source)
	}
	// Dutch first (the city's language), then English, then the others
	// alphabetically: a stable order for the language picker.
	sort.Slice(c.langs, func(i, j int) bool {
		ri, rj := rank(c.langs[i]), rank(c.langs[j])
		if ri != rj {
			return ri < rj
		}
		return c.langs[i] < c.langs[j]
	})
	return c, nil
}

func rank(lang string) int {
	switch lang {
	case Source:
		return 0
	case "en":
		return 1
	}
	return 2
}

// rightToLeft reports whether the language's usual script runs right to
// left.
func rightToLeft(tag language.Tag) bool {
	script, _ := tag.Script()
	switch script.String() {
	case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm":
		return true
	}
	return false
}

// Languages returns the language codes, Dutch first.
func (c *Catalog) Languages() []string { return slices.Clone(c.langs) }

// RightToLeft reports whether lang is written right to left.
func (c *Catalog) RightToLeft(lang string) bool {
	f, ok := c.files[lang]
	return ok && f.rtl
}

// Unicode bidirectional controls. An isolate keeps a Latin name or a number
// inside Arabic text from reordering the punctuation around it; a
// right-to-left mark at the start of a line makes the line right to left
// even when it begins with a Latin word such as "DigiD" or "/start".
const (
	firstStrongIsolate = "\u2068"
	popIsolate         = "\u2069"
	rightToLeftMark    = "\u200f"
)

// Text renders m in lang (or in m.Lang when set). A message missing in lang
// falls back to Dutch; Check makes sure that does not happen in a release.
func (c *Catalog) Text(lang string, m flows.Msg) string {
	if m.Lang != "" {
		lang = m.Lang
	}
	f, ok := c.files[lang]
	if !ok {
		lang, f = Source, c.files[Source]
	}
	data := m.Args
	if f.rtl && len(m.Args) > 0 {
		data = make(map[string]any, len(m.Args))
		for k, v := range m.Args {
			data[k] = firstStrongIsolate + fmt.Sprint(v) + popIsolate
		}
	}
	s, err := c.localizers[lang].Localize(&i18n.LocalizeConfig{MessageID: string(m.ID), TemplateData: data, PluralCount: m.Count})
	if err != nil && s == "" {
		return string(m.ID)
	}
	if f.rtl {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if l != "" {
				lines[i] = rightToLeftMark + l
			}
		}
		s = strings.Join(lines, "\n")
	}
	return s
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// Check proves the catalog complete: every ID exists in every language,
// with every plural form the language needs for whole numbers and the
// source's placeholders, and no file holds a key that no code uses. The
// error names the file and the line of the first problem.
func (c *Catalog) Check(ids []flows.MsgID) error {
	want := map[string]bool{}
	for _, id := range ids {
		want[string(id)] = true
	}
	src := c.files[Source]
	for _, lang := range c.langs {
		f := c.files[lang]
		for _, id := range sortedKeys(f.messages) {
			if !want[id] {
				return fmt.Errorf("%s:%d: key %q is not used by the bot; remove it", f.name, f.line(id), id)
			}
		}
		for _, id := range ids {
			m, ok := f.messages[string(id)]
			if !ok {
				return fmt.Errorf("%s: key %q is missing (it is in %s)", f.name, id, src.name)
			}
			if err := checkMessage(f, lang, m, src.messages[string(id)]); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkMessage(f *file, lang string, m, src *i18n.Message) error {
	if src == nil {
		return fmt.Errorf("%s:%d: key %q is missing in the source file %s.toml", f.name, f.line(m.ID), m.ID, Source)
	}
	wantArgs := placeholders(src.Other)
	forms := formsOf(m)
	if isPlural(src) {
		for _, form := range pluralForms(lang) {
			if forms[form] == "" {
				return fmt.Errorf("%s:%d: key %q needs the plural form %q", f.name, f.line(m.ID), m.ID, form)
			}
		}
	}
	for form, text := range forms {
		if text == "" {
			continue
		}
		got := placeholders(text)
		for name := range got {
			if !wantArgs[name] {
				return fmt.Errorf("%s:%d: key %q (%s) has placeholder {{.%s}}, which %s.toml does not have", f.name, f.line(m.ID), m.ID, form, name, Source)
			}
		}
		// The "other" form must show every argument; a singular form may
		// say "one place" instead of "1 place".
		if form == "other" {
			for name := range wantArgs {
				if !got[name] {
					return fmt.Errorf("%s:%d: key %q (%s) lacks placeholder {{.%s}}", f.name, f.line(m.ID), m.ID, form, name)
				}
			}
		}
	}
	if forms["other"] == "" {
		return fmt.Errorf("%s:%d: key %q has no text", f.name, f.line(m.ID), m.ID)
	}
	return nil
}

func formsOf(m *i18n.Message) map[string]string {
	return map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other}
}

func isPlural(m *i18n.Message) bool {
	return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

func placeholders(s string) map[string]bool {
	out := map[string]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out[m[1]] = true
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// line finds where key is defined, for error messages.
func (f *file) line(key string) int {
	for i, l := range strings.Split(f.content, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, key+" ") || strings.HasPrefix(l, key+"=") || l == "["+key+"]" {
			return i + 1
		}
	}
	return 1
}
