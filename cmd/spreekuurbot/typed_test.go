package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
	"spreekuurbot/flows"
	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/redistest"
	"spreekuurbot/locales"
)

// TestTypedWords is issue 17's "typed words land where they should",
// through the production wiring: `spreekuurbot run` against the fake Bot
// API and a redis-server. Each resident types a word, gets "Did you mean:"
// with the place as the first button, presses it and reads that place.
// What they typed is afterwards in no Redis key and no log line.
func TestTypedWords(t *testing.T) {
	api := fakebotapi.New(t, "42:typed-test")
	srv := redistest.Start(t)
	runEnv(t, api, srv.URL, "127.0.0.1:0")
	run := startRun(t)
	wait, stop := context.WithTimeout(context.Background(), 60*time.Second)
	defer stop()
	texts, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	// marker is typed with every word and must be found nowhere after.
	const marker = "zqxjkv"
	tests := []struct {
		lang, typed string
		label       spreekuurbot.MsgID // the first button offered
		shows       spreekuurbot.MsgID // a text of the place it opens
	}{
		{"nl", "dwangbevel", "letter_word_dwangbevel", "letter_bd_dwangbevel"},
		{"ar", "طرد", "letter_opt_huur_ontruim", "letter_huur_ontruim"},
		{"so", "woningnet", flows.MsgButtonWoningnet, "woningnet_q_registered"},
		{"nl", "afspraak maken", flows.MsgButtonBook, flows.MsgBookChooseLocation},
	}
	for i, tt := range tests {
		t.Run(tt.lang+" "+tt.typed, func(t *testing.T) {
			r := &resident{t: t, ctx: wait, api: api, chat: int64(7100 + i), lang: tt.lang}
			r.say("/start")
			r.next()
			r.say(tt.typed + " " + marker)
			offer := r.next()
			text := func(id spreekuurbot.MsgID) string { return texts.Text(tt.lang, spreekuurbot.Msg{ID: id}) }
			if got := offer.Params["text"]; got != text(flows.MsgDidYouMean) {
				t.Fatalf("typed %q: the bot says %q, want %q\n%s", tt.typed, got, text(flows.MsgDidYouMean), run.logs.String())
			}
			buttons := r.buttons(offer)
			if len(buttons) < 2 || buttons[0].Text != text(tt.label) {
				t.Fatalf("typed %q: buttons %+v, want %q first", tt.typed, buttons, text(tt.label))
			}
			place := r.press(offer, buttons[0].CallbackData)
			if place.Method != "editMessageText" || !strings.Contains(place.Params["text"], text(tt.shows)) {
				t.Errorf("pressing %q: %s %.120q, want the offer edited into %q", buttons[0].Text, place.Method, place.Params["text"], text(tt.shows))
			}
		})
	}
	if strings.Contains(run.logs.String(), marker) {
		t.Errorf("the logs carry what residents typed:\n%s", run.logs.String())
	}
	if where := findInRedis(t, wait, srv.URL, marker); where != "" {
		t.Errorf("Redis keeps what a resident typed, in %s", where)
	}
}

// findInRedis names the first key whose value holds s, reading every key
// by its type; "" when none does.
func findInRedis(t *testing.T, ctx context.Context, url, s string) string {
	t.Helper()
	opts, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(opts)
	defer rdb.Close()
	keys, err := rdb.Keys(ctx, "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) == 0 {
		t.Fatal("no keys at all: the bot stored nothing, so this proves nothing")
	}
	for _, k := range keys {
		var value any
		switch typ := rdb.Type(ctx, k).Val(); typ {
		case "string":
			value = rdb.Get(ctx, k).Val()
		case "hash":
			value = rdb.HGetAll(ctx, k).Val()
		case "list":
			value = rdb.LRange(ctx, k, 0, -1).Val()
		case "set":
			value = rdb.SMembers(ctx, k).Val()
		case "zset":
			value = rdb.ZRangeWithScores(ctx, k, 0, -1).Val()
		case "stream":
			value = rdb.XRange(ctx, k, "-", "+").Val()
		default:
			t.Fatalf("key %s of type %s: read it too", k, typ)
		}
		if strings.Contains(fmt.Sprint(value), s) || strings.Contains(k, s) {
			return k
		}
	}
	return ""
}
