package bot

import (
	"github.com/go-telegram/bot/models"

	"spreekuurbot/flows"
)

// incoming is an update reduced to what the flows and the reply need.
type incoming struct {
	chatID int64
	// callbackID is set for button presses; every press is answered.
	callbackID string
	// messageID is the message the pressed button sits on, for edits.
	messageID int
	event     flows.Event
	// letter is the file of a photo or a PDF of a letter (letters.go).
	letter *letterIn
}

// convert reduces a Telegram update. It reports false for updates the bot
// does not act on: groups and channels (the bot works in private chats),
// edited messages, and kinds it did not ask for.
func convert(u *models.Update) (incoming, bool) {
	switch {
	case u.Message != nil:
		m := u.Message
		if m.From == nil || m.Chat.Type != models.ChatTypePrivate {
			return incoming{}, false
		}
		in := incoming{chatID: m.Chat.ID}
		letter, isLetter := letterFiles(m)
		switch {
		case m.Text != "":
			in.event = flows.ParseText(m.From.ID, m.From.LanguageCode, m.Text)
		case isLetter:
			in.letter = &letter
			in.event = flows.Event{UserID: m.From.ID, LanguageCode: m.From.LanguageCode, Kind: flows.KindLetter}
		case m.Location != nil:
			in.event = flows.Event{UserID: m.From.ID, LanguageCode: m.From.LanguageCode, Kind: flows.KindLocation,
				Lat: m.Location.Latitude, Lon: m.Location.Longitude}
		default:
			// Stickers, voice, video, other files, contacts, polls: the
			// bot reads none of them, and keeps none of them.
			in.event = flows.Event{UserID: m.From.ID, LanguageCode: m.From.LanguageCode, Kind: flows.KindUnsupported}
		}
		return in, true
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		in := incoming{
			chatID:     q.From.ID, // a private chat's ID is the user's ID
			callbackID: q.ID,
			event:      flows.Event{UserID: q.From.ID, LanguageCode: q.From.LanguageCode, Kind: flows.KindButton, Data: q.Data, FirstName: q.From.FirstName},
		}
		if msg := q.Message.Message; msg != nil {
			if msg.Chat.Type != models.ChatTypePrivate {
				return incoming{}, false
			}
			in.chatID = msg.Chat.ID
			in.messageID = msg.ID
		}
		return in, true
	}
	return incoming{}, false
}
