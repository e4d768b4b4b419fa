package spreekuurbot

// DataExport is everything stored about a person, for "show my data".
type DataExport struct {
	Lang          string
	Subscriptions []string
	Bookings      []Booking
	Reminders     int
	Consented     bool
}
