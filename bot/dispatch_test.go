package bot

import (
	"context"
	"testing"
	"time"
)

// TestWaitingGivesUpTheWorker: a job that waits to send gives its worker
// slot to another chat meanwhile, so a chat held by its own limit (or by
// a 429) does not hold back the others; the chat's next job still waits
// for it.
func TestWaitingGivesUpTheWorker(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	d := newDispatcher(ctx, 1, 4, time.Now, 1)
	release := make(chan struct{})
	var order []string
	waiting := make(chan struct{})
	d.submit(1, func(ctx context.Context) {
		outside(ctx, func() {
			close(waiting)
			select {
			case <-release:
			case <-ctx.Done():
			}
		})
		order = append(order, "chat 1, first")
	})
	secondOfChat1 := make(chan struct{})
	d.submit(1, func(context.Context) { order = append(order, "chat 1, second"); close(secondOfChat1) })
	<-waiting
	otherChat := make(chan struct{})
	d.submit(2, func(context.Context) { close(otherChat) })
	select {
	case <-otherChat:
	case <-ctx.Done():
		t.Fatal("another chat waited for a job that waits to send")
	}
	select {
	case <-secondOfChat1:
		t.Fatal("the chat's next job ran before its first had sent")
	default:
	}
	close(release)
	d.wait()
	if len(order) != 2 || order[0] != "chat 1, first" {
		t.Errorf("chat 1 ran in the order %v", order)
	}
}
