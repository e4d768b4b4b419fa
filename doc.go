// Package spreekuurbot is the domain of the wijkteams' bot: what the
// conversation, the store and the transport all speak of, and nothing of
// how. Places and their weekly walk-in times, dates, holidays and the
// schedule; bookable slots and appointments with the outcomes a resident
// sees (slot full, limit reached); reminders; the logs of help requests
// and huisbezoeken and the year's figures; broadcasts and their
// deliveries; roles, languages and the messages to show; and the ports
// through which all of it is stored, which package store implements.
//
// It imports nothing of the project, so every other package may depend on
// it and it on none of them (Ben Johnson's "Standard Package Layout"). A
// test over `go list` keeps that so.
package spreekuurbot
