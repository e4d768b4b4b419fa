package store

import (
	"fmt"

	"github.com/alicebob/miniredis/v2"
)

// Embedded is an in-memory Redis inside the process, for running the bot
// without a server. Nothing in it survives a restart.
type Embedded struct {
	server *miniredis.Miniredis
}

// StartEmbedded starts an in-memory Redis on a free loopback port.
func StartEmbedded() (*Embedded, error) {
	m, err := miniredis.Run()
	if err != nil {
		return nil, fmt.Errorf("start embedded redis: %w", err)
	}
	return &Embedded{server: m}, nil
}

// URL is the address to Open.
func (e *Embedded) URL() string { return "redis://" + e.server.Addr() }

// Close stops the server and drops its data.
func (e *Embedded) Close() { e.server.Close() }
