package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"spreekuurbot"
	"spreekuurbot/flows"
	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/lettertest"
	"spreekuurbot/letters"
	"spreekuurbot/ocr"
	"spreekuurbot/reading"
)

// letterReader is the production reader, or a skip where Tesseract is not
// installed (.ci/run installs it).
func letterReader(t testing.TB) *reading.Reader {
	t.Helper()
	rec, err := letters.New()
	if err != nil {
		t.Fatal(err)
	}
	r := reading.New(ocr.New(ocr.Config{}), rec, almere())
	if err := r.Available(context.Background()); err != nil {
		t.Skipf("photo reading not tested: %v (apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils)", err)
	}
	return r
}

// letterSample is letter i of the synthetic set.
func letterSample(t testing.TB, i int) lettertest.Sample {
	t.Helper()
	set, err := lettertest.Build(lettertest.Seed, i+1)
	if err != nil {
		t.Fatal(err)
	}
	return set[i]
}

// sendPhoto sends a photo the way Telegram's clients do: the file stored
// on Telegram's side, the update naming it in two sizes.
func (h *harness) sendPhoto(chat int64, lang string, jpegData []byte, album string) {
	id, unique := h.api.UserFile(jpegData, "photo.jpg")
	h.send(chat, lang, models.Message{MediaGroupID: album, Photo: []models.PhotoSize{
		{FileID: id + "small", FileUniqueID: unique + "s", Width: 90, Height: 120, FileSize: 1000},
		{FileID: id, FileUniqueID: unique, Width: 960, Height: 1280, FileSize: len(jpegData)},
	}})
}

func (h *harness) sendPDF(chat int64, lang string, pdf []byte) {
	id, unique := h.api.UserFile(pdf, "bericht.pdf")
	h.send(chat, lang, models.Message{Document: &models.Document{FileID: id, FileUniqueID: unique, FileName: "bericht.pdf", MimeType: "application/pdf", FileSize: int64(len(pdf))}})
}

