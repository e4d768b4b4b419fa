package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"spreekuurbot/internal/fakebotapi"
)

// TestPoster: `spreekuurbot poster` asks Telegram for the bot's name
// (getMe) when a token is set, or takes --bot, and writes a PNG or a PDF
// whose QR code opens the bot at that desk; a wrong place, file type or
// missing name is refused with what to do.
func TestPoster(t *testing.T) {
	api := fakebotapi.New(t, "42:poster-test")
	t.Setenv("SPREEKUUR_CONFIG", "")
	t.Setenv("TELEGRAM_API_URL", api.URL())
	dir := t.TempDir()
	run := func(token string, wantCode int, args ...string) string {
		t.Helper()
		t.Setenv("TELEGRAM_BOT_TOKEN", token)
		var out, errOut bytes.Buffer
		if code := testMain(context.Background(), append([]string{"poster"}, args...), nil, &out, &errOut); code != wantCode {
			t.Fatalf("poster %s: exit %d, want %d: %s", strings.Join(args, " "), code, wantCode, errOut.String())
		}
		return out.String() + errOut.String()
	}

	file := filepath.Join(dir, "haven.png")
	run(api.Token(), 0, "--location", "haven-centrum", "--out", file)
	if n := len(api.CallsTo("getMe")); n != 1 {
		t.Errorf("%d getMe calls, want 1", n)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("no QR code on the poster: %v", err)
	}
	if want := "https://t.me/spreekuur_test_bot?start=loc-haven-centrum"; res.GetText() != want {
		t.Errorf("the code opens %q, want %q (the name from getMe)", res.GetText(), want)
	}

	pdf := filepath.Join(dir, "stad.PDF")
	if out := run("", 0, "--location", "stad-centrum", "--out", pdf, "--bot", "@spreekuur_bot", "--lang", "ar"); !strings.Contains(out, "https://t.me/spreekuur_bot?start=loc-stad-centrum") {
		t.Errorf("output %q does not name the link", out)
	}
	if data, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("no PDF written (%v)", err)
	}

	refused := []struct {
		name, token string
		args        []string
		want        string
	}{
		{"unknown place", "", []string{"--location", "nergens", "--out", file, "--bot", "spreekuur_bot"}, `"nergens": no such place; the configuration has stad-centrum`},
		{"other file type", "", []string{"--location", "stad-centrum", "--out", filepath.Join(dir, "x.jpg"), "--bot", "spreekuur_bot"}, "want a file ending in .pdf or .png"},
		{"no name", "", []string{"--location", "stad-centrum", "--out", file}, "set TELEGRAM_BOT_TOKEN (asks Telegram) or give --bot NAME"},
		{"a name Telegram would not give", "", []string{"--location", "stad-centrum", "--out", file, "--bot", "a b"}, "5 to 32 of"},
		{"wrong token", "42:wrong", []string{"--location", "stad-centrum", "--out", file}, "getMe"},
		{"a language the bot does not speak", "", []string{"--location", "stad-centrum", "--out", file, "--bot", "spreekuur_bot", "--lang", "de"}, `--lang "de"`},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			out := run(tt.token, 1, tt.args...)
			if !strings.Contains(out, tt.want) {
				t.Errorf("%q lacks %q", out, tt.want)
			}
			if tt.token != "" && strings.Contains(out, tt.token) {
				t.Errorf("the error shows the token: %q", out)
			}
		})
	}
}
