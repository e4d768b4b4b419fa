package bot

import (
	"time"

	"golang.org/x/time/rate"
)

// chatLimiters holds a token bucket per chat. The caller serialises access.
// Buckets that have filled up again are forgotten now and then: a fresh one
// would behave the same, and a city's worth of chats must not pile up.
type chatLimiters struct {
	limit rate.Limit
	burst int
	byID  map[int64]*rate.Limiter
	uses  int
}

func newChatLimiters(limit rate.Limit, burst int) *chatLimiters {
	return &chatLimiters{limit: limit, burst: burst, byID: map[int64]*rate.Limiter{}}
}

// get returns the chat's bucket as of now.
func (c *chatLimiters) get(now time.Time, chatID int64) *rate.Limiter {
	c.uses++
	if c.uses%1024 == 0 {
		for id, l := range c.byID {
			if l.TokensAt(now) >= float64(c.burst) {
				delete(c.byID, id)
			}
		}
	}
	l, ok := c.byID[chatID]
	if !ok {
		l = rate.NewLimiter(c.limit, c.burst)
		c.byID[chatID] = l
	}
	return l
}