// lockedBuffer is a log both the bot and the test use.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestLetterPhotoOverBotAPI is issue 17's walk over the Bot API, with the
// real Tesseract: a phone photo of a CJIB dwangbevel gets the dwangbevel
// answer, "go today" first, and the reminder of the date printed in it;
// a PDF of a Belastingdienst aanslag gets its answer; a blurred photo of
// nothing gets the honest question; the two pages of an album get one
// answer. Afterwards nothing of the letters is anywhere: not the
// resident's name nor the BSN, in Redis, in the log or in a temporary
// file.
func TestLetterPhotoOverBotAPI(t *testing.T) {
	if raceEnabled {
		t.Skip("reads five pages with Tesseract: run without -race (make test-letters)")
	}
	reader := letterReader(t)

	// A CJIB dwangbevel with a name and a BSN found nowhere else.
	dwangbevel := letterSample(t, 7)
	const name, bsn = "Pekelharing-Oosterwold", "918273645"
	_, surname, _ := strings.Cut(dwangbevel.Resident, " ")
	for i, l := range dwangbevel.Lines {
		l.Text = strings.ReplaceAll(l.Text, surname, name)
		l.Text = strings.ReplaceAll(l.Text, dwangbevel.BSN, bsn)
		dwangbevel.Lines[i] = l
	}
	if !strings.Contains(dwangbevel.Text(), name) || !strings.Contains(dwangbevel.Text(), bsn) {
		t.Fatal("the letter does not carry the name and the BSN")
	}
	renderer, err := lettertest.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	page, err := renderer.Page(dwangbevel.Letter)
	if err != nil {
		t.Fatal(err)
	}
	photo, err := lettertest.Photo(page, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}

	// The Tuesday morning after the letter came, when the walk-in of Stad
	// centrum is open.
	deadline := spreekuurbot.DateOf(dwangbevel.Deadline.In(almere()))
	now := spreekuurbot.DateOf(dwangbevel.Dated.In(almere())).AddDays(1)
	for now.Weekday() != time.Tuesday {
		now = now.AddDays(1)
	}
	clock := now.At(spreekuurbot.ClockTime(9*60), almere())
	log := &lockedBuffer{}
	// The flood guard raised: the clock stands still, and a person may send
	// this many in a few minutes.
	h := start(t, options{now: func() time.Time { return clock }, letters: reader, log: log, scale: 100})
	const chat = 4242
	seen := 0
	// next waits for the chat's next k messages.
	next := func(k int) []fakebotapi.Call {
		seen += k
		return h.messages(chat, seen)[seen-k:]
	}
	h.text(chat, "nl", "/start")
	next(1)
	// Where the bot and the programs it runs would put temporary files,
	// from here on.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)

	h.sendPhoto(chat, "nl", photo, "")
	// The answer, then what was read and, the first time, that nothing is
	// kept.
	msgs := next(2)
	answer := msgs[0]
	text := answer.Params["text"]
	found := h.texts.Text("nl", spreekuurbot.Msg{ID: flows.MsgLetterPhotoFoundDate, Args: map[string]any{
		"Kind": spreekuurbot.Msg{ID: "letter_word_dwangbevel"}, "Date": flows.ShortDateMsg(deadline)}})
	if want := found + "\n\n" + h.render("nl", flows.MsgLetterPhotoPrivacy); msgs[1].Params["text"] != want {
		t.Errorf("after the answer came %q, want %q", msgs[1].Params["text"], want)
	}
	if first, _, _ := strings.Cut(text, "\n"); first != h.render("nl", flows.MsgLetterGoToday) {
		t.Errorf("the answer starts with %q, want the urgent line", first)
	}
	if !strings.Contains(text, h.texts.Text("nl", spreekuurbot.Msg{ID: "letter_bd_dwangbevel"})) {
		t.Errorf("not the dwangbevel answer:\n%s", text)
	}
	if h.api.CallsTo("sendChatAction") == nil {
		t.Error("no chat action while reading")
	}
	remind := h.texts.Text("nl", spreekuurbot.Msg{ID: flows.MsgLetterPhotoRemind, Args: map[string]any{"Date": flows.DateMsg(deadline)}})
	// The outcome is a message of its own; the answer is drawn again.
	reminded := h.pressLabel(chat, "nl", answer, spreekuurbot.Msg{ID: flows.MsgPlain, Args: map[string]any{"Text": remind}})
	next(2)
	if set := h.texts.Text("nl", spreekuurbot.Msg{ID: flows.MsgReminderSet, Args: map[string]any{"Date": flows.DateMsg(deadline.AddDays(-3))}}); reminded.Params["text"] != set {
		t.Errorf("after the reminder button: %q, want %q", reminded.Params["text"], set)
	}

	// A PDF from the MijnOverheid Berichtenbox.
	aanslag := letterSample(t, 0)
	h.sendPDF(chat, "nl", aanslag.TextPDF)
	text = next(2)[0].Params["text"]
	if !strings.Contains(text, h.texts.Text("nl", spreekuurbot.Msg{ID: "letter_bd_aanslag"})) {
		t.Errorf("the PDF did not get the aanslag answer:\n%s", text)
	}

	// A blurred photo of nothing.
	h.sendPhoto(chat, "nl", blur(t), "")
	text = next(1)[0].Params["text"]
	if !strings.HasPrefix(text, h.render("nl", flows.MsgLetterPhotoUnreadable)) && !strings.HasPrefix(text, h.render("nl", flows.MsgLetterPhotoUnsure)) {
		t.Errorf("a blurred photo got %q, want the honest question", text)
	}

	// An album of two pages: one answer, then the next message's.
	h.sendPhoto(chat, "nl", photo, "album-1")
	h.sendPhoto(chat, "nl", photo, "album-1")
	h.text(chat, "nl", "/help")
	msgs = next(3)
	if !strings.Contains(msgs[0].Params["text"], h.texts.Text("nl", spreekuurbot.Msg{ID: "letter_bd_dwangbevel"})) {
		t.Errorf("the album was not answered as the dwangbevel:\n%s", msgs[0].Params["text"])
	}
	if !strings.HasPrefix(msgs[2].Params["text"], h.render("nl", flows.MsgHelpText)) {
		t.Errorf("after the album came %q: its second page was answered too", msgs[2].Params["text"])
	}
	if got := h.api.Downloads(); got != 5 {
		t.Errorf("%d files downloaded, want 5 (the album's two pages once)", got)
	}
	h.stop()

	// Nothing of the letter is left.
	for _, secret := range []string{name, "Pekelharing", bsn} {
		if strings.Contains(redisContents(t, h.redis.URL), secret) {
			t.Errorf("%q is in Redis", secret)
		}
		if strings.Contains(log.String(), secret) {
			t.Errorf("%q is in the log", secret)
		}
	}
	if files, _ := os.ReadDir(tmp); len(files) != 0 {
		t.Errorf("temporary files left: %v", files)
	}
	if strings.Contains(log.String(), "letter_bd") || len(log.String()) > 0 && strings.Contains(log.String(), "Dwangbevel") {
		t.Errorf("the log names the letter:\n%s", log.String())
	}
}

