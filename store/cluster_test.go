package store_test

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"

	"spreekuurbot/internal/redistest"
)

// newRedis gives a test an empty Redis of its own and returns its URL for
// store.Open; a test that plays two replicas opens the URL twice. The
// single-server tests pass redistest.URL, TestCluster a flushed cluster.
type newRedis func(t testing.TB) string

// TestCluster runs the store's tests, unchanged, against a three-node
// Redis Cluster opened with store.Open(clusterURL): every script and
// transaction must keep its keys in one hash slot, and every read and
// write must find its node. The subtests share one cluster, flushed
// before each, since starting a cluster is the slow part.
func TestCluster(t *testing.T) {
	url := redistest.Cluster(t)
	opts, err := redis.ParseClusterURL(url)
	if err != nil {
		t.Fatal(err)
	}
	admin := redis.NewClusterClient(opts)
	t.Cleanup(func() { admin.Close() })
	fresh := func(t testing.TB) string {
		t.Helper()
		err := admin.ForEachMaster(context.Background(), func(ctx context.Context, node *redis.Client) error {
			return node.FlushAll(ctx).Err()
		})
		if err != nil {
			t.Fatalf("flush cluster: %v", err)
		}
		return url
	}
	tests := []struct {
		name string
		run  func(t *testing.T)
	}{
		// Sessions, the secret and privacy.
		{"SessionRoundTrip", func(t *testing.T) { testSessionRoundTrip(t, fresh) }},
		{"KeysArePrivate", func(t *testing.T) { testKeysArePrivate(t, fresh) }},
		{"SecretSharedByReplicas", func(t *testing.T) { testSecretSharedByReplicas(t, fresh) }},
		{"ForgetLeavesNothing", func(t *testing.T) { testForgetLeavesNothing(t, fresh) }},

		// Bookings: the races that the Lua scripts close.
		{"NoDoubleBooking", func(t *testing.T) { testNoDoubleBooking(t, fresh) }},
		{"LimitPerResident", func(t *testing.T) { testLimitPerResident(t, fresh) }},
		{"RetriedRequest", func(t *testing.T) { testRetriedRequest(t, fresh) }},
		{"OtherResidentsBooking", func(t *testing.T) { testOtherResidentsBooking(t, fresh) }},
		{"MovesAndCancelsUnderRace", func(t *testing.T) { testMovesAndCancelsUnderRace(t, fresh) }},
		{"OnePlacePerSlot", func(t *testing.T) { testOnePlacePerSlot(t, fresh) }},
		{"DayBookingsAndMarks", func(t *testing.T) { testDayBookingsAndMarks(t, fresh) }},
		{"CancelWhileMoving", func(t *testing.T) { testCancelWhileMoving(t, fresh) }},

		// Reminders and subscriptions.
		{"RemindersOnce", func(t *testing.T) { testRemindersOnce(t, fresh) }},
		{"Subscriptions", func(t *testing.T) { testSubscriptions(t, fresh) }},

		// Volunteers' logs, huisbezoek, the team and the coordinators' changes.
		{"LogsOnceAndUndo", func(t *testing.T) { testLogsOnceAndUndo(t, fresh) }},
		{"Visits", func(t *testing.T) { testVisits(t, fresh) }},
		{"Team", func(t *testing.T) { testTeam(t, fresh) }},
		{"Overlays", func(t *testing.T) { testOverlays(t, fresh) }},

		// The broadcast queue and the rate limit shared by replicas.
		{"BroadcastQueue", func(t *testing.T) { testBroadcastQueue(t, fresh) }},
		{"BroadcastResume", func(t *testing.T) { testBroadcastResume(t, fresh) }},
		{"BroadcastTakeover", func(t *testing.T) { testBroadcastTakeover(t, fresh) }},
		{"SendGate", func(t *testing.T) { testSendGate(t, fresh) }},
		{"ChatBlocked", func(t *testing.T) { testChatBlocked(t, fresh) }},

		// The webhook inbox and the leases.
		{"Lease", func(t *testing.T) { testLease(t, storeOn(fresh)) }},
		{"Inbox", func(t *testing.T) { runInboxTests(t, storeOn(fresh)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}
