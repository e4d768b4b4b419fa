package locales

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// pluralForms lists the CLDR plural categories that whole numbers reach in
// lang, plus "other", which go-i18n always needs. The bot only counts whole
// things (places, appointments), so a form only fractions reach is not
// required.
func pluralForms(lang string) []string {
	tag := language.Make(lang)
	seen := map[plural.Form]bool{plural.Other: true}
	for n := 0; n <= 1000; n++ {
		seen[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)] = true
	}
	var out []string
	for _, f := range []struct {
		form plural.Form
		name string
	}{{plural.Zero, "zero"}, {plural.One, "one"}, {plural.Two, "two"}, {plural.Few, "few"}, {plural.Many, "many"}, {plural.Other, "other"}} {
		if seen[f.form] {
			out = append(out, f.name)
		}
	}
	return out
}
