package flows

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"sync"
)

// MaxCallbackData is Telegram's limit on a button's callback data, in bytes.
const MaxCallbackData = 64

// callbackVersion prefixes every callback data string, so that a future
// format can be told apart from buttons still on residents' screens.
const callbackVersion = "1"

// macLen is the number of HMAC bytes kept: 48 bits make a forged button a
// one-in-2^48 guess, in 8 characters of base64.
const macLen = 6

// ErrInvalidButton is returned for callback data that is malformed, of an
// unknown version, forged, or made for another user.
var ErrInvalidButton = errors.New("invalid button")

// Payload is what a button carries. Seq binds the button to the screen it
// was drawn on; zero means the button stays valid on any screen (used for
// buttons on messages that arrive unasked, such as reminders).
type Payload struct {
	Seq    uint32
	Action string
	Arg    string
}

// Codec encodes button payloads into callback data and back. Data is bound
// to the user it was shown to by an HMAC, so a forged button or one copied
// from another person's chat is rejected before any flow sees it.
type Codec struct {
	// macs recycles keyed hashes: a screen signs a dozen buttons, and a
	// fresh HMAC allocates its pads each time.
	macs *sync.Pool
}

// NewCodec returns a Codec that signs with key.
func NewCodec(key []byte) Codec {
	key = append([]byte(nil), key...)
	return Codec{macs: &sync.Pool{New: func() any { return hmac.New(sha256.New, key) }}}
}

// Encode turns p into callback data for userID.
func (c Codec) Encode(userID int64, p Payload) (string, error) {
	if !validField(p.Action) || p.Action == "" || !validField(p.Arg) {
		return "", fmt.Errorf("encode button %q/%q: bad characters", p.Action, p.Arg)
	}
	data := c.sign(userID, p)
	if len(data) > MaxCallbackData {
		return "", fmt.Errorf("encode button %q/%q: %d bytes, more than %d", p.Action, p.Arg, len(data), MaxCallbackData)
	}
	return data, nil
}

// sign encodes p without checking it; the engine only signs payloads built
// from its own constants, which New has checked.
func (c Codec) sign(userID int64, p Payload) string {
	body := callbackVersion + strconv.FormatUint(uint64(p.Seq), 36) + ":" + p.Action + ":" + p.Arg
	return body + ":" + c.mac(userID, body)
}

// Decode checks data and returns its payload, or ErrInvalidButton.
func (c Codec) Decode(userID int64, data string) (Payload, error) {
	if len(data) > MaxCallbackData || !strings.HasPrefix(data, callbackVersion) {
		return Payload{}, ErrInvalidButton
	}
	cut := strings.LastIndexByte(data, ':')
	if cut < 0 {
		return Payload{}, ErrInvalidButton
	}
	body, sig := data[:cut], data[cut+1:]
	if !hmac.Equal([]byte(sig), []byte(c.mac(userID, body))) {
		return Payload{}, ErrInvalidButton
	}
	parts := strings.Split(body[len(callbackVersion):], ":")
	if len(parts) != 3 || parts[1] == "" {
		return Payload{}, ErrInvalidButton
	}
	seq, err := strconv.ParseUint(parts[0], 36, 32)
	if err != nil {
		return Payload{}, ErrInvalidButton
	}
	return Payload{Seq: uint32(seq), Action: parts[1], Arg: parts[2]}, nil
}

func (c Codec) mac(userID int64, body string) string {
	m := c.macs.Get().(hash.Hash)
	defer c.macs.Put(m)
	m.Reset()
	var buf [8 + MaxCallbackData]byte
	binary.BigEndian.PutUint64(buf[:8], uint64(userID))
	m.Write(append(buf[:8], body...))
	var sum [sha256.Size]byte
	return base64.RawURLEncoding.EncodeToString(m.Sum(sum[:0])[:macLen])
}

// validField allows the characters a payload field may hold: ':' separates
// fields, and anything beyond plain ASCII would only waste the 64 bytes.
func validField(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_' || b == '.') {
			return false
		}
	}
	return true
}
