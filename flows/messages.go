package flows

import (
	"time"

	"spreekuurbot"
)

// Message IDs, grouped by the screen that shows them.
const (
	// MsgLanguageName is the language's own name in its own script; the
	// language picker shows each button in its own language.
	MsgLanguageName   spreekuurbot.MsgID = "language_name"
	MsgLanguageChoose spreekuurbot.MsgID = "language_choose"
	MsgLanguageSaved  spreekuurbot.MsgID = "language_saved"

	MsgHomeText            spreekuurbot.MsgID = "home_text"
	MsgHomeRoleVolunteer   spreekuurbot.MsgID = "home_role_volunteer"
	MsgHomeRoleCoordinator spreekuurbot.MsgID = "home_role_coordinator"

	MsgHelpText     spreekuurbot.MsgID = "help_text"
	MsgHelpCommands spreekuurbot.MsgID = "help_commands"
	// MsgHelpCommandLine is one command of the person's role in /help:
	// {{.Command}} and its {{.Description}}.
	MsgHelpCommandLine spreekuurbot.MsgID = "help_command_line"

	MsgButtonLetter    spreekuurbot.MsgID = "button_letter"
	MsgButtonWoningnet spreekuurbot.MsgID = "button_woningnet"
	MsgButtonSpreekuur spreekuurbot.MsgID = "button_spreekuur"
	MsgButtonHelp      spreekuurbot.MsgID = "button_help"
	MsgButtonLanguage  spreekuurbot.MsgID = "button_language"
	MsgButtonBack      spreekuurbot.MsgID = "button_back"
	MsgButtonHome      spreekuurbot.MsgID = "button_home"

	MsgButtonInvalid    spreekuurbot.MsgID = "button_invalid"
	MsgFallbackText     spreekuurbot.MsgID = "fallback_text"
	MsgFallbackMedia    spreekuurbot.MsgID = "fallback_media"
	MsgFallbackCommand  spreekuurbot.MsgID = "fallback_command"
	MsgErrorUnavailable spreekuurbot.MsgID = "error_unavailable"

	// Typed words that no screen waited for (typed.go): MsgDidYouMean
	// stands above the buttons to the places they point to; when they
	// point nowhere, MsgFallbackText goes with the home menu, or
	// MsgFallbackTextPhoto where this server reads photos of letters.
	MsgDidYouMean        spreekuurbot.MsgID = "did_you_mean"
	MsgFallbackTextPhoto spreekuurbot.MsgID = "fallback_text_photo"

	MsgCommandStart     spreekuurbot.MsgID = "command_start"
	MsgCommandHelp      spreekuurbot.MsgID = "command_help"
	MsgCommandLanguage  spreekuurbot.MsgID = "command_language"
	MsgCommandSpreekuur spreekuurbot.MsgID = "command_spreekuur"

	// MsgPlain shows a name or a number as it is: {{.Text}}.
	MsgPlain spreekuurbot.MsgID = "plain"

	// Dates and times, assembled from parts so each language orders them.
	MsgWeekday0 spreekuurbot.MsgID = "weekday_0" // Sunday, as time.Weekday counts
	MsgWeekday1 spreekuurbot.MsgID = "weekday_1"
	MsgWeekday2 spreekuurbot.MsgID = "weekday_2"
	MsgWeekday3 spreekuurbot.MsgID = "weekday_3"
	MsgWeekday4 spreekuurbot.MsgID = "weekday_4"
	MsgWeekday5 spreekuurbot.MsgID = "weekday_5"
	MsgWeekday6 spreekuurbot.MsgID = "weekday_6"
	MsgMonth1   spreekuurbot.MsgID = "month_1"
	MsgMonth2   spreekuurbot.MsgID = "month_2"
	MsgMonth3   spreekuurbot.MsgID = "month_3"
	MsgMonth4   spreekuurbot.MsgID = "month_4"
	MsgMonth5   spreekuurbot.MsgID = "month_5"
	MsgMonth6   spreekuurbot.MsgID = "month_6"
	MsgMonth7   spreekuurbot.MsgID = "month_7"
	MsgMonth8   spreekuurbot.MsgID = "month_8"
	MsgMonth9   spreekuurbot.MsgID = "month_9"
	MsgMonth10  spreekuurbot.MsgID = "month_10"
	MsgMonth11  spreekuurbot.MsgID = "month_11"
	MsgMonth12  spreekuurbot.MsgID = "month_12"
	// MsgMonthAlone1… name a month standing alone (a button, a row of the
	// figures): Polish and Ukrainian use the nominative there, the genitive
	// in a date.
	MsgMonthAlone1  spreekuurbot.MsgID = "month_alone_1"
	MsgMonthAlone2  spreekuurbot.MsgID = "month_alone_2"
	MsgMonthAlone3  spreekuurbot.MsgID = "month_alone_3"
	MsgMonthAlone4  spreekuurbot.MsgID = "month_alone_4"
	MsgMonthAlone5  spreekuurbot.MsgID = "month_alone_5"
	MsgMonthAlone6  spreekuurbot.MsgID = "month_alone_6"
	MsgMonthAlone7  spreekuurbot.MsgID = "month_alone_7"
	MsgMonthAlone8  spreekuurbot.MsgID = "month_alone_8"
	MsgMonthAlone9  spreekuurbot.MsgID = "month_alone_9"
	MsgMonthAlone10 spreekuurbot.MsgID = "month_alone_10"
	MsgMonthAlone11 spreekuurbot.MsgID = "month_alone_11"
	MsgMonthAlone12 spreekuurbot.MsgID = "month_alone_12"
	MsgDateLong     spreekuurbot.MsgID = "date_long"     // {{.Weekday}} {{.Day}} {{.Month}} {{.Year}}
	MsgMonthYear    spreekuurbot.MsgID = "month_year"    // {{.Month}} {{.Year}}
	MsgWalkInPeriod spreekuurbot.MsgID = "walkin_period" // {{.Weekday}} {{.Day}} {{.Month}}, {{.From}}–{{.To}}

	// The spreekuur finder.
	MsgSpreekuurChoose     spreekuurbot.MsgID = "spreekuur_choose"
	MsgButtonShareLocation spreekuurbot.MsgID = "button_share_location"
	MsgShareLocationPrompt spreekuurbot.MsgID = "share_location_prompt"
	MsgShareLocationButton spreekuurbot.MsgID = "share_location_button"
	MsgStadsdeelName       spreekuurbot.MsgID = "stadsdeel_name"  // Almere {{.Name}}
	MsgStadsdeelTitle      spreekuurbot.MsgID = "stadsdeel_title" // Spreekuren in Almere {{.Name}}:
	MsgLocationLabel       spreekuurbot.MsgID = "location_label"  // {{.Name}} ({{.Wijk}})
	MsgLocationTitle       spreekuurbot.MsgID = "location_title"
	MsgLocationAddress     spreekuurbot.MsgID = "location_address"
	MsgNextWalkIns         spreekuurbot.MsgID = "location_next_walkins"
	MsgNoWalkIns           spreekuurbot.MsgID = "location_no_walkins"
	MsgLocationUnverified  spreekuurbot.MsgID = "location_unverified"
	MsgLocationBring       spreekuurbot.MsgID = "location_bring"
	MsgButtonMap           spreekuurbot.MsgID = "button_map"
	MsgButtonBring         spreekuurbot.MsgID = "button_bring"
	MsgButtonCommands      spreekuurbot.MsgID = "button_commands"
	MsgButtonRoute         spreekuurbot.MsgID = "button_route"
	MsgButtonSubscribe     spreekuurbot.MsgID = "button_subscribe"
	MsgButtonUnsubscribe   spreekuurbot.MsgID = "button_unsubscribe"
	MsgSubscribed          spreekuurbot.MsgID = "subscribed"
	MsgUnsubscribed        spreekuurbot.MsgID = "unsubscribed"
	MsgNearbyTitle         spreekuurbot.MsgID = "nearby_title"
	// MsgNearbyOutside heads the list for someone far from every place: the
	// bot is for Almere.
	MsgNearbyOutside spreekuurbot.MsgID = "nearby_outside"
	MsgNearbyLabel   spreekuurbot.MsgID = "nearby_label" // {{.Name}} – {{.Km}} km
	MsgNearbyNone    spreekuurbot.MsgID = "nearby_none"

	// Urgent letters: go today.
	MsgLetterGoToday      spreekuurbot.MsgID = "letter_go_today"      // while a walk-in is still open today
	MsgLetterGoNext       spreekuurbot.MsgID = "letter_go_next"       // none left today: {{.Period}}, {{.Name}}
	MsgLetterGoHelp       spreekuurbot.MsgID = "letter_go_help"       // no walk-in known at all
	MsgLetterButtonHelp   spreekuurbot.MsgID = "letter_button_help"   // who else can help with an urgent letter
	MsgLetterCallGemeente spreekuurbot.MsgID = "letter_call_gemeente" // while the line is open: {{.Number}}
	MsgWalkInToday        spreekuurbot.MsgID = "walkin_today"         // {{.Name}}: {{.From}}–{{.To}}
	MsgReferralDebts      spreekuurbot.MsgID = "letter_referral_debts"
	MsgReferralLegal      spreekuurbot.MsgID = "letter_referral_legal"
	MsgReferralBenefits   spreekuurbot.MsgID = "letter_referral_benefits"
	MsgReferralWijkteam   spreekuurbot.MsgID = "letter_referral_wijkteam"
	MsgLetterButtonTimes  spreekuurbot.MsgID = "letter_button_times"
	MsgLetterButtonRemind spreekuurbot.MsgID = "letter_button_remind"
	MsgReminderWhen       spreekuurbot.MsgID = "reminder_when"
	MsgReminderDay        spreekuurbot.MsgID = "reminder_day" // {{.Month}}
	MsgReminderSet        spreekuurbot.MsgID = "reminder_set" // {{.Date}}
	MsgReminderTooLate    spreekuurbot.MsgID = "reminder_too_late"
	MsgReminderMessage    spreekuurbot.MsgID = "reminder_message" // {{.Letter}} {{.Date}}

	// A letter read from a photo or a PDF.
	MsgLetterPhotoHint        spreekuurbot.MsgID = "letter_photo_hint"       // on the letter finder, when photos are read
	MsgLetterPhotoPrivacy     spreekuurbot.MsgID = "letter_photo_privacy"    // with the first letter read
	MsgLetterPhotoFound       spreekuurbot.MsgID = "letter_photo_found"      // {{.Kind}}
	MsgLetterPhotoGuess       spreekuurbot.MsgID = "letter_photo_guess"      // a button: {{.Sender}}, {{.Kind}}
	MsgLetterPhotoFoundDate   spreekuurbot.MsgID = "letter_photo_found_date" // {{.Kind}}, {{.Date}}
	MsgLetterPhotoRemind      spreekuurbot.MsgID = "letter_photo_remind"     // a button: {{.Date}}
	MsgLetterPhotoUnsure      spreekuurbot.MsgID = "letter_photo_unsure"
	MsgLetterPhotoNoneOfThese spreekuurbot.MsgID = "letter_photo_none_of_these"
	MsgLetterPhotoUnreadable  spreekuurbot.MsgID = "letter_photo_unreadable"
	MsgLetterPhotoUnavailable spreekuurbot.MsgID = "letter_photo_unavailable"
	MsgLetterPhotoTooLarge    spreekuurbot.MsgID = "letter_photo_too_large"
	MsgLetterPhotoBusy        spreekuurbot.MsgID = "letter_photo_busy"

	// Appointments.
	MsgButtonBook          spreekuurbot.MsgID = "button_book"
	MsgButtonAppointments  spreekuurbot.MsgID = "button_appointments"
	MsgButtonPrivacy       spreekuurbot.MsgID = "button_privacy"
	MsgCommandBook         spreekuurbot.MsgID = "command_book"
	MsgCommandAppointments spreekuurbot.MsgID = "command_appointments"
	MsgCommandPrivacy      spreekuurbot.MsgID = "command_privacy"
	MsgCommandForget       spreekuurbot.MsgID = "command_forget"
	MsgDateShort           spreekuurbot.MsgID = "date_short" // {{.Weekday}} {{.Day}} {{.Month}}
	MsgBookChooseLocation  spreekuurbot.MsgID = "book_choose_location"
	MsgBookChooseTopic     spreekuurbot.MsgID = "book_choose_topic"
	MsgTopicLetter         spreekuurbot.MsgID = "topic_letter"
	MsgTopicToeslagen      spreekuurbot.MsgID = "topic_toeslagen"
	MsgTopicTax            spreekuurbot.MsgID = "topic_tax"
	MsgTopicWoningnet      spreekuurbot.MsgID = "topic_woningnet"
	MsgTopicDigiD          spreekuurbot.MsgID = "topic_digid"
	MsgTopicDebts          spreekuurbot.MsgID = "topic_debts"
	MsgTopicPaperwork      spreekuurbot.MsgID = "topic_paperwork"
	MsgTopicOther          spreekuurbot.MsgID = "topic_other"
	MsgBookChooseDay       spreekuurbot.MsgID = "book_choose_day" // {{.Name}}
	MsgBookNoDays          spreekuurbot.MsgID = "book_no_days"
	MsgBookChooseTime      spreekuurbot.MsgID = "book_choose_time" // {{.Date}}
	MsgBookSummary         spreekuurbot.MsgID = "book_summary"     // {{.Date}} {{.Time}} {{.Name}} {{.Address}} {{.Topic}}
	MsgBookConsent         spreekuurbot.MsgID = "book_consent"
	MsgButtonConfirm       spreekuurbot.MsgID = "button_confirm"
	MsgBookDone            spreekuurbot.MsgID = "book_done" // {{.Date}} {{.Time}}
	MsgBookFull            spreekuurbot.MsgID = "book_full"
	MsgBookLimit           spreekuurbot.MsgID = "book_limit"
	MsgBookGone            spreekuurbot.MsgID = "book_gone"

	// The waitlist (waitlist.go).
	MsgButtonWait            spreekuurbot.MsgID = "button_wait"
	MsgWaitConsent           spreekuurbot.MsgID = "wait_consent" // {{.Name}}
	MsgButtonWaitYes         spreekuurbot.MsgID = "button_wait_yes"
	MsgWaitJoined            spreekuurbot.MsgID = "wait_joined"  // {{.Name}}
	MsgWaitAlready           spreekuurbot.MsgID = "wait_already" // {{.Name}}
	MsgWaitLimit             spreekuurbot.MsgID = "wait_limit"
	MsgWaitFreeNow           spreekuurbot.MsgID = "wait_free_now"
	MsgButtonWaitLeave       spreekuurbot.MsgID = "button_wait_leave" // {{.Name}}
	MsgWaitLeft              spreekuurbot.MsgID = "wait_left"         // {{.Name}}
	MsgOfferText             spreekuurbot.MsgID = "offer_text"        // {{.Name}} {{.Date}} {{.Time}} {{.Until}}
	MsgButtonOfferBook       spreekuurbot.MsgID = "button_offer_book"
	MsgButtonOfferDecline    spreekuurbot.MsgID = "button_offer_decline"
	MsgOfferGone             spreekuurbot.MsgID = "offer_gone"
	MsgOfferDeclined         spreekuurbot.MsgID = "offer_declined"
	MsgOfferLimit            spreekuurbot.MsgID = "offer_limit"
	MsgOfferExpired          spreekuurbot.MsgID = "offer_expired" // {{.Name}} {{.Date}} {{.Time}}
	MsgPrivacyWaitlist       spreekuurbot.MsgID = "privacy_waitlist"
	MsgButtonPrivacyWaitlist spreekuurbot.MsgID = "button_privacy_waitlist"
	MsgDataWaiting           spreekuurbot.MsgID = "data_waiting" // {{.Name}} {{.Topic}} {{.Date}}
	MsgICSSummary            spreekuurbot.MsgID = "ics_summary"  // {{.Topic}}
	MsgAppointmentsNone      spreekuurbot.MsgID = "appointments_none"
	MsgAppointmentsTitle     spreekuurbot.MsgID = "appointments_title"
	MsgAppointmentLine       spreekuurbot.MsgID = "appointment_line"   // {{.Date}} {{.Time}} {{.Name}} {{.Topic}}
	MsgAppointmentHeld       spreekuurbot.MsgID = "appointment_held"   // {{.Until}} {{.Date}} {{.Time}} {{.Name}}
	MsgAppointmentButton     spreekuurbot.MsgID = "appointment_button" // {{.Date}} {{.Time}}
	MsgAppointmentGone       spreekuurbot.MsgID = "appointment_gone"
	MsgButtonMove            spreekuurbot.MsgID = "button_move"
	MsgButtonCancel          spreekuurbot.MsgID = "button_cancel"
	MsgMoveChooseDay         spreekuurbot.MsgID = "move_choose_day" // {{.Name}}
	MsgMoved                 spreekuurbot.MsgID = "moved"           // {{.Date}} {{.Time}}
	MsgCancelConfirm         spreekuurbot.MsgID = "cancel_confirm"
	MsgButtonCancelYes       spreekuurbot.MsgID = "button_cancel_yes"
	MsgCancelled             spreekuurbot.MsgID = "cancelled"
	MsgReminderEvening       spreekuurbot.MsgID = "reminder_evening" // {{.Time}} {{.Name}} {{.Address}}
	MsgReminderSoon          spreekuurbot.MsgID = "reminder_soon"    // {{.Time}} {{.Name}} {{.Address}}
	MsgButtonComing          spreekuurbot.MsgID = "button_coming"
	MsgComingThanks          spreekuurbot.MsgID = "coming_thanks"

	// Privacy.
	MsgPrivacyText         spreekuurbot.MsgID = "privacy_text"
	MsgPrivacyPhotos       spreekuurbot.MsgID = "privacy_photos"
	MsgButtonPrivacyPhotos spreekuurbot.MsgID = "button_privacy_photos"
	MsgButtonShowData      spreekuurbot.MsgID = "button_show_data"
	MsgButtonDeleteData    spreekuurbot.MsgID = "button_delete_data"
	MsgDataTitle           spreekuurbot.MsgID = "data_title"
	MsgDataLanguage        spreekuurbot.MsgID = "data_language" // {{.Lang}}
	MsgDataNone            spreekuurbot.MsgID = "data_none"
	MsgDataBooking         spreekuurbot.MsgID = "data_booking"      // {{.Date}} {{.Time}} {{.Name}} {{.Topic}}
	MsgDataSubscription    spreekuurbot.MsgID = "data_subscription" // {{.Name}}
	MsgDataReminders       spreekuurbot.MsgID = "data_reminders"    // plural {{.Count}}
	MsgForgetConfirm       spreekuurbot.MsgID = "forget_confirm"
	MsgButtonForgetYes     spreekuurbot.MsgID = "button_forget_yes"
	MsgForgotten           spreekuurbot.MsgID = "forgotten"

	// Volunteers.
	MsgCommandInvite    spreekuurbot.MsgID = "command_invite"
	MsgInviteChoose     spreekuurbot.MsgID = "invite_choose"
	MsgInvitePicked     spreekuurbot.MsgID = "invite_picked" // ✅ {{.Name}} ({{.Wijk}})
	MsgButtonMakeInvite spreekuurbot.MsgID = "button_make_invite"
	MsgInviteLink       spreekuurbot.MsgID = "invite_link" // {{.Names}} {{.Link}}
	MsgInviteInvalid    spreekuurbot.MsgID = "invite_invalid"
	MsgJoined           spreekuurbot.MsgID = "joined" // {{.Names}}
	MsgNotifyNew        spreekuurbot.MsgID = "notify_new"
	MsgNotifyCancelled  spreekuurbot.MsgID = "notify_cancelled"

	// The volunteers' /log.
	MsgCommandLog            spreekuurbot.MsgID = "command_log"
	MsgLogCategories         spreekuurbot.MsgID = "log_categories"
	MsgPicked                spreekuurbot.MsgID = "picked" // ✅ {{.Text}}
	MsgButtonNext            spreekuurbot.MsgID = "button_next"
	MsgLogLocation           spreekuurbot.MsgID = "log_location"
	MsgLogIncomplete         spreekuurbot.MsgID = "log_incomplete"
	MsgLogSummary            spreekuurbot.MsgID = "log_summary" // {{.Name}}
	MsgRefNone               spreekuurbot.MsgID = "ref_none"
	MsgRefPlangroep          spreekuurbot.MsgID = "ref_plangroep"
	MsgRefWetswinkel         spreekuurbot.MsgID = "ref_wetswinkel"
	MsgRefSociaalRaadslieden spreekuurbot.MsgID = "ref_sociaal_raadslieden"
	MsgRefWijkteam           spreekuurbot.MsgID = "ref_wijkteam"
	MsgRefOther              spreekuurbot.MsgID = "ref_other"
	MsgYes                   spreekuurbot.MsgID = "yes"
	MsgNo                    spreekuurbot.MsgID = "no"
	MsgLogReferral           spreekuurbot.MsgID = "log_referral" // {{.Value}}
	MsgLogMinutes            spreekuurbot.MsgID = "log_minutes"  // {{.Value}}
	MsgLogLanguage           spreekuurbot.MsgID = "log_language" // {{.Value}}
	MsgLogFirst              spreekuurbot.MsgID = "log_first"    // {{.Value}}
	MsgLogNibud              spreekuurbot.MsgID = "log_nibud"    // {{.Value}}
	MsgButtonSave            spreekuurbot.MsgID = "button_save"
	MsgLogWhichLanguage      spreekuurbot.MsgID = "log_which_language"
	MsgLogOtherLanguage      spreekuurbot.MsgID = "log_other_language"
	MsgLogSaved              spreekuurbot.MsgID = "log_saved"
	MsgLogUndoOffer          spreekuurbot.MsgID = "log_undo_offer"
	MsgButtonUndo            spreekuurbot.MsgID = "button_undo"
	MsgLogUndoTooLate        spreekuurbot.MsgID = "log_undo_too_late"
	MsgLogUndone             spreekuurbot.MsgID = "log_undone"
	MsgLogTopic              spreekuurbot.MsgID = "log_topic" // {{.Value}}
	MsgListJoin              spreekuurbot.MsgID = "list_join" // {{.First}}, {{.Rest}}
	MsgButtonDrop            spreekuurbot.MsgID = "button_drop"
	MsgLogDropped            spreekuurbot.MsgID = "log_dropped"
	MsgLogExpired            spreekuurbot.MsgID = "log_expired"

	// Figures.
	MsgCommandStats    spreekuurbot.MsgID = "command_stats"
	MsgStatsTitle      spreekuurbot.MsgID = "stats_title" // {{.Year}} {{.Last}} {{.Date}}
	MsgStatsSummary    spreekuurbot.MsgID = "stats_summary"
	MsgStatsTotal      spreekuurbot.MsgID = "stats_total"
	MsgStatsHours      spreekuurbot.MsgID = "stats_hours"
	MsgStatsFirst      spreekuurbot.MsgID = "stats_first"
	MsgStatsNibud      spreekuurbot.MsgID = "stats_nibud"
	MsgStatsByCategory spreekuurbot.MsgID = "stats_by_category"
	MsgStatsByLocation spreekuurbot.MsgID = "stats_by_location"
	MsgStatsByMonth    spreekuurbot.MsgID = "stats_by_month"
	MsgStatsByReferral spreekuurbot.MsgID = "stats_by_referral"
	MsgStatsLine       spreekuurbot.MsgID = "stats_line" // {{.Name}}: {{.This}} ({{.Last}})
	MsgStatsNone       spreekuurbot.MsgID = "stats_none"
	MsgStatsSection    spreekuurbot.MsgID = "stats_section"
	MsgStatsItem       spreekuurbot.MsgID = "stats_item"
	MsgStatsCSV        spreekuurbot.MsgID = "stats_csv"         // caption of the CSV file
	MsgStatsChartTitle spreekuurbot.MsgID = "stats_chart_title" // the PNG chart's title

	// Volunteers take appointments.
	MsgButtonTakeAppointment spreekuurbot.MsgID = "button_take_appointment"
	MsgButtonCant            spreekuurbot.MsgID = "button_cant"
	MsgCantNoted             spreekuurbot.MsgID = "cant_noted"
	MsgAlreadyTaken          spreekuurbot.MsgID = "already_taken"
	MsgYouTook               spreekuurbot.MsgID = "you_took"
	MsgTakenBy               spreekuurbot.MsgID = "taken_by"           // {{.Notice}} {{.Name}}
	MsgResidentConfirmed     spreekuurbot.MsgID = "resident_confirmed" // {{.Date}} {{.Time}} {{.Name}}

	// The volunteers' /today.
	MsgCommandToday spreekuurbot.MsgID = "command_today"
	MsgTodayTitle   spreekuurbot.MsgID = "today_title" // {{.Date}}
	MsgTodayNone    spreekuurbot.MsgID = "today_none"
	MsgTodayLine    spreekuurbot.MsgID = "today_line" // {{.Number}} {{.Time}} {{.Name}} {{.Topic}} {{.Language}} {{.Status}}
	MsgStatusOpen   spreekuurbot.MsgID = "status_open"
	MsgStatusCame   spreekuurbot.MsgID = "status_came"
	MsgStatusNoShow spreekuurbot.MsgID = "status_noshow"
	MsgButtonCame   spreekuurbot.MsgID = "button_came"   // {{.Appointment}}
	MsgButtonNoShow spreekuurbot.MsgID = "button_noshow" // {{.Appointment}}
	// MsgTodayAppointment tells an appointment from the others of the
	// day, on its buttons: {{.Number}} {{.Time}} {{.Language}} {{.Topic}}.
	MsgTodayAppointment spreekuurbot.MsgID = "today_appointment"
	MsgButtonFinishLog  spreekuurbot.MsgID = "button_finish_log" // {{.Appointment}}

	// Coordinators: nobody took an appointment in time.
	MsgUnconfirmed spreekuurbot.MsgID = "unconfirmed"

	// Huisbezoek.
	MsgCommandVisit       spreekuurbot.MsgID = "command_huisbezoek"
	MsgVisitStreet        spreekuurbot.MsgID = "visit_street"
	MsgVisitBadStreet     spreekuurbot.MsgID = "visit_bad_street"
	MsgVisitCounts        spreekuurbot.MsgID = "visit_counts"     // {{.Street}}
	MsgVisitCountLine     spreekuurbot.MsgID = "visit_count_line" // {{.Name}}: {{.Count}}
	MsgVisitRung          spreekuurbot.MsgID = "visit_rung"
	MsgVisitReached       spreekuurbot.MsgID = "visit_reached"
	MsgVisitConversations spreekuurbot.MsgID = "visit_conversations"
	MsgVisitReferrals     spreekuurbot.MsgID = "visit_referrals"
	MsgVisitImpossible    spreekuurbot.MsgID = "visit_impossible"
	MsgVisitSaved         spreekuurbot.MsgID = "visit_saved" // {{.Street}}
	MsgVisitUndone        spreekuurbot.MsgID = "visit_undone"
	MsgStatsVisits        spreekuurbot.MsgID = "stats_visits"
	MsgStatsReachedRate   spreekuurbot.MsgID = "stats_reached_rate"      // percent
	MsgStatsTalkRate      spreekuurbot.MsgID = "stats_conversation_rate" // percent

	// Coordinators' /volunteers, and the name question on joining.
	MsgCommandVolunteers      spreekuurbot.MsgID = "command_volunteers"
	MsgVolunteersTitle        spreekuurbot.MsgID = "volunteers_title"
	MsgVolunteersNone         spreekuurbot.MsgID = "volunteers_none"
	MsgVolunteerLine          spreekuurbot.MsgID = "volunteer_line"    // {{.Name}}: {{.Places}}
	MsgVolunteerNoName        spreekuurbot.MsgID = "volunteer_no_name" // {{.Number}}
	MsgVolunteerPlaces        spreekuurbot.MsgID = "volunteer_places"  // {{.Name}}
	MsgButtonRemoveVolunteer  spreekuurbot.MsgID = "button_remove_volunteer"
	MsgVolunteerRemoveConfirm spreekuurbot.MsgID = "volunteer_remove_confirm" // {{.Name}}
	MsgVolunteerRemoved       spreekuurbot.MsgID = "volunteer_removed"        // {{.Name}}
	MsgNameQuestion           spreekuurbot.MsgID = "name_question"
	MsgNameSaved              spreekuurbot.MsgID = "name_saved"

	// Coordinators' /slots.
	MsgCommandSlots       spreekuurbot.MsgID = "command_slots"
	MsgSlotsChoose        spreekuurbot.MsgID = "slots_choose"
	MsgSlotsOverview      spreekuurbot.MsgID = "slots_overview"    // {{.Name}} {{.Capacity}}
	MsgSlotsWalkInOnly    spreekuurbot.MsgID = "slots_walkin_only" // {{.Name}}
	MsgSlotsBookable      spreekuurbot.MsgID = "slots_bookable"
	MsgSlotsDayLine       spreekuurbot.MsgID = "slots_day_line" // {{.Date}} {{.Free}} {{.Taken}}
	MsgSlotsExtraLength   spreekuurbot.MsgID = "slots_extra_length"
	MsgSlotsExtraKind     spreekuurbot.MsgID = "slots_extra_kind"
	MsgButtonExtraWalkIn  spreekuurbot.MsgID = "button_extra_walkin"
	MsgButtonExtraBook    spreekuurbot.MsgID = "button_extra_bookable"
	MsgButtonLater        spreekuurbot.MsgID = "button_later"
	MsgSlotsClosedLine    spreekuurbot.MsgID = "slots_closed_line" // {{.From}} {{.To}} {{.Reason}}
	MsgButtonCloseDays    spreekuurbot.MsgID = "button_close_days"
	MsgButtonExtra        spreekuurbot.MsgID = "button_extra"
	MsgButtonCapacityDown spreekuurbot.MsgID = "button_capacity_down"
	MsgButtonCapacityUp   spreekuurbot.MsgID = "button_capacity_up"
	MsgSlotsCloseFrom     spreekuurbot.MsgID = "slots_close_from"
	MsgSlotsCloseTo       spreekuurbot.MsgID = "slots_close_to" // {{.From}}
	MsgSlotsCloseReason   spreekuurbot.MsgID = "slots_close_reason"
	MsgReasonHoliday      spreekuurbot.MsgID = "reason_holiday"
	MsgReasonIllness      spreekuurbot.MsgID = "reason_illness"
	MsgReasonOther        spreekuurbot.MsgID = "reason_other"
	MsgSlotsExtraDay      spreekuurbot.MsgID = "slots_extra_day"
	MsgSlotsExtraHour     spreekuurbot.MsgID = "slots_extra_hour"
	MsgSlotsSaved         spreekuurbot.MsgID = "slots_saved"

	// A volunteer's spoken languages.
	MsgButtonMyLanguages spreekuurbot.MsgID = "button_my_languages"
	MsgMyLanguages       spreekuurbot.MsgID = "my_languages"

	// Coordinators' /broadcast and what it sends.
	MsgCommandBroadcast         spreekuurbot.MsgID = "command_broadcast"
	MsgBroadcastAudience        spreekuurbot.MsgID = "broadcast_audience"
	MsgButtonAudiencePlace      spreekuurbot.MsgID = "button_audience_place"
	MsgButtonAudienceAll        spreekuurbot.MsgID = "button_audience_all"
	MsgButtonAudienceVolunteers spreekuurbot.MsgID = "button_audience_volunteers"
	MsgBroadcastChoosePlace     spreekuurbot.MsgID = "broadcast_choose_place"
	MsgBroadcastTemplate        spreekuurbot.MsgID = "broadcast_template"
	MsgButtonTemplateTimes      spreekuurbot.MsgID = "button_template_times"
	MsgButtonTemplateClosed     spreekuurbot.MsgID = "button_template_closed"
	MsgButtonTemplateExtra      spreekuurbot.MsgID = "button_template_extra"
	MsgButtonTemplateHoliday    spreekuurbot.MsgID = "button_template_holiday"
	MsgButtonTemplateFree       spreekuurbot.MsgID = "button_template_free"
	MsgBroadcastChooseDay       spreekuurbot.MsgID = "broadcast_choose_day"
	MsgBroadcastChooseHoliday   spreekuurbot.MsgID = "broadcast_choose_holiday"
	MsgHolidayLabel             spreekuurbot.MsgID = "holiday_label"        // {{.Date}} {{.Name}}
	MsgBroadcastTypeText        spreekuurbot.MsgID = "broadcast_type_text"  // {{.Max}}
	MsgBroadcastTooLong         spreekuurbot.MsgID = "broadcast_too_long"   // {{.Max}}
	MsgBroadcastPreview         spreekuurbot.MsgID = "broadcast_preview"    // {{.Count}}, plural
	MsgBroadcastPreviewIn       spreekuurbot.MsgID = "broadcast_preview_in" // {{.Language}}
	MsgBroadcastNobody          spreekuurbot.MsgID = "broadcast_nobody"
	MsgButtonSend               spreekuurbot.MsgID = "button_send"
	MsgBroadcastQueued          spreekuurbot.MsgID = "broadcast_queued"   // {{.Count}}, plural
	MsgBroadcastProgress        spreekuurbot.MsgID = "broadcast_progress" // {{.Done}} {{.Total}}
	MsgBroadcastDone            spreekuurbot.MsgID = "broadcast_done"     // {{.Sent}} {{.Blocked}} {{.Failed}}
	MsgBroadcastTimes           spreekuurbot.MsgID = "broadcast_times"    // {{.Name}}
	MsgBroadcastClosed          spreekuurbot.MsgID = "broadcast_closed"   // {{.Name}} {{.Date}}
	MsgBroadcastExtra           spreekuurbot.MsgID = "broadcast_extra"    // {{.Name}} {{.Date}} {{.From}} {{.To}}
	MsgBroadcastHoliday         spreekuurbot.MsgID = "broadcast_holiday"  // {{.Date}} {{.Name}}
	MsgBroadcastFromCoordinator spreekuurbot.MsgID = "broadcast_from_coordinator"
	MsgClosureNotice            spreekuurbot.MsgID = "closure_notice" // {{.Name}} {{.Date}} {{.Time}}
	MsgClosureFreeTimes         spreekuurbot.MsgID = "closure_free_times"
	MsgButtonOtherTime          spreekuurbot.MsgID = "button_other_time"
	MsgClosureQueued            spreekuurbot.MsgID = "closure_queued" // {{.Count}}, plural
	MsgClosureChooseBy          spreekuurbot.MsgID = "closure_choose_by"
	MsgAppointmentClosed        spreekuurbot.MsgID = "appointment_closed"
	MsgClosureCancelled         spreekuurbot.MsgID = "closure_cancelled"    // {{.Date}} {{.Time}} {{.Name}}
	MsgSlotsClosedBooked        spreekuurbot.MsgID = "slots_closed_booked"  // {{.Count}}
	MsgButtonReopen             spreekuurbot.MsgID = "button_reopen"        // {{.From}}
	MsgSlotsReopenConfirm       spreekuurbot.MsgID = "slots_reopen_confirm" // {{.Name}} {{.From}} {{.To}}
	MsgButtonReopenYes          spreekuurbot.MsgID = "button_reopen_yes"
	MsgReopenedResident         spreekuurbot.MsgID = "reopened_resident"    // {{.Name}} {{.Date}} {{.Time}}
	MsgReopenedLog              spreekuurbot.MsgID = "reopened_log"         // {{.Name}} {{.From}} {{.To}}
	MsgBroadcastClosesDay       spreekuurbot.MsgID = "broadcast_closes_day" // {{.Name}}

	// Dutch public holidays, by name.
	MsgHolidayNewYear      spreekuurbot.MsgID = "holiday_new_year"
	MsgHolidayEaster       spreekuurbot.MsgID = "holiday_easter"
	MsgHolidayEasterMonday spreekuurbot.MsgID = "holiday_easter_monday"
	MsgHolidayKingsDay     spreekuurbot.MsgID = "holiday_kings_day"
	MsgHolidayLiberation   spreekuurbot.MsgID = "holiday_liberation"
	MsgHolidayAscension    spreekuurbot.MsgID = "holiday_ascension"
	MsgHolidayPentecost    spreekuurbot.MsgID = "holiday_pentecost"
	MsgHolidayWhitMonday   spreekuurbot.MsgID = "holiday_whit_monday"
	MsgHolidayChristmas    spreekuurbot.MsgID = "holiday_christmas"
	MsgHolidayBoxingDay    spreekuurbot.MsgID = "holiday_boxing_day"
)

