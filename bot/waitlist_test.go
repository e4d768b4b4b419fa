package bot_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/config"
	"spreekuurbot/deploy"
	"spreekuurbot/flows"
	"spreekuurbot/internal/fakebotapi"
)

// fillPlace books every free time of the place in the coming 14 days, each
// by a resident of its own from first on, and returns the bookings.
func fillPlace(t *testing.T, h *harness, location string, first int64) []spreekuurbot.Booking {
	t.Helper()
	cfg, err := config.Parse(deploy.ExampleConfigPath, deploy.ExampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	now := h.now()
	var out []spreekuurbot.Booking
	for _, l := range cfg.Locations {
		if l.ID != location {
			continue
		}
		for _, s := range l.ComingSlots(now, cfg.Zone) {
			for range s.Capacity {
				b, err := h.st.Book(context.Background(), fmt.Sprint("fill-", len(out)), spreekuurbot.Booking{UserID: first + int64(len(out)), Slot: s, Topic: "ot", Lang: "nl"}, cfg.Zone, now)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, b)
			}
		}
	}
	if len(out) < 2 {
		t.Fatalf("%s has %d bookable times in the coming 14 days", location, len(out))
	}
	return out
}

// pressContaining presses the button of msg whose label holds part.
func (h *harness) pressContaining(chat int64, lang string, msg fakebotapi.Call, part string) fakebotapi.Call {
	h.t.Helper()
	for n, l := range labels(keyboard(h.t, msg)) {
		if strings.Contains(l, part) {
			return h.pressNth(chat, lang, msg, n)
		}
	}
	h.t.Fatalf("no button with %q in %v", part, labels(keyboard(h.t, msg)))
	return fakebotapi.Call{}
}

// wait walks "tell me when a time comes free" at Corrosia as a resident.
func (h *harness) wait(chat int64, lang string) {
	h.t.Helper()
	before := len(h.messages(chat, 0))
	h.text(chat, lang, "/book")
	msg := h.messages(chat, before+1)[before]
	msg = h.pressContaining(chat, lang, msg, "Corrosia")
	msg = h.pressNth(chat, lang, msg, 0) // letter or form
	if !strings.Contains(msg.Params["text"], h.render(lang, flows.MsgBookNoDays)) {
		h.t.Fatalf("the full place offers days: %q", msg.Params["text"])
	}
	msg = h.pressLabel(chat, lang, msg, spreekuurbot.Msg{ID: flows.MsgButtonWait})
	msg = h.pressLabel(chat, lang, msg, spreekuurbot.Msg{ID: flows.MsgButtonNext}) // what an appointment keeps
	joined := h.pressLabel(chat, lang, msg, spreekuurbot.Msg{ID: flows.MsgButtonWaitYes})
	if !strings.Contains(joined.Params["text"], "Corrosia") {
		h.t.Fatalf("after joining: %q", joined.Params["text"])
	}
}

// cancel walks My appointments → the first → Cancel → yes.
func (h *harness) cancel(chat int64, lang string) {
	h.t.Helper()
	before := len(h.messages(chat, 0))
	h.text(chat, lang, "/appointments")
	msg := h.messages(chat, before+1)[before]
	msg = h.pressNth(chat, lang, msg, 0)
	msg = h.pressLabel(chat, lang, msg, spreekuurbot.Msg{ID: flows.MsgButtonCancel})
	h.pressLabel(chat, lang, msg, spreekuurbot.Msg{ID: flows.MsgButtonCancelYes})
}

