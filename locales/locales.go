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
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"spreekuurbot"
)

// ownName is the message that holds each language's name in its own
// script, the name of last resort for a LanguageOf.
const ownName spreekuurbot.MsgID = "language_name"

// Source is the language every other file is checked against: simple Dutch.
const Source = spreekuurbot.SourceLanguage

//go:embed *.toml
var embedded embed.FS

// Catalog is the set of loaded languages.
type Catalog struct {
	// plain caches texts without arguments (most buttons and paragraphs):
	// rendering them through go-i18n's templates on every update is most
	// of the cost of drawing a screen.
	plain sync.Map // plainKey -> string

	dir        string
	langs      []string
	byLang     map[string]*langData
	localizers map[string]*i18n.Localizer
	// keywords are the words residents type, per language
	// (keywords.<lang>.toml).
	keywords map[string]keywordFile
}

// langData is one language's messages, which may come from several files:
// nl.toml for the bot's own texts, letters.nl.toml for a content tree.
type langData struct {
	messages map[string]entry
	rtl      bool
}

type entry struct {
	msg  *i18n.Message
	file *file
}

type file struct {
	name    string // as shown in errors, e.g. locales/letters.ar.toml
	part    string // "" for <lang>.toml, "letters" for letters.<lang>.toml
	content string
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
	c := &Catalog{dir: dir, byLang: map[string]*langData{}, localizers: map[string]*i18n.Localizer{}, keywords: map[string]keywordFile{}}
	for _, name := range names {
		content, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path.Join(dir, name), err)
		}
		where := path.Join(dir, name)
		part, lang := splitName(name)
		if part == keywordsPart {
			k, err := parseKeywords(where, lang, string(content))
			if err != nil {
				return nil, err
			}
			c.keywords[lang] = k
			continue
		}
		mf, err := bundle.ParseMessageFileBytes(content, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		base, _ := mf.Tag.Base()
		if mf.Tag.String() != lang || base.String() != lang {
			return nil, fmt.Errorf("%s: file name must end in a base language code, such as nl.toml or letters.nl.toml", where)
		}
		f := &file{name: where, part: part, content: string(content)}
		ld, ok := c.byLang[lang]
		if !ok {
			ld = &langData{messages: map[string]entry{}, rtl: rightToLeft(mf.Tag)}
			c.byLang[lang] = ld
			c.langs = append(c.langs, lang)
			c.localizers[lang] = i18n.NewLocalizer(bundle, lang)
		}
		for _, m := range mf.Messages {
			if prev, dup := ld.messages[m.ID]; dup {
				return nil, fmt.Errorf("%s:%d: key %q is also in %s", where, f.line(m.ID), m.ID, prev.file.name)
			}
			ld.messages[m.ID] = entry{msg: m, file: f}
		}
	}
	if _, ok := c.byLang[Source]; !ok {
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

// splitName reads "letters.nl.toml" as part "letters", language "nl", and
// "nl.toml" as part "", language "nl".
func splitName(name string) (part, lang string) {
	stem := strings.TrimSuffix(name, ".toml")
	if i := strings.LastIndexByte(stem, '.'); i >= 0 {
		return stem[:i], stem[i+1:]
	}
	return "", stem
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
	ld, ok := c.byLang[lang]
	return ok && ld.rtl
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
type plainKey struct {
	lang string
	id   spreekuurbot.MsgID
}

func (c *Catalog) Text(lang string, m spreekuurbot.Msg) string {
	if m.Lang != "" {
		lang = m.Lang
	}
	if len(m.Args) == 0 && m.Count == nil {
		key := plainKey{lang, m.ID}
		if s, ok := c.plain.Load(key); ok {
			return s.(string)
		}
		s := c.render(lang, m)
		c.plain.Store(key, s)
		return s
	}
	return c.render(lang, m)
}

func (c *Catalog) render(lang string, m spreekuurbot.Msg) string {
	ld, ok := c.byLang[lang]
	if !ok {
		lang, ld = Source, c.byLang[Source]
	}
	var data map[string]any
	if len(m.Args) > 0 {
		data = make(map[string]any, len(m.Args))
		for k, v := range m.Args {
			text := c.arg(lang, v)
			if ld.rtl {
				text = firstStrongIsolate + text + popIsolate
			}
			data[k] = text
		}
	}
	s, err := c.localizers[lang].Localize(&i18n.LocalizeConfig{MessageID: string(m.ID), TemplateData: data, PluralCount: m.Count})
	if err != nil && s == "" {
		return string(m.ID)
	}
	if ld.rtl {
		// A command reads left to right inside right-to-left text: "/start"
		// would show as "start/" without its isolate.
		s = IsolateCommands(lang, s)
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

// arg renders one argument: a nested message in the same language, a
// decimal with the language's decimal mark, anything else as it prints.
func (c *Catalog) arg(lang string, v any) string {
	switch v := v.(type) {
	case spreekuurbot.Msg:
		if v.Lang == "" {
			v.Lang = lang
		}
		return strings.TrimPrefix(c.Text(lang, v), rightToLeftMark)
	case spreekuurbot.LanguageOf:
		// The name of a language in the reader's: "Arabisch" for Dutch.
		// Where CLDR has no such name, the language's own name serves.
		name := display.Tags(language.Make(lang)).Name(language.Make(string(v)))
		if name == "" {
			return strings.TrimPrefix(c.Text(string(v), spreekuurbot.Msg{ID: ownName}), rightToLeftMark)
		}
		return name
	case float64:
		// Latin digits in every language, as on Dutch letters and signs;
		// only the decimal mark follows the language: no thousands
		// separator, as whole numbers have none ("1425,5" beside "1938").
		return message.NewPrinter(language.Make(lang + "-u-nu-latn")).Sprint(number.Decimal(v, number.MaxFractionDigits(1), number.NoSeparator()))
	}
	return fmt.Sprint(v)
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// Check proves the catalog complete: every ID exists in every language,
// with every plural form the language needs for whole numbers and the
// source's placeholders, and no file holds a key that no code uses; every
// language has the words residents type for each destination the source
// language has, and no other. The error names the file and the line of the
// first problem.
func (c *Catalog) Check(ids []spreekuurbot.MsgID) error {
	want := map[string]bool{}
	for _, id := range ids {
		want[string(id)] = true
	}
	src := c.byLang[Source]
	for _, lang := range c.langs {
		ld := c.byLang[lang]
		for _, id := range sortedKeys(ld.messages) {
			if e := ld.messages[id]; !want[id] {
				return fmt.Errorf("%s:%d: key %q is not used by the bot; remove it", e.file.name, e.file.line(id), id)
			}
		}
		if err := c.checkKeywords(lang); err != nil {
			return err
		}
		for _, id := range ids {
			e, ok := ld.messages[string(id)]
			if !ok {
				return fmt.Errorf("%s: key %q is missing", c.fileFor(lang, src.messages[string(id)]), id)
			}
			s, ok := src.messages[string(id)]
			if !ok {
				return fmt.Errorf("%s:%d: key %q is missing in the source language %s", e.file.name, e.file.line(string(id)), id, Source)
			}
			if err := checkMessage(e, lang, s.msg); err != nil {
				return err
			}
		}
	}
	return nil
}

// fileFor names the file a missing key belongs in: the one of the same part
// as the source's.
func (c *Catalog) fileFor(lang string, src entry) string {
	if src.file == nil {
		return path.Join(c.dir, lang+".toml")
	}
	name := lang + ".toml"
	if src.file.part != "" {
		name = src.file.part + "." + name
	}
	return path.Join(path.Dir(src.file.name), name)
}

func checkMessage(e entry, lang string, src *i18n.Message) error {
	f, m := e.file, e.msg
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
				return fmt.Errorf("%s:%d: key %q (%s) has placeholder {{.%s}}, which %s does not have", f.name, f.line(m.ID), m.ID, form, name, Source)
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
		if strings.HasPrefix(l, key+" ") || strings.HasPrefix(l, key+"=") || l == "["+key+"]" || strings.HasPrefix(l, `"`+key+`"`) {
			return i + 1
		}
	}
	return 1
}
