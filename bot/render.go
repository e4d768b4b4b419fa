package bot

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/text/language"

	"spreekuurbot"
	"spreekuurbot/calendar"
	"spreekuurbot/chart"
	"spreekuurbot/flows"
)

// reply sends r, or edits the message whose button was pressed into r.
func (b *Bot) reply(ctx context.Context, in incoming, lang string, r flows.Reply) error {
	_, err := b.replySent(ctx, in, lang, r)
	return err
}

// replySent is reply, also giving the ID of a new text message (0 for
// edits and files), so it can be changed later.
func (b *Bot) replySent(ctx context.Context, in incoming, lang string, r flows.Reply) (int, error) {
	if v := r.Venue; v != nil {
		return 0, b.send.do(ctx, "sendVenue", in.chatID, message, func(ctx context.Context) error {
			_, err := b.api.SendVenue(ctx, &tgbot.SendVenueParams{ChatID: in.chatID, Latitude: v.Lat, Longitude: v.Lon, Title: v.Title, Address: v.Address})
			return err
		})
	}
	if r.Appointment != nil || r.Figures != nil {
		files, err := Files(b.cfg.Texts, lang, r, b.cfg.Now())
		if err != nil {
			return 0, err
		}
		for _, f := range files {
			if err := b.sendFile(ctx, in, f); err != nil {
				return 0, err
			}
		}
		return 0, nil
	}
	text := b.text(lang, r.Text)
	var markup models.ReplyMarkup
	if kb := b.keyboard(lang, r.Buttons); kb != nil {
		markup = kb
	}
	if r.LocationButton != nil {
		// A location can only be asked for with a keyboard under the
		// input field; it goes away once used.
		markup = &models.ReplyKeyboardMarkup{
			Keyboard:        [][]models.KeyboardButton{{{Text: b.cfg.Texts.Text(lang, *r.LocationButton), RequestLocation: true}}},
			ResizeKeyboard:  true,
			OneTimeKeyboard: true,
		}
	}
	if r.Edit && in.messageID != 0 && r.LocationButton == nil {
		err := b.send.do(ctx, "editMessageText", in.chatID, edit, func(ctx context.Context) error {
			params := &tgbot.EditMessageTextParams{ChatID: in.chatID, MessageID: in.messageID, Text: text}
			if kb, ok := markup.(*models.InlineKeyboardMarkup); ok {
				params.ReplyMarkup = kb
			}
			_, err := b.api.EditMessageText(ctx, params)
			return err
		})
		if err == nil || notModified(err) {
			return 0, nil
		}
		// The message may be too old or deleted; a new one still helps.
		b.logSendError("edit, sending instead", in.event.UserID, err)
	}
	var sent int
	err := b.send.do(ctx, "sendMessage", in.chatID, message, func(ctx context.Context) error {
		params := &tgbot.SendMessageParams{ChatID: in.chatID, Text: text, ReplyMarkup: markup}
		msg, err := b.api.SendMessage(ctx, params)
		if msg != nil {
			sent = msg.ID
		}
		return err
	})
	return sent, err
}

// answer stops the spinner on a pressed button, with a short notice.
func (b *Bot) answer(ctx context.Context, in incoming, notice string) {
	err := b.send.do(ctx, "answerCallbackQuery", in.chatID, notMessage, func(ctx context.Context) error {
		_, err := b.api.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: in.callbackID, Text: truncate(notice, 200)})
		return err
	})
	if err != nil {
		b.logSendError("answer button", in.event.UserID, err)
	}
}

func (b *Bot) text(lang string, msgs []spreekuurbot.Msg) string {
	return truncate(flows.JoinText(msgs, func(m spreekuurbot.Msg) string { return b.cfg.Texts.Text(lang, m) }), flows.MaxTextRunes)
}

func (b *Bot) keyboard(lang string, rows [][]flows.Button) *models.InlineKeyboardMarkup {
	if len(rows) == 0 {
		return nil
	}
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: make([][]models.InlineKeyboardButton, len(rows))}
	for i, row := range rows {
		for _, btn := range row {
			kb.InlineKeyboard[i] = append(kb.InlineKeyboard[i], models.InlineKeyboardButton{
				Text: b.cfg.Texts.Text(lang, btn.Label), CallbackData: btn.Data, URL: btn.URL,
			})
		}
	}
	return kb
}

// truncate cuts s to n characters, for Telegram's limits.
func truncate(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// setDefaultCommands sets the command menu for residents in every language,
// and in English for clients in other languages.
func (b *Bot) setDefaultCommands(ctx context.Context) {
	for _, lang := range append([]string{""}, b.langs.Codes()...) {
		textLang := lang
		if lang == "" {
			textLang = "en"
		}
		err := b.send.do(ctx, "setMyCommands", 0, notMessage, func(ctx context.Context) error {
			_, err := b.api.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{
				Commands: b.commands(spreekuurbot.Resident, textLang), LanguageCode: lang,
			})
			return err
		})
		if err != nil {
			b.log.Warn("set default commands", "lang", lang, "err", redact(err.Error(), b.cfg.Token))
		}
	}
}

