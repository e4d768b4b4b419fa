package flows

import (
	"spreekuurbot"
)

// language is the language picker.
func language() flow {
	return flow{
		name:     "language",
		screens:  []screen{{kind: string(ScreenLanguage), draw: drawLanguage, label: MsgButtonLanguage}},
		actions:  []action{{codes: []string{actionLanguage}, do: (*step).chooseLanguage}},
		commands: []command{{Command{"language", MsgCommandLanguage}, ScreenLanguage, nil}},
	}
}

// chooseLanguage keeps the language a button names; the first choice, or
// one made on the picker, goes back to where the person was.
func (st *step) chooseLanguage(p Payload) bool {
	if !st.engine.languages.Has(p.Arg) {
		return false
	}
	first := st.session.Lang == ""
	st.session.Lang = p.Arg
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgLanguageSaved})
	st.effects = append(st.effects, SetCommands{Role: st.role, Lang: p.Arg})
	if first || st.session.Screen == ScreenLanguage {
		st.session.pop()
	}
	return true
}

func drawLanguage(d *drawing, _ string) {
	codes := d.engine().languages.Codes()
	if d.session().Lang != "" {
		d.say(spreekuurbot.Msg{ID: MsgLanguageChoose})
	} else {
		// First contact in an unknown language: ask in every language,
		// each line in its own words.
		for _, code := range codes {
			d.say(spreekuurbot.Msg{ID: MsgLanguageChoose, Lang: code})
		}
	}
	var buttons []Button
	for _, code := range codes {
		buttons = append(buttons, d.act(spreekuurbot.Msg{ID: MsgLanguageName, Lang: code}, actionLanguage, code))
	}
	d.pairs(buttons)
}