// Issue 18: imported figures, the desk's deep link and poster, what to
// know before coming.
const (
	MsgStatsLastImported spreekuurbot.MsgID = "stats_last_imported" // {{.Last}}
	MsgDeskWelcome       spreekuurbot.MsgID = "desk_welcome"        // {{.Name}}: a desk's QR poster opened
	// The desk's poster (spreekuurbot poster), in the poster's language
	// but for MsgPosterScan, which it shows in every language.
	MsgPosterHeading       spreekuurbot.MsgID = "poster_heading"
	MsgPosterTimes         spreekuurbot.MsgID = "poster_times"
	MsgPosterWalkIn        spreekuurbot.MsgID = "poster_walk_in" // {{.Weekday}} {{.From}} {{.To}}
	MsgPosterByAppointment spreekuurbot.MsgID = "poster_by_appointment"
	MsgPosterScan          spreekuurbot.MsgID = "poster_scan"
	// What a resident needs to know before coming (arrival.go).
	MsgArrivalWhere        spreekuurbot.MsgID = "arrival_where" // {{.Entrance}} {{.Floor}}
	MsgArrivalEntranceMain spreekuurbot.MsgID = "arrival_entrance_main"
	MsgArrivalEntranceSide spreekuurbot.MsgID = "arrival_entrance_side"
	MsgArrivalEntranceBack spreekuurbot.MsgID = "arrival_entrance_back"
	MsgArrivalGroundFloor  spreekuurbot.MsgID = "arrival_ground_floor"
	MsgArrivalFloorLift    spreekuurbot.MsgID = "arrival_floor_lift"   // {{.Floor}}
	MsgArrivalFloorStairs  spreekuurbot.MsgID = "arrival_floor_stairs" // {{.Floor}}
	MsgArrivalStepFree     spreekuurbot.MsgID = "arrival_step_free"
	MsgArrivalNotStepFree  spreekuurbot.MsgID = "arrival_not_step_free"
	MsgArrivalInterpreter  spreekuurbot.MsgID = "arrival_interpreter"
	MsgArrivalVolunteer    spreekuurbot.MsgID = "arrival_volunteer" // {{.Languages}}
	MsgArrivalDutchOnly    spreekuurbot.MsgID = "arrival_dutch_only"
	MsgArrivalBring        spreekuurbot.MsgID = "arrival_bring" // {{.Things}}
	MsgBringID             spreekuurbot.MsgID = "bring_id"
	MsgBringLetters        spreekuurbot.MsgID = "bring_letters"
	MsgBringDigiD          spreekuurbot.MsgID = "bring_digid"
	// The booking's optional question, and what the volunteers see of it.
	MsgBookQuestion          spreekuurbot.MsgID = "book_question"
	MsgBookQuestionCompany   spreekuurbot.MsgID = "book_question_company" // for a Dutch speaker
	MsgButtonBookCompany     spreekuurbot.MsgID = "button_book_company"
	MsgButtonBookOwnLanguage spreekuurbot.MsgID = "button_book_own_language"
	MsgNotifyWithNeeds       spreekuurbot.MsgID = "notify_with_needs" // {{.Notice}} {{.Needs}}
	MsgNeedsCompany          spreekuurbot.MsgID = "needs_company"
	MsgNeedsOwnLanguage      spreekuurbot.MsgID = "needs_own_language" // {{.Language}}
	MsgDataCompany           spreekuurbot.MsgID = "data_company"
	MsgDataOwnLanguage       spreekuurbot.MsgID = "data_own_language"
	MsgListAnd               spreekuurbot.MsgID = "list_and" // {{.First}} {{.Last}}: the last two of a list
	MsgButtonArrival         spreekuurbot.MsgID = "button_arrival"
)

