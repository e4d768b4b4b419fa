package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"spreekuurbot/flows"
)

// LetterReader reads a letter from its files (photos, one per page, or a
// PDF): what the flows answer, never its text. reading.Reader implements
// it.
type LetterReader interface {
	Read(ctx context.Context, files [][]byte, now time.Time) (flows.LetterReading, error)
}

// Bounds on the letters one chat sends; a letter beyond them gets a kind
// line, not a read.
const (
	// maxLetterBytes is the largest file a bot may download (Telegram's
	// own limit for getFile).
	maxLetterBytes = 20 << 20
	// maxLetterPages bounds the photos of one letter (an album).
	maxLetterPages = 6
	// letterPagesPerHour and letterPagesBurst: a chat may send a few
	// letters at once, then some pages an hour. Reading takes a core for
	// seconds; nobody needs more.
	letterPagesPerHour = 20
	letterPagesBurst   = 12
	// defaultAlbumWait is how long the pages of one album are gathered
	// after the last one came: Telegram sends them as separate messages a
	// moment apart.
	defaultAlbumWait = 1500 * time.Millisecond
	// downloadTimeout bounds getting one file from Telegram.
	downloadTimeout = 30 * time.Second
)

// fileRef is a file a person sent, as Telegram names it: no content.
type fileRef struct {
	id   string
	size int64
}

// letterIn is what an update that carries a letter brings: its file and,
// for a page of an album, the album.
type letterIn struct {
	file  fileRef
	album string
}

// letterFiles picks the file of a message that can be a letter: the
// largest size of a photo Telegram offers, or a document that is an image
// or a PDF. Other documents (a spreadsheet, a song) are not letters.
func letterFiles(m *models.Message) (letterIn, bool) {
	switch {
	case len(m.Photo) > 0:
		best := m.Photo[0]
		for _, p := range m.Photo[1:] {
			if p.Width*p.Height > best.Width*best.Height {
				best = p
			}
		}
		return letterIn{file: fileRef{id: best.FileID, size: int64(best.FileSize)}, album: m.MediaGroupID}, true
	case m.Document != nil:
		d := m.Document
		name := strings.ToLower(d.FileName)
		if strings.HasPrefix(d.MimeType, "image/") || d.MimeType == "application/pdf" || strings.HasSuffix(name, ".pdf") {
			return letterIn{file: fileRef{id: d.FileID, size: d.FileSize}, album: m.MediaGroupID}, true
		}
	}
	return letterIn{}, false
}

// albums gathers the pages of letters sent as albums, by chat and album:
// the first page's job reads them all, the others' jobs find them taken.
// Only Telegram's file names are held, and only until every page's job
// has run. The wait for the rest of an album is on the wall clock, like a
// network timeout: it measures how Telegram delivers, not the
// application's time.
type albums struct {
	mu   sync.Mutex
	open map[albumKey]*album
}

type albumKey struct {
	chatID int64
	album  string
}

type album struct {
	pages []fileRef
	last  time.Time // when the latest page came
	taken bool      // a job reads the pages
	jobs  int       // pages whose job has not run yet
}

// note adds a page as it comes in, before its job is queued.
func (a *albums) note(chatID int64, l *letterIn) {
	if l == nil || l.album == "" {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.open == nil {
		a.open = map[albumKey]*album{}
	}
	k := albumKey{chatID, l.album}
	al := a.open[k]
	if al == nil || al.taken {
		// A page after the album was read starts a letter of its own;
		// the earlier album's jobs keep their own record.
		if al != nil {
			k.album += "\x00" + l.file.id
			l.album = k.album
		}
		al = &album{}
		a.open[k] = al
	}
	al.pages = append(al.pages, l.file)
	al.last = time.Now()
	al.jobs++
}

// take is called by a page's job: it returns the pages to read once the
// album is complete (wait after its last page), or nil when another
// page's job read them.
func (a *albums) take(ctx context.Context, chatID int64, l *letterIn, wait time.Duration) []fileRef {
	if l.album == "" {
		return []fileRef{l.file}
	}
	k := albumKey{chatID, l.album}
	for {
		a.mu.Lock()
		al := a.open[k]
		if al == nil {
			a.mu.Unlock()
			return []fileRef{l.file}
		}
		if al.taken {
			a.doneLocked(k, al)
			a.mu.Unlock()
			return nil
		}
		left := time.Until(al.last.Add(wait))
		if left <= 0 {
			al.taken = true
			pages := al.pages
			a.doneLocked(k, al)
			a.mu.Unlock()
			return pages
		}
		a.mu.Unlock()
		t := time.NewTimer(left)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return []fileRef{l.file} // shutting down: read what this job has
		}
	}
}

