package bot

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
)

// Username asks the Bot API (getMe) for the bot's @name without the @,
// without starting a bot: for the links on the desks' posters. apiURL ""
// is Telegram's own.
func Username(ctx context.Context, token, apiURL string) (string, error) {
	opts := []tgbot.Option{tgbot.WithSkipGetMe(), tgbot.WithHTTPClient(10*time.Second, &http.Client{Timeout: 20 * time.Second})}
	if apiURL != "" {
		opts = append(opts, tgbot.WithServerURL(strings.TrimRight(apiURL, "/")))
	}
	api, err := tgbot.New(token, opts...)
	if err != nil {
		return "", fmt.Errorf("bot: %s", redact(err.Error(), token))
	}
	me, err := api.GetMe(ctx)
	if err != nil {
		return "", fmt.Errorf("bot: getMe: %s", redact(err.Error(), token))
	}
	if me.Username == "" {
		return "", fmt.Errorf("bot: getMe gave no username")
	}
	return me.Username, nil
}
