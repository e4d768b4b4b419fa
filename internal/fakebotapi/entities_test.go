package fakebotapi

import (
	"strings"
	"testing"
)

func TestParseFormatted(t *testing.T) {
	tests := []struct {
		name      string
		parseMode string
		text      string
		wantPlain string
		wantErr   string // prefix of the description; "" means success
	}{
		{"plain", "", "a <b> & *c*", "a <b> & *c*", ""},
		{"html tags", "HTML", `<b>vet</b> <i>schuin</i> <a href="https://example.org">link</a>`, "vet schuin link", ""},
		{"html mode is case-insensitive", "html", "<B>x</B>", "x", ""},
		{"html entities", "HTML", "1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;x&quot; &#65;&#x42; &nbsp;", `1 < 2 && 3 > 2 "x" AB &nbsp;`, ""},
		{"html nested", "HTML", "<b>a<i>b<u>c</u></i></b>", "abc", ""},
		{"html pre code", "HTML", `<pre><code class="language-go">x := 1</code></pre>`, "x := 1", ""},
		{"html spoiler span", "HTML", `<span class="tg-spoiler">geheim</span>`, "geheim", ""},
		{"html expandable blockquote", "HTML", "<blockquote expandable>lang</blockquote>", "lang", ""},
		{"html short end tag", "HTML", "<b>x</>", "x", ""},
		{"html unsupported tag", "HTML", "regel<br>regel", "", `Bad Request: can't parse entities: Unsupported start tag "br" at byte offset 5`},
		{"html bare less-than", "HTML", "a < b", "", `Bad Request: can't parse entities: Unsupported start tag "" at byte offset 2`},
		{"html unclosed", "HTML", "<b>x", "", "Bad Request: can't parse entities: Can't find end tag corresponding to start tag b"},
		{"html unmatched end", "HTML", "<b>x</i>", "", `Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`},
		{"html unexpected end", "HTML", "x</b>", "", "Bad Request: can't parse entities: Unexpected end tag at byte offset 1"},
		{"html unclosed start tag", "HTML", "<b", "", "Bad Request: can't parse entities: Unclosed start tag at byte offset 0"},
		{"html span without class", "HTML", "<span>x</span>", "", `Bad Request: can't parse entities: Tag "span" must have class "tg-spoiler"`},
		{"markdownv2 formatting", "MarkdownV2", "*vet* _schuin_ __onder__ ~door~ ||geheim|| [link](https://example.org/a\\)b)", "vet schuin onder door geheim link", ""},
		{"markdownv2 escapes", "MarkdownV2", `Tot 12\.00 \- 13\.00\!`, "Tot 12.00 - 13.00!", ""},
		{"markdownv2 code keeps reserved characters", "MarkdownV2", "`a.b-c` ```go\nx := 1.0\n```", "a.b-c x := 1.0\n", ""},
		{"markdownv2 block quote", "MarkdownV2", ">citaat\n**>lang", "citaat\nlang", ""},
		{"markdownv2 unescaped dot", "MarkdownV2", "12.00", "", `Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\'`},
		{"markdownv2 unescaped dash", "MarkdownV2", "a - b", "", `Bad Request: can't parse entities: Character '-' is reserved`},
		{"markdownv2 greater-than inside a line", "MarkdownV2", "a > b", "", `Bad Request: can't parse entities: Character '>' is reserved`},
		{"markdownv2 unclosed bold", "MarkdownV2", "*vet", "", "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0"},
		{"markdown legacy", "Markdown", "*vet* _schuin_ `code` [link](https://example.org) 12.00", "vet schuin code link 12.00", ""},
		{"markdown legacy unclosed", "Markdown", "a_b", "", "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 1"},
		{"unknown parse mode", "BBCode", "x", "", "Bad Request: unsupported parse_mode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain, errDesc := parseFormatted(tt.text, tt.parseMode)
			if tt.wantErr != "" {
				if !strings.HasPrefix(errDesc, tt.wantErr) {
					t.Fatalf("error %q, want prefix %q", errDesc, tt.wantErr)
				}
				return
			}
			if errDesc != "" {
				t.Fatalf("unexpected error %q", errDesc)
			}
			if plain != tt.wantPlain {
				t.Fatalf("plain = %q, want %q", plain, tt.wantPlain)
			}
		})
	}
}

func TestCheckReplyMarkup(t *testing.T) {
	tests := []struct {
		name       string
		markup     string
		inlineOnly bool
		wantNorm   string
		wantErr    string
	}{
		{"absent", "", false, "", ""},
		{"go-telegram button", `{"inline_keyboard":[[{"text":"a","callback_data":"x","copy_text":{"text":""}}]]}`, false, `{"inline_keyboard":[[{"callback_data":"x","text":"a"}]]}`, ""},
		{"copy text button", `{"inline_keyboard":[[{"text":"a","copy_text":{"text":"kopie"}}]]}`, false, `{"inline_keyboard":[[{"copy_text":{"text":"kopie"},"text":"a"}]]}`, ""},
		{"callback game keeps its empty object", `{"inline_keyboard":[[{"text":"a","callback_game":{}}]]}`, false, `{"inline_keyboard":[[{"callback_game":{},"text":"a"}]]}`, ""},
		{"switch inline query may be empty", `{"inline_keyboard":[[{"text":"a","switch_inline_query":""}]]}`, false, `{"inline_keyboard":[[{"switch_inline_query":"","text":"a"}]]}`, ""},
		{"numeric callback data", `{"inline_keyboard":[[{"text":"a","callback_data":12}]]}`, false, `{"inline_keyboard":[[{"callback_data":12,"text":"a"}]]}`, ""},
		{"empty keyboard", `{"inline_keyboard":[]}`, false, "", ""},
		{"remove keyboard", `{"remove_keyboard":true}`, false, "", ""},
		{"remove keyboard in an edit", `{"remove_keyboard":true}`, true, "", "Bad Request: inline keyboard expected"},
		{"not an object", `[1]`, false, "", "Bad Request: object expected as reply markup"},
		{"rows not arrays", `{"inline_keyboard":[{"text":"a"}]}`, false, "", `Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays`},
		{"bad url", `{"inline_keyboard":[[{"text":"a","url":"ftp://x"}]]}`, false, "", "Bad Request: BUTTON_URL_INVALID"},
		{"callback data not a string", `{"inline_keyboard":[[{"text":"a","callback_data":{}}]]}`, false, "", `Bad Request: can't parse inline keyboard button: Field "callback_data" must be of type String`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			norm, resp := checkReplyMarkup(tt.markup, tt.inlineOnly)
			if tt.wantErr != "" {
				if resp == nil || !strings.HasPrefix(resp.desc, tt.wantErr) {
					t.Fatalf("got %v, want error %q", resp, tt.wantErr)
				}
				return
			}
			if resp != nil {
				t.Fatalf("unexpected error %q", resp.desc)
			}
			if norm != tt.wantNorm {
				t.Fatalf("normalised = %s, want %s", norm, tt.wantNorm)
			}
		})
	}
}