// setChatCommands shows one person the commands of their role in the
// language they chose in the bot, which may differ from their client's.
func (b *Bot) setChatCommands(ctx context.Context, chatID int64, sc flows.SetCommands) error {
	if sc.ChatID != 0 {
		chatID = sc.ChatID
	}
	if sc.Lang == "" {
		sc.Lang = spreekuurbot.SourceLanguage
	}
	return b.send.do(ctx, "setMyCommands", chatID, notMessage, func(ctx context.Context) error {
		_, err := b.api.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{
			Commands: b.commands(sc.Role, sc.Lang),
			Scope:    &models.BotCommandScopeChat{ChatID: chatID},
		})
		return err
	})
}

func (b *Bot) commands(role spreekuurbot.Role, lang string) []models.BotCommand {
	var out []models.BotCommand
	for _, c := range flows.Commands(role) {
		out = append(out, models.BotCommand{Command: c.Name, Description: truncate(b.cfg.Texts.Text(lang, spreekuurbot.Msg{ID: c.Description}), 256)})
	}
	return out
}

// File is a document or a photo that the bot sends for a reply.
type File struct {
	Name    string
	Data    []byte
	Caption string
	// Photo sends it as a photo, shown in the chat, rather than a document.
	Photo bool
}

// Files renders the files a reply is made of, in lang, as the bot sends
// them: an appointment's calendar file; the figures' chart and CSV. A
// reply of text or a map pin has none.
func Files(texts Texts, lang string, r flows.Reply, now time.Time) ([]File, error) {
	text := func(m spreekuurbot.Msg) string { return texts.Text(lang, m) }
	var files []File
	if a := r.Appointment; a != nil {
		files = append(files, appointmentFile(text, a, now))
	}
	if f := r.Figures; f != nil {
		chart, err := chartFile(text, lang, f.Figures)
		if err != nil {
			return nil, err
		}
		files = append(files, chart, File{
			Name:    fmt.Sprintf("hulpvragen-%d.csv", f.Figures.Year),
			Data:    flows.FiguresCSV(f.Figures, f.Locations, text),
			Caption: text(spreekuurbot.Msg{ID: flows.MsgStatsCSV}),
		})
	}
	return files, nil
}

// appointmentFile is the appointment as a calendar file, in the
// resident's language.
func appointmentFile(text func(spreekuurbot.Msg) string, a *flows.AppointmentFile, now time.Time) File {
	summary := text(a.Summary)
	data := calendar.File(calendar.Event{
		UID: a.Booking.ID + "@spreekuurbot", Start: a.Start, End: a.End,
		Summary: summary, Location: a.Location.Name + ", " + a.Location.Address,
		Description: text(a.Details), Lat: a.Location.Lat, Lon: a.Location.Lon,
		Alarm: time.Hour,
	}, now)
	return File{Name: "afspraak-" + a.Start.Format("2006-01-02") + ".ics", Data: data, Caption: summary}
}

// sendFile sends f as a document, or as a photo.
func (b *Bot) sendFile(ctx context.Context, in incoming, f File) error {
	caption := truncate(f.Caption, 1024)
	if f.Photo {
		return b.send.do(ctx, "sendPhoto", in.chatID, message, func(ctx context.Context) error {
			_, err := b.api.SendPhoto(ctx, &tgbot.SendPhotoParams{
				ChatID: in.chatID, Photo: &models.InputFileUpload{Filename: f.Name, Data: bytes.NewReader(f.Data)}, Caption: caption,
			})
			return err
		})
	}
	return b.send.do(ctx, "sendDocument", in.chatID, message, func(ctx context.Context) error {
		_, err := b.api.SendDocument(ctx, &tgbot.SendDocumentParams{
			ChatID: in.chatID, Document: &models.InputFileUpload{Filename: f.Name, Data: bytes.NewReader(f.Data)}, Caption: caption,
		})
		return err
	})
}

// chartFile is the help requests per month as a PNG, its title as the
// photo's caption in the coordinator's language. The chart's font has
// Latin and Cyrillic letters but cannot shape Arabic or draw Ge'ez: for
// those languages the chart carries only numbers (months 1 to 12, the
// years) and Telegram, which can, shows the words in the caption.
func chartFile(text func(spreekuurbot.Msg) string, lang string, f spreekuurbot.Figures) (File, error) {
	title := text(spreekuurbot.Msg{ID: flows.MsgStatsChartTitle})
	l := chart.Labels{ThisYear: strconv.Itoa(f.Year), LastYear: strconv.Itoa(f.Year - 1)}
	script, _ := language.Make(lang).Script()
	drawable := script.String() == "Latn" || script.String() == "Cyrl"
	if drawable {
		l.Title = title
	}
	var this, last [12]int
	for m, c := range f.Month {
		this[m], last[m] = c.This, c.Last
		l.Months[m] = strconv.Itoa(m + 1)
		if drawable {
			l.Months[m] = text(flows.MonthAloneMsg(time.Month(m + 1)))
		}
	}
	png, err := chart.Monthly(this, last, l)
	if err != nil {
		return File{}, fmt.Errorf("draw chart: %w", err)
	}
	return File{Name: fmt.Sprintf("hulpvragen-%d.png", f.Year), Data: png, Caption: title, Photo: true}, nil
}
