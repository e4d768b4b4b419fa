package locales_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"spreekuurbot"
	"spreekuurbot/flows"
	"spreekuurbot/locales"
)

// TestCatalogComplete is the check a new language file must pass: every
// key, plural form and placeholder, and no key the bot does not use.
func TestCatalogComplete(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check(messages(t)); err != nil {
		t.Fatal(err)
	}
	want := []string{"nl", "en", "ar", "pl", "so", "ti", "tr", "uk"}
	if got := c.Languages(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("languages = %v, want %v", got, want)
	}
}

func TestLanguageNamesInOwnScript(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"nl": "Nederlands", "en": "English", "ar": "\u200fالعربية", "tr": "Türkçe",
		"pl": "Polski", "uk": "Українська", "ti": "ትግርኛ", "so": "Soomaali",
	}
	for lang, name := range want {
		if got := c.Text("nl", spreekuurbot.Msg{ID: flows.MsgLanguageName, Lang: lang}); got != name {
			t.Errorf("%s: language name %q, want %q", lang, got, name)
		}
	}
}

// messages is every ID the bot can show: its own and the built-in trees'.
func messages(t *testing.T) []spreekuurbot.MsgID {
	t.Helper()
	trees, err := flows.BuiltinTrees()
	if err != nil {
		t.Fatal(err)
	}
	return flows.Messages(trees)
}

// withLanguage returns the Dutch files plus a copy of the English ones
// under lang, for breaking one of them.
func withLanguage(t *testing.T, lang string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, src := range []string{"nl", "en"} {
		names, err := filepath.Glob("*" + src + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if src == "nl" {
				fsys[name] = &fstest.MapFile{Data: data}
			} else {
				fsys[strings.TrimSuffix(name, "en.toml")+lang+".toml"] = &fstest.MapFile{Data: data}
			}
		}
	}
	return fsys
}

// TestCheckFindsProblems feeds broken files to Check and expects an error
// naming the file and the line.
func TestCheckFindsProblems(t *testing.T) {
	tests := []struct {
		name   string
		lang   string // the file to break, a copy of en.toml
		breaks func(string) string
		want   string
	}{
		{"missing key", "de", func(s string) string { return dropLine(s, "button_back =") }, `button_back" is missing`},
		{"unused key", "de", func(s string) string { return s + "\nbutton_never = \"x\"\n" }, `key "button_never" is not used`},
		{"missing placeholder", "de", func(s string) string {
			return strings.ReplaceAll(s, "{{.Count}} places", "many places")
		}, `lacks placeholder {{.Count}}`},
		{"unknown placeholder", "de", func(s string) string {
			return strings.Replace(s, `button_back = "Back"`, `button_back = "Back {{.Name}}"`, 1)
		}, `has placeholder {{.Name}}`},
		{"missing plural form", "pl", func(s string) string { return s }, `needs the plural form "few"`},
		{"syntax error", "de", func(s string) string { return s + "\nbroken = \n" }, `de.toml:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := withLanguage(t, tt.lang)
			main := fsys[tt.lang+".toml"]
			main.Data = []byte(tt.breaks(string(main.Data)))
			c, err := locales.LoadFS(fsys, "locales")
			if err == nil {
				err = c.Check(messages(t))
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), filepath.Join("locales", tt.lang+".toml")) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func dropLine(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestRightToLeft(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	text := c.Text("ar", spreekuurbot.Msg{ID: flows.MsgHomeText, Count: 12, Args: map[string]any{"Count": 12}})
	if !strings.Contains(text, "\u206812\u2069") {
		t.Errorf("Arabic placeholder not isolated: %q", text)
	}
	for _, line := range strings.Split(c.Text("ar", spreekuurbot.Msg{ID: flows.MsgHelpCommands}), "\n") {
		if !strings.HasPrefix(line, "\u200f") {
			t.Errorf("Arabic line %q does not start right to left", line)
		}
	}
	if nl := c.Text("nl", spreekuurbot.Msg{ID: flows.MsgHomeText, Count: 12, Args: map[string]any{"Count": 12}}); strings.ContainsAny(nl, "\u2068\u2069\u200f") {
		t.Errorf("Dutch text carries bidi controls: %q", nl)
	}
}

// TestContentFiles: a content tree's texts live in their own files per
// language (letters.nl.toml); a key missing there is reported in the file
// where it belongs, and a key defined twice is refused.
func TestContentFiles(t *testing.T) {
	ids := append(messages(t), "extra_x", "extra_y")
	fsys := withLanguage(t, "de")
	fsys["extra.nl.toml"] = &fstest.MapFile{Data: []byte("extra_x = \"X\"\nextra_y = \"Y\"\n")}
	fsys["extra.de.toml"] = &fstest.MapFile{Data: []byte("extra_x = \"X\"\n")}
	c, err := locales.LoadFS(fsys, "locales")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check(ids); err == nil || !strings.Contains(err.Error(), `locales/extra.de.toml: key "extra_y" is missing`) {
		t.Errorf("error = %v", err)
	}
	if got := c.Text("de", spreekuurbot.Msg{ID: "extra_x"}); got != "X" {
		t.Errorf("content text = %q", got)
	}
	fsys["more.nl.toml"] = &fstest.MapFile{Data: []byte("extra_x = \"again\"\n")}
	if _, err := locales.LoadFS(fsys, "locales"); err == nil || !strings.Contains(err.Error(), `key "extra_x" is also in`) {
		t.Errorf("a key defined twice: %v", err)
	}
}