// leave takes back a page noted whose job will not run (dropped).
func (a *albums) leave(chatID int64, l *letterIn) {
	if l == nil || l.album == "" {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	k := albumKey{chatID, l.album}
	if al := a.open[k]; al != nil {
		a.doneLocked(k, al)
	}
}

func (a *albums) doneLocked(k albumKey, al *album) {
	al.jobs--
	if al.jobs <= 0 {
		delete(a.open, k)
	}
}

// readLetter fills in the letter event of an update with what the letter
// says. It reports false when there is nothing to answer: the page
// belongs to an album another page's job has read.
func (b *Bot) readLetter(ctx context.Context, in *incoming) bool {
	out := &in.event.Letter
	if b.cfg.Letters == nil {
		*out = flows.LetterReading{Outcome: flows.LetterUnavailable}
		b.countLetter(*out)
		return true
	}
	// Gathering an album's pages is waiting, not work: it frees the
	// worker, and so does reading, which has its own pool of one per
	// core. The chat's later updates wait behind it, in order.
	var pages []fileRef
	b.dispatch.outside(func() {
		pages = b.letterAlbums.take(ctx, in.chatID, in.letter, b.cfg.AlbumWait)
	})
	if pages == nil {
		return false
	}
	switch {
	case len(pages) > maxLetterPages || slices.ContainsFunc(pages, func(p fileRef) bool { return p.size > maxLetterBytes }):
		*out = flows.LetterReading{Outcome: flows.LetterTooLarge}
	case !b.allowLetter(in.chatID, len(pages)):
		*out = flows.LetterReading{Outcome: flows.LetterBusy}
	default:
		b.showReading(ctx, in.chatID)
		b.dispatch.outside(func() { *out = b.read(ctx, in, pages) })
	}
	b.countLetter(*out)
	return true
}

// allowLetter reports whether the chat may have n more pages read now.
func (b *Bot) allowLetter(chatID int64, n int) bool {
	b.letterMu.Lock()
	defer b.letterMu.Unlock()
	now := b.cfg.Now()
	return b.letterLimits.get(now, chatID).AllowN(now, n)
}

func newLetterLimits() *chatLimiters {
	return newChatLimiters(rate.Limit(letterPagesPerHour)/rate.Limit(time.Hour.Seconds()), letterPagesBurst)
}

// read downloads the pages and reads them. The files live in this
// function's memory only.
func (b *Bot) read(ctx context.Context, in *incoming, pages []fileRef) flows.LetterReading {
	files := make([][]byte, 0, len(pages))
	for _, p := range pages {
		data, err := b.download(ctx, p)
		if errors.Is(err, errFileTooLarge) {
			return flows.LetterReading{Outcome: flows.LetterTooLarge}
		}
		if err != nil {
			b.log.Warn("download a letter", "user", b.cfg.HashID(in.event.UserID), "err", redact(err.Error(), b.cfg.Token))
			continue
		}
		files = append(files, data)
	}
	if len(files) == 0 {
		return flows.LetterReading{Outcome: flows.LetterUnreadable}
	}
	res, err := b.cfg.Letters.Read(ctx, files, b.cfg.Now())
	if err != nil {
		b.log.Warn("read a letter", "user", b.cfg.HashID(in.event.UserID), "err", err)
		return flows.LetterReading{Outcome: flows.LetterUnreadable}
	}
	return res
}

var errFileTooLarge = errors.New("file too large")

// download gets a file a person sent from Telegram (getFile, then the
// file itself), at most maxLetterBytes.
func (b *Bot) download(ctx context.Context, f fileRef) ([]byte, error) {
	if f.size > maxLetterBytes {
		return nil, errFileTooLarge
	}
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	file, err := b.api.GetFile(ctx, &tgbot.GetFileParams{FileID: f.id})
	if err != nil {
		return nil, fmt.Errorf("getFile: %w", err)
	}
	if file.FileSize > maxLetterBytes {
		return nil, errFileTooLarge
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.api.FileDownloadLink(file), nil)
	if err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	resp, err := b.files.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download: %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxLetterBytes+1))
	if err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	if len(data) > maxLetterBytes {
		return nil, errFileTooLarge
	}
	return data, nil
}

// showReading shows "typing…" in the chat while the letter is read. It is
// a courtesy: failing to show it changes nothing.
func (b *Bot) showReading(ctx context.Context, chatID int64) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := b.api.SendChatAction(ctx, &tgbot.SendChatActionParams{ChatID: chatID, Action: models.ChatActionTyping}); err != nil {
		b.log.Debug("chat action", "err", redact(err.Error(), b.cfg.Token))
	}
}

// countLetter counts the outcome and, for a letter read, its kind (an
// answer node of the letter tree): nothing else of it.
func (b *Bot) countLetter(r flows.LetterReading) {
	kind := r.Node
	if r.Outcome != flows.LetterRead {
		kind = ""
	}
	b.metrics.letters.WithLabelValues(outcomeName(r.Outcome), kind).Inc()
}

func outcomeName(o flows.ReadOutcome) string {
	switch o {
	case flows.LetterRead:
		return "read"
	case flows.LetterUnsure:
		return "unsure"
	case flows.LetterUnreadable:
		return "unreadable"
	case flows.LetterUnavailable:
		return "unavailable"
	case flows.LetterTooLarge:
		return "too_large"
	case flows.LetterBusy:
		return "busy"
	}
	return "unknown"
}