// AllMessages lists every MsgID above. A test parses this file and fails
// when a constant is missing here.
var AllMessages = []spreekuurbot.MsgID{
	MsgLanguageName, MsgLanguageChoose, MsgLanguageSaved,
	MsgHomeText, MsgHomeRoleVolunteer, MsgHomeRoleCoordinator,
	MsgHelpText, MsgHelpCommands, MsgHelpCommandLine,
	MsgButtonLetter, MsgButtonWoningnet, MsgButtonSpreekuur,
	MsgButtonHelp, MsgButtonLanguage, MsgButtonBack, MsgButtonHome,
	MsgButtonInvalid, MsgFallbackText, MsgFallbackMedia, MsgFallbackCommand,
	MsgErrorUnavailable, MsgDidYouMean, MsgFallbackTextPhoto,
	MsgCommandStart, MsgCommandHelp, MsgCommandLanguage, MsgCommandSpreekuur,
	MsgPlain,
	MsgWeekday0, MsgWeekday1, MsgWeekday2, MsgWeekday3, MsgWeekday4, MsgWeekday5, MsgWeekday6,
	MsgMonth1, MsgMonth2, MsgMonth3, MsgMonth4, MsgMonth5, MsgMonth6,
	MsgMonth7, MsgMonth8, MsgMonth9, MsgMonth10, MsgMonth11, MsgMonth12,
	MsgMonthAlone1, MsgMonthAlone2, MsgMonthAlone3, MsgMonthAlone4, MsgMonthAlone5, MsgMonthAlone6,
	MsgMonthAlone7, MsgMonthAlone8, MsgMonthAlone9, MsgMonthAlone10, MsgMonthAlone11, MsgMonthAlone12,
	MsgDateLong, MsgMonthYear, MsgWalkInPeriod,
	MsgSpreekuurChoose, MsgButtonShareLocation, MsgShareLocationPrompt, MsgShareLocationButton,
	MsgStadsdeelName, MsgStadsdeelTitle, MsgLocationLabel, MsgLocationTitle, MsgLocationAddress,
	MsgNextWalkIns, MsgNoWalkIns, MsgLocationUnverified, MsgLocationBring, MsgButtonBring, MsgButtonCommands,
	MsgButtonMap, MsgButtonRoute, MsgButtonSubscribe, MsgButtonUnsubscribe, MsgSubscribed, MsgUnsubscribed,
	MsgNearbyTitle, MsgNearbyOutside, MsgNearbyLabel, MsgNearbyNone,
	MsgLetterGoToday, MsgLetterGoNext, MsgLetterGoHelp, MsgLetterButtonHelp, MsgLetterCallGemeente, MsgWalkInToday,
	MsgReferralDebts, MsgReferralLegal, MsgReferralBenefits, MsgReferralWijkteam,
	MsgLetterButtonTimes, MsgLetterButtonRemind,
	MsgReminderWhen, MsgReminderDay, MsgReminderSet, MsgReminderTooLate, MsgReminderMessage,
	MsgLetterPhotoHint, MsgLetterPhotoPrivacy, MsgLetterPhotoFound, MsgLetterPhotoGuess,
	MsgLetterPhotoFoundDate, MsgLetterPhotoRemind, MsgLetterPhotoUnsure, MsgLetterPhotoNoneOfThese,
	MsgLetterPhotoUnreadable, MsgLetterPhotoUnavailable, MsgLetterPhotoTooLarge, MsgLetterPhotoBusy,
	MsgButtonBook, MsgButtonAppointments, MsgButtonPrivacy,
	MsgCommandBook, MsgCommandAppointments, MsgCommandPrivacy, MsgCommandForget,
	MsgDateShort, MsgBookChooseLocation, MsgBookChooseTopic,
	MsgTopicLetter, MsgTopicToeslagen, MsgTopicTax, MsgTopicWoningnet, MsgTopicDigiD, MsgTopicDebts, MsgTopicPaperwork, MsgTopicOther,
	MsgBookChooseDay, MsgBookNoDays, MsgBookChooseTime, MsgBookSummary, MsgBookConsent, MsgButtonConfirm,
	MsgBookDone, MsgBookFull, MsgBookLimit, MsgBookGone, MsgICSSummary,
	MsgButtonWait, MsgWaitConsent, MsgButtonWaitYes, MsgWaitJoined, MsgWaitAlready, MsgWaitLimit, MsgWaitFreeNow,
	MsgButtonWaitLeave, MsgWaitLeft, MsgOfferText, MsgButtonOfferBook, MsgButtonOfferDecline,
	MsgOfferGone, MsgOfferDeclined, MsgOfferLimit, MsgOfferExpired, MsgPrivacyWaitlist, MsgButtonPrivacyWaitlist, MsgDataWaiting,
	MsgAppointmentsNone, MsgAppointmentsTitle, MsgAppointmentLine, MsgAppointmentHeld, MsgAppointmentButton, MsgAppointmentGone,
	MsgButtonMove, MsgButtonCancel, MsgMoveChooseDay, MsgMoved, MsgCancelConfirm, MsgButtonCancelYes, MsgCancelled,
	MsgReminderEvening, MsgReminderSoon, MsgButtonComing, MsgComingThanks,
	MsgPrivacyText, MsgPrivacyPhotos, MsgButtonPrivacyPhotos, MsgButtonShowData, MsgButtonDeleteData, MsgDataTitle, MsgDataLanguage, MsgDataNone,
	MsgDataBooking, MsgDataSubscription, MsgDataReminders, MsgForgetConfirm, MsgButtonForgetYes, MsgForgotten,
	MsgCommandInvite, MsgInviteChoose, MsgInvitePicked, MsgButtonMakeInvite, MsgInviteLink, MsgInviteInvalid, MsgJoined,
	MsgNotifyNew, MsgNotifyCancelled,
	MsgCommandLog, MsgLogCategories, MsgPicked, MsgButtonNext, MsgLogLocation, MsgLogIncomplete, MsgLogSummary,
	MsgRefNone, MsgRefPlangroep, MsgRefWetswinkel, MsgRefSociaalRaadslieden, MsgRefWijkteam, MsgRefOther,
	MsgYes, MsgNo, MsgLogReferral, MsgLogMinutes, MsgLogLanguage, MsgLogFirst, MsgLogNibud, MsgButtonSave,
	MsgLogWhichLanguage, MsgLogOtherLanguage, MsgLogSaved, MsgLogUndoOffer, MsgButtonUndo, MsgLogUndoTooLate, MsgLogUndone,
	MsgLogTopic, MsgListJoin, MsgButtonDrop, MsgLogDropped, MsgLogExpired,
	MsgCommandStats, MsgStatsTitle, MsgStatsSummary, MsgStatsTotal, MsgStatsHours, MsgStatsFirst, MsgStatsNibud,
	MsgStatsByCategory, MsgStatsByLocation, MsgStatsByMonth, MsgStatsByReferral, MsgStatsLine, MsgStatsNone,
	MsgStatsSection, MsgStatsItem, MsgStatsCSV, MsgStatsChartTitle,
	MsgButtonTakeAppointment, MsgButtonCant, MsgCantNoted, MsgAlreadyTaken, MsgYouTook, MsgTakenBy, MsgResidentConfirmed,
	MsgCommandToday, MsgTodayTitle, MsgTodayNone, MsgTodayLine, MsgStatusOpen, MsgStatusCame, MsgStatusNoShow,
	MsgButtonCame, MsgButtonNoShow, MsgTodayAppointment, MsgButtonFinishLog, MsgUnconfirmed,
	MsgCommandVisit, MsgVisitStreet, MsgVisitBadStreet, MsgVisitCounts, MsgVisitCountLine,
	MsgVisitRung, MsgVisitReached, MsgVisitConversations, MsgVisitReferrals, MsgVisitImpossible, MsgVisitSaved, MsgVisitUndone,
	MsgStatsVisits, MsgStatsReachedRate, MsgStatsTalkRate,
	MsgCommandVolunteers, MsgVolunteersTitle, MsgVolunteersNone, MsgVolunteerLine, MsgVolunteerNoName, MsgVolunteerPlaces,
	MsgButtonRemoveVolunteer, MsgVolunteerRemoveConfirm, MsgVolunteerRemoved, MsgNameQuestion, MsgNameSaved,
	MsgCommandSlots, MsgSlotsChoose, MsgSlotsOverview, MsgSlotsWalkInOnly, MsgSlotsBookable, MsgSlotsDayLine,
	MsgSlotsExtraLength, MsgSlotsExtraKind, MsgButtonExtraWalkIn, MsgButtonExtraBook, MsgButtonLater, MsgSlotsClosedLine, MsgButtonCloseDays, MsgButtonExtra,
	MsgButtonCapacityDown, MsgButtonCapacityUp, MsgSlotsCloseFrom, MsgSlotsCloseTo, MsgSlotsCloseReason,
	MsgReasonHoliday, MsgReasonIllness, MsgReasonOther, MsgSlotsExtraDay, MsgSlotsExtraHour, MsgSlotsSaved,
	MsgButtonMyLanguages, MsgMyLanguages,
	MsgCommandBroadcast, MsgBroadcastAudience, MsgButtonAudiencePlace, MsgButtonAudienceAll, MsgButtonAudienceVolunteers,
	MsgBroadcastChoosePlace, MsgBroadcastTemplate, MsgButtonTemplateTimes, MsgButtonTemplateClosed, MsgButtonTemplateExtra,
	MsgButtonTemplateHoliday, MsgButtonTemplateFree, MsgBroadcastChooseDay, MsgBroadcastChooseHoliday, MsgHolidayLabel,
	MsgBroadcastTypeText, MsgBroadcastTooLong, MsgBroadcastPreview, MsgBroadcastPreviewIn, MsgBroadcastNobody, MsgButtonSend,
	MsgBroadcastQueued, MsgBroadcastProgress, MsgBroadcastDone, MsgBroadcastTimes, MsgBroadcastClosed, MsgBroadcastExtra,
	MsgBroadcastHoliday, MsgBroadcastFromCoordinator, MsgClosureNotice, MsgClosureFreeTimes, MsgButtonOtherTime,
	MsgClosureQueued, MsgClosureChooseBy, MsgAppointmentClosed, MsgClosureCancelled,
	MsgSlotsClosedBooked, MsgButtonReopen, MsgSlotsReopenConfirm, MsgButtonReopenYes,
	MsgReopenedResident, MsgReopenedLog, MsgBroadcastClosesDay,
	MsgHolidayNewYear, MsgHolidayEaster, MsgHolidayEasterMonday, MsgHolidayKingsDay, MsgHolidayLiberation,
	MsgHolidayAscension, MsgHolidayPentecost, MsgHolidayWhitMonday, MsgHolidayChristmas, MsgHolidayBoxingDay,
	MsgStatsLastImported, MsgDeskWelcome,
	MsgPosterHeading, MsgPosterTimes, MsgPosterWalkIn, MsgPosterByAppointment, MsgPosterScan,
	MsgArrivalWhere, MsgArrivalEntranceMain, MsgArrivalEntranceSide, MsgArrivalEntranceBack,
	MsgArrivalGroundFloor, MsgArrivalFloorLift, MsgArrivalFloorStairs, MsgArrivalStepFree, MsgArrivalNotStepFree,
	MsgArrivalInterpreter, MsgArrivalVolunteer, MsgArrivalDutchOnly, MsgArrivalBring, MsgBringID, MsgBringLetters, MsgBringDigiD,
	MsgBookQuestion, MsgBookQuestionCompany, MsgButtonBookCompany, MsgButtonBookOwnLanguage, MsgNotifyWithNeeds, MsgNeedsCompany, MsgNeedsOwnLanguage,
	MsgDataCompany, MsgDataOwnLanguage, MsgListAnd, MsgButtonArrival,
}