// TestWaitlistOverBotAPI: a place is full; two residents wait for it. One
// booking is cancelled: exactly the first waiting resident is offered the
// time, and books it. The next cancelled booking is offered to the second
// resident only; she lets it run out, and after 30 minutes on the
// application's clock she is told, the place is free again and her late
// press books nothing.
func TestWaitlistOverBotAPI(t *testing.T) {
	clock, zone := newManualClock(), almere()
	h := start(t, options{now: clock.Now, reminderEvery: 5 * time.Millisecond, scale: 1000})
	ctx := context.Background()
	booked := fillPlace(t, h, "haven-centrum", 7001)
	const first, second = 3001, 3002
	h.wait(first, "en")
	clock.Set(clock.Now().Add(time.Minute))
	h.wait(second, "ar")
	heard := func(chat int64) int { return len(h.messages(chat, 0)) }
	firstBefore, secondBefore := heard(first), heard(second)

	// A cancellation: the first resident is offered the time.
	h.cancel(booked[0].UserID, "nl")
	offer := h.messages(first, firstBefore+1)[firstBefore]
	want := h.texts.Text("en", spreekuurbot.Msg{ID: flows.MsgOfferText, Args: map[string]any{
		"Name": "Corrosia (Almere Haven)", "Date": flows.DateMsg(booked[0].Slot.Date), "Time": booked[0].Slot.Start.String(),
		"Until": clock.Now().Add(30 * time.Minute).In(zone).Format("15:04"),
	}})
	if offer.Params["text"] != want {
		t.Errorf("the offer = %q, want %q", offer.Params["text"], want)
	}
	if n := heard(second); n != secondBefore {
		t.Errorf("the second resident heard %d messages of a time offered to the first", n-secondBefore)
	}
	// Nobody else can book the held time meanwhile.
	if taken, _ := h.st.TakenMany(ctx, []string{booked[0].Slot.ID()}); taken[booked[0].Slot.ID()] != booked[0].Slot.Capacity {
		t.Errorf("the held slot counts %v", taken)
	}
	firstBefore = heard(first)
	done := h.pressLabel(first, "en", offer, spreekuurbot.Msg{ID: flows.MsgButtonOfferBook})
	if !strings.Contains(done.Params["text"], booked[0].Slot.Start.String()) {
		t.Errorf("after Book it: %q", done.Params["text"])
	}
	// "Your appointment is made", then My appointments.
	h.messages(first, firstBefore+2)
	if _, err := h.api.WaitSent(h.ctx(), first, "sendDocument", 1); err != nil {
		t.Fatal(err) // the calendar file of the booked appointment
	}
	mine, err := h.st.Bookings(ctx, first, clock.Now())
	if err != nil || len(mine) != 1 || mine[0].Slot.ID() != booked[0].Slot.ID() || mine[0].Topic != "lf" {
		t.Fatalf("the first resident's bookings: %+v, %v", mine, err)
	}

	// The next cancellation goes to the second resident only.
	firstBefore = heard(first)
	h.cancel(booked[1].UserID, "nl")
	offer = h.messages(second, secondBefore+1)[secondBefore]
	if !strings.Contains(offer.Params["text"], booked[1].Slot.Start.String()) || len(labels(keyboard(t, offer))) != 2 {
		t.Errorf("the second offer = %q %v", offer.Params["text"], labels(keyboard(t, offer)))
	}
	if n := heard(first); n != firstBefore {
		t.Errorf("the first resident heard %d more messages", n-firstBefore)
	}
	// Her "My appointments" shows the time held for her, with its buttons.
	secondBefore = heard(second)
	h.text(second, "ar", "/appointments")
	list := h.messages(second, secondBefore+1)[secondBefore]
	wantHeld := h.texts.Text("ar", spreekuurbot.Msg{ID: flows.MsgAppointmentHeld, Args: map[string]any{
		"Name": "Corrosia (Almere Haven)", "Date": flows.DateMsg(booked[1].Slot.Date), "Time": booked[1].Slot.Start.String(),
		"Until": clock.Now().Add(30 * time.Minute).In(zone).Format("15:04"),
	}})
	if !strings.HasPrefix(list.Params["text"], wantHeld) || !slices.Contains(labels(keyboard(t, list)), h.texts.Text("ar", spreekuurbot.Msg{ID: flows.MsgButtonOfferDecline})) {
		t.Errorf("her appointments = %q %v, want the held time first with its buttons", list.Params["text"], labels(keyboard(t, list)))
	}

	// She lets it run out: 31 minutes on, she is told and, with nobody
	// else waiting, the place is free for anyone.
	secondBefore = heard(second)
	clock.Set(clock.Now().Add(31 * time.Minute))
	gone := h.messages(second, secondBefore+1)[secondBefore]
	if !strings.Contains(gone.Params["text"], "30") || !strings.Contains(gone.Params["text"], booked[1].Slot.Start.String()) {
		t.Errorf("the end of the offer = %q", gone.Params["text"])
	}
	if taken, _ := h.st.TakenMany(ctx, []string{booked[1].Slot.ID()}); taken[booked[1].Slot.ID()] != 0 {
		t.Errorf("after the offer ran out the slot counts %v", taken)
	}
	// Her late press is answered and books nothing.
	h.pressLabel(second, "ar", offer, spreekuurbot.Msg{ID: flows.MsgButtonOfferBook})
	if mine, _ := h.st.Bookings(ctx, second, clock.Now()); len(mine) != 0 {
		t.Errorf("a press after the 30 minutes booked %+v", mine)
	}
	h.stop()
}