// blur is a phone photo of no letter: grey, noise, no text.
func blur(t *testing.T) []byte {
	t.Helper()
	rng := rand.New(rand.NewPCG(3, 4))
	img := image.NewGray(image.Rect(0, 0, 600, 800))
	for y := 0; y < 800; y++ {
		for x := 0; x < 600; x++ {
			img.SetGray(x, y, color.Gray{Y: uint8(150 + rng.IntN(30))})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 60}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// redisContents is every key and value in the redis-server, as text.
func redisContents(t *testing.T, url string) string {
	t.Helper()
	rdb := redis.NewClient(mustURL(t, url))
	defer rdb.Close()
	ctx := context.Background()
	var out strings.Builder
	iter := rdb.Scan(ctx, 0, "*", 1000).Iterator()
	for iter.Next(ctx) {
		key := iter.Val()
		fmt.Fprintf(&out, "%s\n", key)
		var v any
		var err error
		switch typ := rdb.Type(ctx, key).Val(); typ {
		case "string":
			v, err = rdb.Get(ctx, key).Result()
		case "hash":
			v, err = rdb.HGetAll(ctx, key).Result()
		case "list":
			v, err = rdb.LRange(ctx, key, 0, -1).Result()
		case "set":
			v, err = rdb.SMembers(ctx, key).Result()
		case "zset":
			v, err = rdb.ZRangeWithScores(ctx, key, 0, -1).Result()
		case "stream":
			v, err = rdb.XRange(ctx, key, "-", "+").Result()
		default:
			v = typ
		}
		if err != nil {
			t.Fatalf("read %s: %v", key, err)
		}
		raw, _ := json.Marshal(v)
		out.Write(raw)
		out.WriteByte('\n')
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestLetterLimits: a file over Telegram's download limit, more pages
// than a letter has, and a chat sending letter after letter each get
// their kind line, and nothing beyond the limits is downloaded or read.
func TestLetterLimits(t *testing.T) {
	reader := &countingReader{}
	// The flood guard raised: this is about the letters' own limits.
	h := start(t, options{letters: reader, scale: 100})
	const chat = 4343
	h.text(chat, "en", "/start")
	h.messages(chat, 1)

	id, unique := h.api.UserFile([]byte("%PDF-1.4 far too big"), "huge.pdf")
	h.send(chat, "en", models.Message{Document: &models.Document{FileID: id, FileUniqueID: unique, FileName: "huge.pdf", MimeType: "application/pdf", FileSize: 21 << 20}})
	if got := h.messages(chat, 2)[1].Params["text"]; !strings.HasPrefix(got, h.render("en", flows.MsgLetterPhotoTooLarge)) {
		t.Errorf("a 21 MB file got %q", got)
	}
	for range 7 {
		h.sendPhoto(chat, "en", blur(t), "album-7")
	}
	if got := h.messages(chat, 3)[2].Params["text"]; !strings.HasPrefix(got, h.render("en", flows.MsgLetterPhotoTooLarge)) {
		t.Errorf("a letter of 7 pages got %q", got)
	}
	if got := h.api.Downloads(); got != 0 {
		t.Errorf("%d files downloaded for letters over the limits", got)
	}
	// Letter after letter: the allowance, then a kind line.
	const allowance = 12
	for range allowance + 1 {
		h.sendPhoto(chat, "en", blur(t), "")
	}
	// The first read adds that nothing is kept: one message more.
	msgs := h.messages(chat, 3+1+allowance+1)
	if got := msgs[len(msgs)-1].Params["text"]; !strings.HasPrefix(got, h.render("en", flows.MsgLetterPhotoBusy)) {
		t.Errorf("letter %d got %q", allowance+1, got)
	}
	if got := reader.count(); got != allowance {
		t.Errorf("%d letters read, want %d", got, allowance)
	}
}

// countingReader stands in for reading where the test is about the
// limits around it: it counts the letters that reached it.
type countingReader struct {
	mu    sync.Mutex
	reads int
}

func (c *countingReader) Read(_ context.Context, files [][]byte, _ time.Time) (flows.LetterReading, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reads++
	return flows.LetterReading{Outcome: flows.LetterUnreadable}, nil
}

func (c *countingReader) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reads
}