var weekdayMsgs = [7]spreekuurbot.MsgID{MsgWeekday0, MsgWeekday1, MsgWeekday2, MsgWeekday3, MsgWeekday4, MsgWeekday5, MsgWeekday6}

var monthMsgs = [12]spreekuurbot.MsgID{MsgMonth1, MsgMonth2, MsgMonth3, MsgMonth4, MsgMonth5, MsgMonth6, MsgMonth7, MsgMonth8, MsgMonth9, MsgMonth10, MsgMonth11, MsgMonth12}

var monthAloneMsgs = [12]spreekuurbot.MsgID{MsgMonthAlone1, MsgMonthAlone2, MsgMonthAlone3, MsgMonthAlone4, MsgMonthAlone5, MsgMonthAlone6, MsgMonthAlone7, MsgMonthAlone8, MsgMonthAlone9, MsgMonthAlone10, MsgMonthAlone11, MsgMonthAlone12}

// DateMsg shows d in full, in the reader's language.
func DateMsg(d spreekuurbot.Date) spreekuurbot.Msg {
	return spreekuurbot.Msg{ID: MsgDateLong, Args: map[string]any{
		"Weekday": spreekuurbot.Msg{ID: weekdayMsgs[d.Weekday()]}, "Day": d.Day, "Month": spreekuurbot.Msg{ID: monthMsgs[d.Month-1]}, "Year": d.Year,
	}}
}

// PeriodMsg shows a walk-in period: day, date and hours.
func PeriodMsg(p spreekuurbot.Period) spreekuurbot.Msg {
	return spreekuurbot.Msg{ID: MsgWalkInPeriod, Args: map[string]any{
		"Weekday": spreekuurbot.Msg{ID: weekdayMsgs[p.Date.Weekday()]}, "Day": p.Date.Day, "Month": spreekuurbot.Msg{ID: monthMsgs[p.Date.Month-1]},
		"From": p.From.String(), "To": p.To.String(),
	}}
}

// MonthMsg names a month in the reader's language, as in a date.
func MonthMsg(m time.Month) spreekuurbot.Msg { return spreekuurbot.Msg{ID: monthMsgs[m-1]} }

// MonthAloneMsg names a month standing alone: a button, a row of the
// figures, a label of the chart.
func MonthAloneMsg(m time.Month) spreekuurbot.Msg { return spreekuurbot.Msg{ID: monthAloneMsgs[m-1]} }

func plain(s string) spreekuurbot.Msg {
	return spreekuurbot.Msg{ID: MsgPlain, Args: map[string]any{"Text": s}}
}
