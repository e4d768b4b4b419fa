package flows

import (
	"fmt"

	"spreekuurbot"
)

// privacy is what is kept, "show my data" and "delete my data".
func privacy() flow {
	return flow{
		name: "privacy",
		screens: []screen{
			{kind: string(ScreenPrivacy), draw: drawPrivacy, label: MsgButtonPrivacy},
			{kind: string(ScreenForget), draw: drawForget, label: MsgButtonDeleteData},
			{kind: string(ScreenPrivacyPhotos), draw: func(d *drawing, _ string) { d.say(spreekuurbot.Msg{ID: MsgPrivacyPhotos}) }, label: MsgButtonPrivacyPhotos},
		},
		actions: []action{
			{codes: []string{actionExport}, do: func(st *step, _ Payload) bool { return st.export() }},
			{codes: []string{actionForget}, do: func(st *step, _ Payload) bool { st.forget(); return true }},
		},
		commands: []command{
			{Command{"privacy", MsgCommandPrivacy}, ScreenPrivacy, nil},
			{Command{"forget", MsgCommandForget}, ScreenForget, nil},
		},
	}
}

func drawPrivacy(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgPrivacyText})
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonShowData}, actionExport, ""))
	d.row(d.goTo(ScreenPrivacyPhotos), d.goTo(ScreenPrivacyWaitlist))
	d.row(d.goTo(ScreenForget))
}

func drawForget(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgForgetConfirm})
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonForgetYes}, actionForget, ""))
}

// export sends everything stored about the person as one message.
func (st *step) export() bool {
	x, err := st.engine.cfg.Privacy.Export(st.ctx, st.userID, st.now)
	if err != nil {
		st.abort(fmt.Errorf("export: %w", err))
		return true
	}
	lines := []spreekuurbot.Msg{{ID: MsgDataTitle}, {ID: MsgDataLanguage, Tight: true, Args: map[string]any{"Lang": spreekuurbot.Msg{ID: MsgLanguageName, Lang: x.Lang}}}}
	if x.Lang == "" {
		lines[1].Args["Lang"] = spreekuurbot.Msg{ID: MsgDataNone}
	}
	for _, b := range x.Bookings {
		name := b.Slot.Location
		if l := st.engine.locs().byID[name]; l != nil {
			name = l.Name
		}
		topic, _ := topicMsg(b.Topic)
		lines = append(lines, spreekuurbot.Msg{ID: MsgDataBooking, Tight: true, Args: map[string]any{"Date": DateMsg(b.Slot.Date), "Time": b.Slot.Start.String(), "Name": name, "Topic": spreekuurbot.Msg{ID: topic}}})
		if b.Company {
			lines = append(lines, spreekuurbot.Msg{ID: MsgDataCompany, Tight: true})
		}
		if b.OwnLanguage {
			lines = append(lines, spreekuurbot.Msg{ID: MsgDataOwnLanguage, Tight: true})
		}
	}
	var waiting []spreekuurbot.Waiting
	if !st.read("export waitlists", func() (err error) {
		waiting, err = st.engine.cfg.Waitlist.Waiting(st.ctx, st.userID, st.now)
		return err
	}) {
		return true
	}
	for _, w := range waiting {
		name := w.Location
		if l := st.engine.locs().byID[name]; l != nil {
			name = l.Name
		}
		topic, _ := topicMsg(w.Topic)
		lines = append(lines, spreekuurbot.Msg{ID: MsgDataWaiting, Tight: true, Args: map[string]any{"Name": name, "Topic": spreekuurbot.Msg{ID: topic}, "Date": DateMsg(spreekuurbot.DateOf(w.Since.In(st.engine.cfg.Zone)))}})
	}
	for _, s := range x.Subscriptions {
		name := s
		if l := st.engine.locs().byID[s]; l != nil {
			name = l.Name
		}
		lines = append(lines, spreekuurbot.Msg{ID: MsgDataSubscription, Tight: true, Args: map[string]any{"Name": name}})
	}
	lines = append(lines, spreekuurbot.Msg{ID: MsgDataReminders, Tight: true, Count: x.Reminders, Args: map[string]any{"Count": x.Reminders}})
	st.extra = append(st.extra, Reply{Text: lines})
	st.noDraw = true
	return true
}

// forget erases the person: their appointments are cancelled (freeing the
// places), and every key about them goes. What is left to say is said in
// the language they had.
func (st *step) forget() {
	lang := st.session.Lang
	st.effects = append(st.effects, Forget{})
	st.session = Session{Lang: lang}
	st.session.home()
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgForgotten})
	st.short = true
}
