package bot

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the transport's Prometheus metrics. They carry kinds and
// outcomes, never a user or a text.
type Metrics struct {
	updates   *prometheus.CounterVec
	dropped   *prometheus.CounterVec
	duration  prometheus.Histogram
	sends     *prometheus.CounterVec
	reminders prometheus.Counter
	// webhook counts webhook requests by outcome (webhook.go).
	webhook *prometheus.CounterVec
	// deliveries counts broadcast messages by outcome.
	deliveries *prometheus.CounterVec
	// letters counts letters read from photos and PDFs, by outcome and,
	// for those read, their kind (an answer node): nothing of the letter.
	letters *prometheus.CounterVec
}

// NewMetrics registers the metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "spreekuurbot_updates_total",
			Help: "Updates received, by kind (text, command, button, location, unsupported).",
		}, []string{"kind"}),
		dropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "spreekuurbot_updates_dropped_total",
			Help: "Updates not handled, by reason (flood, queue_full).",
		}, []string{"reason"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "spreekuurbot_handler_duration_seconds",
			Help:    "Time from taking an update to the last reply sent.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 12),
		}),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "spreekuurbot_sends_total",
			Help: "Bot API calls, by method and outcome (ok, retry, rate_limited, blocked, failed).",
		}, []string{"method", "outcome"}),
		reminders: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "spreekuurbot_reminders_sent_total",
			Help: "Reminders of letter deadlines sent.",
		}),
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "spreekuurbot_broadcast_deliveries_total",
			Help: "Broadcast messages, by outcome (ok, blocked, failed, skipped).",
		}, []string{"outcome"}),
		letters: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "spreekuurbot_letters_read_total",
			Help: "Letters sent as photos or PDFs, by outcome (read, unsure, unreadable, unavailable, too_large, busy) and, when read, the kind found.",
		}, []string{"outcome", "kind"}),
		webhook: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "spreekuurbot_webhook_requests_total",
			Help: "Updates posted to the webhook, by outcome (queued, duplicate, ignored, flood, unauthorized, unavailable, bad_request, error).",
		}, []string{"outcome"}),
	}
	if reg != nil {
		reg.MustRegister(m.webhook, m.letters)
		reg.MustRegister(m.deliveries)
		reg.MustRegister(m.updates, m.dropped, m.duration, m.sends, m.reminders)
	}
	return m
}
