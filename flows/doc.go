// Package flows is the conversation logic of spreekuurbot: an Event plus the
// chat's Session gives replies, the next Session and effects. It knows no
// Telegram types and no Redis client; what it needs from storage is declared
// here as small interfaces and satisfied by package store.
//
// Texts are message IDs (MsgID) with arguments; package locales turns them
// into words in the user's language at the edge.
package flows
