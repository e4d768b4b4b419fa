package spreekuurbot

import "testing"

// TestDeskOf: a desk's link names its place; an invite code that happens
// to start the same (22 characters) is not taken for one.
func TestDeskOf(t *testing.T) {
	tests := []struct {
		arg    string
		want   string
		isDesk bool
	}{
		{"loc-stad-centrum", "stad-centrum", true},
		{"loc-", "", true},
		{"loc-" + "abcdefghijklmnop", "abcdefghijklmnop", true},
		{"loc-AbCdEfGhIjKlMnOpQr", "", false}, // an invite code's length
		{"Zq3k9Xw0bYtLmN4pQrS8vA", "", false},
	}
	for _, tt := range tests {
		got, ok := DeskOf(tt.arg)
		if ok != tt.isDesk || (ok && got != tt.want) {
			t.Errorf("DeskOf(%q) = %q, %v; want %q, %v", tt.arg, got, ok, tt.want, tt.isDesk)
		}
	}
	if got := DeskLink("spreekuur_bot", "haven-centrum"); got != "https://t.me/spreekuur_bot?start=loc-haven-centrum" {
		t.Errorf("DeskLink = %q", got)
	}
}
