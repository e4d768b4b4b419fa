package bot

import (
	"encoding/json"
	"testing"

	"github.com/go-telegram/bot/models"
)

// FuzzUpdate: whatever JSON arrives as an update (posted to the webhook or
// fetched by polling), turning it into an event never panics, and only a
// private chat's message or button, from its own sender, is taken.
func FuzzUpdate(f *testing.F) {
	for _, seed := range []string{
		`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A","language_code":"ar"},"text":"/start"}}`,
		`{"update_id":2,"message":{"message_id":2,"date":1,"chat":{"id":42,"type":"private"},"from":{"id":42,"first_name":"A"},"sticker":{"file_id":"x"}}}`,
		`{"update_id":3,"message":{"message_id":3,"date":1,"chat":{"id":42,"type":"private"},"from":{"id":42,"first_name":"A"},"location":{"latitude":52.37,"longitude":5.22}}}`,
		`{"update_id":4,"callback_query":{"id":"q","from":{"id":42,"first_name":"A"},"data":"1a:o:help:AAAAAAAA","message":{"message_id":9,"date":1,"chat":{"id":42,"type":"private"}}}}`,
		`{"update_id":5,"message":{"message_id":4,"date":1,"chat":{"id":-100,"type":"group"},"from":{"id":42,"first_name":"A"},"text":"hi"}}`,
		`{"update_id":6,"edited_message":{"message_id":5,"date":1,"chat":{"id":42,"type":"private"},"text":"x"}}`,
		`{"update_id":7,"callback_query":{"id":"q","from":{"id":42},"message":{"message_id":0,"date":0,"chat":{"id":-5,"type":"supergroup"}}}}`,
		`{}`, `null`, `{"update_id":8,"message":null}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var u models.Update
		if json.Unmarshal(raw, &u) != nil {
			return
		}
		in, ok := convert(&u)
		if !ok {
			return
		}
		switch {
		case u.Message != nil:
			if u.Message.Chat.Type != models.ChatTypePrivate || u.Message.From == nil || in.event.UserID != u.Message.From.ID {
				t.Fatalf("took %+v from a message %+v", in, u.Message)
			}
		case u.CallbackQuery != nil:
			if in.event.UserID != u.CallbackQuery.From.ID || in.event.Data != u.CallbackQuery.Data {
				t.Fatalf("took %+v from a button %+v", in, u.CallbackQuery)
			}
			if m := u.CallbackQuery.Message.Message; m != nil && m.Chat.Type != models.ChatTypePrivate {
				t.Fatalf("took a button in a %s chat", m.Chat.Type)
			}
		default:
			t.Fatalf("took %+v from an update with neither message nor button", in)
		}
	})
}
