package store_test

import (
	"testing"

	"spreekuurbot/internal/redistest"
)

// newRedis gives a test an empty Redis of its own and returns its URL for
// store.Open; a test that plays two replicas opens the URL twice.
type newRedis func(t testing.TB) string

// storeTest is one of the store's tests, run on a Redis that fresh gives.
type storeTest struct {
	name string
	run  func(t *testing.T)
}

// storeTests is the one table of the store's tests: TestStore runs it on a
// private redis-server each, TestCluster on a three-node Redis Cluster,
// TestSentinel through a Sentinel URL.
func storeTests(fresh newRedis) []storeTest {
	return []storeTest{
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
		{"BookingNeeds", func(t *testing.T) { testBookingNeeds(t, fresh) }},
		{"CancelWhileMoving", func(t *testing.T) { testCancelWhileMoving(t, fresh) }},

		// The waitlist: a freed place offered to one person at a time.
		{"WaitlistEntries", func(t *testing.T) { testWaitlistEntries(t, fresh) }},
		{"WaitlistOffer", func(t *testing.T) { testWaitlistOffer(t, fresh) }},
		{"WaitlistLimitAndMove", func(t *testing.T) { testWaitlistLimitAndMove(t, fresh) }},
		{"WaitlistRaces", func(t *testing.T) { testWaitlistRaces(t, fresh) }},

		// Reminders and subscriptions.
		{"RemindersOnce", func(t *testing.T) { testRemindersOnce(t, fresh) }},
		{"AppointmentReminders", func(t *testing.T) { testAppointmentReminders(t, fresh) }},
		{"RemindersWrittenBefore", func(t *testing.T) { testRemindersWrittenBefore(t, fresh) }},
		{"Subscriptions", func(t *testing.T) { testSubscriptions(t, fresh) }},

		// Volunteers' logs, huisbezoek, the team and the coordinators' changes.
		{"LogsOnceAndUndo", func(t *testing.T) { testLogsOnceAndUndo(t, fresh) }},
		{"VisitsOnceAndUndo", func(t *testing.T) { testVisitsOnceAndUndo(t, fresh) }},
		{"Imports", func(t *testing.T) { testImports(t, fresh) }},
		{"Team", func(t *testing.T) { testTeam(t, fresh) }},
		{"VolunteerNumbers", func(t *testing.T) { testVolunteerNumbers(t, fresh) }},
		{"Overlays", func(t *testing.T) { testOverlays(t, fresh) }},
		{"LegacyOverlays", func(t *testing.T) { testLegacyOverlays(t, fresh) }},

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
}

// TestStore runs the table, each test on a redis-server of its own.
func TestStore(t *testing.T) {
	for _, tt := range storeTests(redistest.URL) {
		t.Run(tt.name, tt.run)
	}
}
