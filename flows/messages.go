package flows

import "time"

// MsgID names a text in the locale files. Every ID the flows can show is
// declared here (the trees' own texts come from their data files), so
// `spreekuurbot check` and the locale tests can prove that each one exists
// in every language and that no locale key is left unused.
type MsgID string

// Message IDs, grouped by the screen that shows them.
const (
	// MsgLanguageName is the language's own name in its own script; the
	// language picker shows each button in its own language.
	MsgLanguageName   MsgID = "language_name"
	MsgLanguageChoose MsgID = "language_choose"
	MsgLanguageSaved  MsgID = "language_saved"

	MsgHomeText            MsgID = "home_text"
	MsgHomeRoleVolunteer   MsgID = "home_role_volunteer"
	MsgHomeRoleCoordinator MsgID = "home_role_coordinator"

	MsgHelpText     MsgID = "help_text"
	MsgHelpCommands MsgID = "help_commands"

	MsgButtonLetter    MsgID = "button_letter"
	MsgButtonWoningnet MsgID = "button_woningnet"
	MsgButtonSpreekuur MsgID = "button_spreekuur"
	MsgButtonHelp      MsgID = "button_help"
	MsgButtonLanguage  MsgID = "button_language"
	MsgButtonBack      MsgID = "button_back"
	MsgButtonHome      MsgID = "button_home"

	MsgButtonInvalid    MsgID = "button_invalid"
	MsgFallbackText     MsgID = "fallback_text"
	MsgFallbackMedia    MsgID = "fallback_media"
	MsgFallbackCommand  MsgID = "fallback_command"
	MsgErrorUnavailable MsgID = "error_unavailable"

	MsgCommandStart     MsgID = "command_start"
	MsgCommandHelp      MsgID = "command_help"
	MsgCommandLanguage  MsgID = "command_language"
	MsgCommandSpreekuur MsgID = "command_spreekuur"

	// MsgPlain shows a name or a number as it is: {{.Text}}.
	MsgPlain MsgID = "plain"

	// Dates and times, assembled from parts so each language orders them.
	MsgWeekday0     MsgID = "weekday_0" // Sunday, as time.Weekday counts
	MsgWeekday1     MsgID = "weekday_1"
	MsgWeekday2     MsgID = "weekday_2"
	MsgWeekday3     MsgID = "weekday_3"
	MsgWeekday4     MsgID = "weekday_4"
	MsgWeekday5     MsgID = "weekday_5"
	MsgWeekday6     MsgID = "weekday_6"
	MsgMonth1       MsgID = "month_1"
	MsgMonth2       MsgID = "month_2"
	MsgMonth3       MsgID = "month_3"
	MsgMonth4       MsgID = "month_4"
	MsgMonth5       MsgID = "month_5"
	MsgMonth6       MsgID = "month_6"
	MsgMonth7       MsgID = "month_7"
	MsgMonth8       MsgID = "month_8"
	MsgMonth9       MsgID = "month_9"
	MsgMonth10      MsgID = "month_10"
	MsgMonth11      MsgID = "month_11"
	MsgMonth12      MsgID = "month_12"
	MsgDateLong     MsgID = "date_long"     // {{.Weekday}} {{.Day}} {{.Month}} {{.Year}}
	MsgMonthYear    MsgID = "month_year"    // {{.Month}} {{.Year}}
	MsgWalkInPeriod MsgID = "walkin_period" // {{.Weekday}} {{.Day}} {{.Month}}, {{.From}}–{{.To}}

	// The spreekuur finder.
	MsgSpreekuurChoose     MsgID = "spreekuur_choose"
	MsgButtonShareLocation MsgID = "button_share_location"
	MsgShareLocationPrompt MsgID = "share_location_prompt"
	MsgShareLocationButton MsgID = "share_location_button"
	MsgStadsdeelName       MsgID = "stadsdeel_name"  // Almere {{.Name}}
	MsgStadsdeelTitle      MsgID = "stadsdeel_title" // Spreekuren in Almere {{.Name}}:
	MsgLocationLabel       MsgID = "location_label"  // {{.Name}} ({{.Wijk}})
	MsgLocationTitle       MsgID = "location_title"
	MsgLocationAddress     MsgID = "location_address"
	MsgNextWalkIns         MsgID = "location_next_walkins"
	MsgNoWalkIns           MsgID = "location_no_walkins"
	MsgLocationUnverified  MsgID = "location_unverified"
	MsgLocationBring       MsgID = "location_bring"
	MsgButtonMap           MsgID = "button_map"
	MsgButtonRoute         MsgID = "button_route"
	MsgButtonSubscribe     MsgID = "button_subscribe"
	MsgButtonUnsubscribe   MsgID = "button_unsubscribe"
	MsgSubscribed          MsgID = "subscribed"
	MsgUnsubscribed        MsgID = "unsubscribed"
	MsgNearbyTitle         MsgID = "nearby_title"
	MsgNearbyLabel         MsgID = "nearby_label" // {{.Name}} – {{.Km}} km
	MsgNearbyNone          MsgID = "nearby_none"

	// Urgent letters: go today.
	MsgLetterGoToday      MsgID = "letter_go_today"
	MsgWalkInToday        MsgID = "walkin_today"      // {{.Name}}: {{.From}}–{{.To}}, {{.Address}}
	MsgNoWalkInToday      MsgID = "walkin_none_today" // and the next one:
	MsgWalkInNext         MsgID = "walkin_next"       // {{.Name}}: {{.Period}}
	MsgReferralDebts      MsgID = "letter_referral_debts"
	MsgReferralLegal      MsgID = "letter_referral_legal"
	MsgReferralBenefits   MsgID = "letter_referral_benefits"
	MsgReferralWijkteam   MsgID = "letter_referral_wijkteam"
	MsgLetterButtonTimes  MsgID = "letter_button_times"
	MsgLetterButtonRemind MsgID = "letter_button_remind"
	MsgReminderWhen       MsgID = "reminder_when"
	MsgReminderDay        MsgID = "reminder_day" // {{.Month}}
	MsgReminderSet        MsgID = "reminder_set" // {{.Date}}
	MsgReminderTooLate    MsgID = "reminder_too_late"
	MsgReminderMessage    MsgID = "reminder_message" // {{.Letter}} {{.Date}}

	// Appointments.
	MsgButtonBook          MsgID = "button_book"
	MsgButtonAppointments  MsgID = "button_appointments"
	MsgButtonPrivacy       MsgID = "button_privacy"
	MsgCommandBook         MsgID = "command_book"
	MsgCommandAppointments MsgID = "command_appointments"
	MsgCommandPrivacy      MsgID = "command_privacy"
	MsgCommandForget       MsgID = "command_forget"
	MsgDateShort           MsgID = "date_short" // {{.Weekday}} {{.Day}} {{.Month}}
	MsgBookChooseLocation  MsgID = "book_choose_location"
	MsgBookChooseTopic     MsgID = "book_choose_topic"
	MsgTopicLetter         MsgID = "topic_letter"
	MsgTopicToeslagen      MsgID = "topic_toeslagen"
	MsgTopicTax            MsgID = "topic_tax"
	MsgTopicWoningnet      MsgID = "topic_woningnet"
	MsgTopicDigiD          MsgID = "topic_digid"
	MsgTopicDebts          MsgID = "topic_debts"
	MsgTopicPaperwork      MsgID = "topic_paperwork"
	MsgTopicOther          MsgID = "topic_other"
	MsgBookChooseDay       MsgID = "book_choose_day" // {{.Name}}
	MsgBookNoDays          MsgID = "book_no_days"
	MsgBookChooseTime      MsgID = "book_choose_time" // {{.Date}}
	MsgBookSummary         MsgID = "book_summary"     // {{.Date}} {{.Time}} {{.Name}} {{.Address}} {{.Topic}}
	MsgBookConsent         MsgID = "book_consent"
	MsgButtonConfirm       MsgID = "button_confirm"
	MsgBookDone            MsgID = "book_done" // {{.Date}} {{.Time}}
	MsgBookFull            MsgID = "book_full"
	MsgBookLimit           MsgID = "book_limit"
	MsgBookGone            MsgID = "book_gone"
	MsgICSSummary          MsgID = "ics_summary" // {{.Topic}}
	MsgAppointmentsNone    MsgID = "appointments_none"
	MsgAppointmentsTitle   MsgID = "appointments_title"
	MsgAppointmentLine     MsgID = "appointment_line"   // {{.Date}} {{.Time}} {{.Name}} {{.Topic}}
	MsgAppointmentButton   MsgID = "appointment_button" // {{.Date}} {{.Time}}
	MsgAppointmentGone     MsgID = "appointment_gone"
	MsgButtonMove          MsgID = "button_move"
	MsgButtonCancel        MsgID = "button_cancel"
	MsgMoveChooseDay       MsgID = "move_choose_day" // {{.Name}}
	MsgMoved               MsgID = "moved"           // {{.Date}} {{.Time}}
	MsgCancelConfirm       MsgID = "cancel_confirm"
	MsgButtonCancelYes     MsgID = "button_cancel_yes"
	MsgCancelled           MsgID = "cancelled"
	MsgReminderEvening     MsgID = "reminder_evening" // {{.Time}} {{.Name}} {{.Address}}
	MsgReminderSoon        MsgID = "reminder_soon"    // {{.Time}} {{.Name}} {{.Address}}
	MsgButtonComing        MsgID = "button_coming"
	MsgComingThanks        MsgID = "coming_thanks"

	// Privacy.
	MsgPrivacyText      MsgID = "privacy_text"
	MsgButtonShowData   MsgID = "button_show_data"
	MsgButtonDeleteData MsgID = "button_delete_data"
	MsgDataTitle        MsgID = "data_title"
	MsgDataLanguage     MsgID = "data_language" // {{.Lang}}
	MsgDataNone         MsgID = "data_none"
	MsgDataBooking      MsgID = "data_booking"      // {{.Date}} {{.Time}} {{.Name}} {{.Topic}}
	MsgDataSubscription MsgID = "data_subscription" // {{.Name}}
	MsgDataReminders    MsgID = "data_reminders"    // plural {{.Count}}
	MsgForgetConfirm    MsgID = "forget_confirm"
	MsgButtonForgetYes  MsgID = "button_forget_yes"
	MsgForgotten        MsgID = "forgotten"

	// Volunteers.
	MsgCommandInvite    MsgID = "command_invite"
	MsgInviteChoose     MsgID = "invite_choose"
	MsgInvitePicked     MsgID = "invite_picked" // ✅ {{.Name}} ({{.Wijk}})
	MsgButtonMakeInvite MsgID = "button_make_invite"
	MsgInviteLink       MsgID = "invite_link" // {{.Names}} {{.Link}}
	MsgInviteInvalid    MsgID = "invite_invalid"
	MsgJoined           MsgID = "joined" // {{.Names}}
	MsgNotifyNew        MsgID = "notify_new"
	MsgNotifyCancelled  MsgID = "notify_cancelled"

	// The volunteers' /log.
	MsgCommandLog            MsgID = "command_log"
	MsgLogCategories         MsgID = "log_categories"
	MsgPicked                MsgID = "picked" // ✅ {{.Text}}
	MsgButtonNext            MsgID = "button_next"
	MsgLogLocation           MsgID = "log_location"
	MsgLogIncomplete         MsgID = "log_incomplete"
	MsgLogSummary            MsgID = "log_summary" // {{.Name}}
	MsgRefNone               MsgID = "ref_none"
	MsgRefPlangroep          MsgID = "ref_plangroep"
	MsgRefWetswinkel         MsgID = "ref_wetswinkel"
	MsgRefSociaalRaadslieden MsgID = "ref_sociaal_raadslieden"
	MsgRefWijkteam           MsgID = "ref_wijkteam"
	MsgRefOther              MsgID = "ref_other"
	MsgYes                   MsgID = "yes"
	MsgNo                    MsgID = "no"
	MsgLogReferral           MsgID = "log_referral" // {{.Value}}
	MsgLogMinutes            MsgID = "log_minutes"  // {{.Value}}
	MsgLogLanguage           MsgID = "log_language" // {{.Value}}
	MsgLogFirst              MsgID = "log_first"    // {{.Value}}
	MsgLogNibud              MsgID = "log_nibud"    // {{.Value}}
	MsgButtonSave            MsgID = "button_save"
	MsgLogWhichLanguage      MsgID = "log_which_language"
	MsgLogOtherLanguage      MsgID = "log_other_language"
	MsgLogSaved              MsgID = "log_saved"
	MsgLogUndoOffer          MsgID = "log_undo_offer"
	MsgButtonUndo            MsgID = "button_undo"
	MsgLogUndoTooLate        MsgID = "log_undo_too_late"
	MsgLogUndone             MsgID = "log_undone"

	// Figures.
	MsgCommandStats    MsgID = "command_stats"
	MsgStatsTitle      MsgID = "stats_title" // {{.Year}} {{.Last}} {{.Date}}
	MsgStatsSummary    MsgID = "stats_summary"
	MsgStatsTotal      MsgID = "stats_total"
	MsgStatsHours      MsgID = "stats_hours"
	MsgStatsFirst      MsgID = "stats_first"
	MsgStatsNibud      MsgID = "stats_nibud"
	MsgStatsByCategory MsgID = "stats_by_category"
	MsgStatsByLocation MsgID = "stats_by_location"
	MsgStatsByMonth    MsgID = "stats_by_month"
	MsgStatsByReferral MsgID = "stats_by_referral"
	MsgStatsLine       MsgID = "stats_line" // {{.Name}}: {{.This}} ({{.Last}})
	MsgStatsNone       MsgID = "stats_none"
	MsgStatsSection    MsgID = "stats_section"
	MsgStatsItem       MsgID = "stats_item"
	MsgStatsCSV        MsgID = "stats_csv"         // caption of the CSV file
	MsgStatsChartTitle MsgID = "stats_chart_title" // the PNG chart's title

	// Volunteers take appointments.
	MsgButtonTakeAppointment MsgID = "button_take_appointment"
	MsgButtonCant            MsgID = "button_cant"
	MsgCantNoted             MsgID = "cant_noted"
	MsgAlreadyTaken          MsgID = "already_taken"
	MsgYouTook               MsgID = "you_took"
	MsgTakenBy               MsgID = "taken_by"           // {{.Notice}} {{.Name}}
	MsgResidentConfirmed     MsgID = "resident_confirmed" // {{.Date}} {{.Time}} {{.Name}}

	// The volunteers' /today.
	MsgCommandToday MsgID = "command_today"
	MsgTodayTitle   MsgID = "today_title" // {{.Date}}
	MsgTodayNone    MsgID = "today_none"
	MsgTodayLine    MsgID = "today_line" // {{.Time}} {{.Name}} {{.Topic}} {{.Language}} {{.Status}}
	MsgStatusOpen   MsgID = "status_open"
	MsgStatusCame   MsgID = "status_came"
	MsgStatusNoShow MsgID = "status_noshow"
	MsgButtonCame   MsgID = "button_came"   // {{.Time}}
	MsgButtonNoShow MsgID = "button_noshow" // {{.Time}}

	// Coordinators: nobody took an appointment in time.
	MsgUnconfirmed MsgID = "unconfirmed"

	// Huisbezoek.
	MsgCommandVisit       MsgID = "command_huisbezoek"
	MsgVisitStreet        MsgID = "visit_street"
	MsgVisitBadStreet     MsgID = "visit_bad_street"
	MsgVisitCounts        MsgID = "visit_counts"     // {{.Street}}
	MsgVisitCountLine     MsgID = "visit_count_line" // {{.Name}}: {{.Count}}
	MsgVisitRung          MsgID = "visit_rung"
	MsgVisitReached       MsgID = "visit_reached"
	MsgVisitConversations MsgID = "visit_conversations"
	MsgVisitReferrals     MsgID = "visit_referrals"
	MsgVisitImpossible    MsgID = "visit_impossible"
	MsgVisitSaved         MsgID = "visit_saved" // {{.Street}}
	MsgStatsVisits        MsgID = "stats_visits"
	MsgStatsReachedRate   MsgID = "stats_reached_rate"      // percent
	MsgStatsTalkRate      MsgID = "stats_conversation_rate" // percent

	// Coordinators' /volunteers, and the name question on joining.
	MsgCommandVolunteers      MsgID = "command_volunteers"
	MsgVolunteersTitle        MsgID = "volunteers_title"
	MsgVolunteersNone         MsgID = "volunteers_none"
	MsgVolunteerLine          MsgID = "volunteer_line"    // {{.Name}}: {{.Places}}
	MsgVolunteerNoName        MsgID = "volunteer_no_name" // {{.ID}}
	MsgVolunteerPlaces        MsgID = "volunteer_places"  // {{.Name}}
	MsgButtonRemoveVolunteer  MsgID = "button_remove_volunteer"
	MsgVolunteerRemoveConfirm MsgID = "volunteer_remove_confirm" // {{.Name}}
	MsgVolunteerRemoved       MsgID = "volunteer_removed"        // {{.Name}}
	MsgNameQuestion           MsgID = "name_question"
	MsgNameSaved              MsgID = "name_saved"

	// Coordinators' /slots.
	MsgCommandSlots       MsgID = "command_slots"
	MsgSlotsChoose        MsgID = "slots_choose"
	MsgSlotsOverview      MsgID = "slots_overview"    // {{.Name}} {{.Capacity}}
	MsgSlotsClosedLine    MsgID = "slots_closed_line" // {{.From}} {{.To}} {{.Reason}}
	MsgButtonCloseDays    MsgID = "button_close_days"
	MsgButtonExtra        MsgID = "button_extra"
	MsgButtonCapacityDown MsgID = "button_capacity_down"
	MsgButtonCapacityUp   MsgID = "button_capacity_up"
	MsgSlotsCloseFrom     MsgID = "slots_close_from"
	MsgSlotsCloseTo       MsgID = "slots_close_to" // {{.From}}
	MsgSlotsCloseReason   MsgID = "slots_close_reason"
	MsgReasonHoliday      MsgID = "reason_holiday"
	MsgReasonIllness      MsgID = "reason_illness"
	MsgReasonOther        MsgID = "reason_other"
	MsgSlotsExtraDay      MsgID = "slots_extra_day"
	MsgSlotsExtraHour     MsgID = "slots_extra_hour"
	MsgSlotsSaved         MsgID = "slots_saved"

	// A volunteer's spoken languages.
	MsgButtonMyLanguages MsgID = "button_my_languages"
	MsgMyLanguages       MsgID = "my_languages"

	// Coordinators' /broadcast and what it sends.
	MsgCommandBroadcast         MsgID = "command_broadcast"
	MsgBroadcastAudience        MsgID = "broadcast_audience"
	MsgButtonAudiencePlace      MsgID = "button_audience_place"
	MsgButtonAudienceAll        MsgID = "button_audience_all"
	MsgButtonAudienceVolunteers MsgID = "button_audience_volunteers"
	MsgBroadcastChoosePlace     MsgID = "broadcast_choose_place"
	MsgBroadcastTemplate        MsgID = "broadcast_template"
	MsgButtonTemplateTimes      MsgID = "button_template_times"
	MsgButtonTemplateClosed     MsgID = "button_template_closed"
	MsgButtonTemplateExtra      MsgID = "button_template_extra"
	MsgButtonTemplateHoliday    MsgID = "button_template_holiday"
	MsgButtonTemplateFree       MsgID = "button_template_free"
	MsgBroadcastChooseDay       MsgID = "broadcast_choose_day"
	MsgBroadcastChooseHoliday   MsgID = "broadcast_choose_holiday"
	MsgHolidayLabel             MsgID = "holiday_label"        // {{.Date}} {{.Name}}
	MsgBroadcastTypeText        MsgID = "broadcast_type_text"  // {{.Max}}
	MsgBroadcastTooLong         MsgID = "broadcast_too_long"   // {{.Max}}
	MsgBroadcastPreview         MsgID = "broadcast_preview"    // {{.Count}}, plural
	MsgBroadcastPreviewIn       MsgID = "broadcast_preview_in" // {{.Language}}
	MsgBroadcastNobody          MsgID = "broadcast_nobody"
	MsgButtonSend               MsgID = "button_send"
	MsgBroadcastQueued          MsgID = "broadcast_queued"   // {{.Count}}, plural
	MsgBroadcastProgress        MsgID = "broadcast_progress" // {{.Done}} {{.Total}}
	MsgBroadcastDone            MsgID = "broadcast_done"     // {{.Sent}} {{.Blocked}} {{.Failed}}
	MsgBroadcastTimes           MsgID = "broadcast_times"    // {{.Name}}
	MsgBroadcastClosed          MsgID = "broadcast_closed"   // {{.Name}} {{.Date}}
	MsgBroadcastExtra           MsgID = "broadcast_extra"    // {{.Name}} {{.Date}} {{.From}} {{.To}}
	MsgBroadcastHoliday         MsgID = "broadcast_holiday"  // {{.Date}} {{.Name}}
	MsgBroadcastFromCoordinator MsgID = "broadcast_from_coordinator"
	MsgClosureNotice            MsgID = "closure_notice" // {{.Name}} {{.Date}} {{.Time}}
	MsgClosureFreeTimes         MsgID = "closure_free_times"
	MsgButtonOtherTime          MsgID = "button_other_time"
	MsgButtonKeep               MsgID = "button_keep"
	MsgClosureKept              MsgID = "closure_kept"
	MsgClosureQueued            MsgID = "closure_queued" // {{.Count}}, plural

	// Dutch public holidays, by name.
	MsgHolidayNewYear      MsgID = "holiday_new_year"
	MsgHolidayEaster       MsgID = "holiday_easter"
	MsgHolidayEasterMonday MsgID = "holiday_easter_monday"
	MsgHolidayKingsDay     MsgID = "holiday_kings_day"
	MsgHolidayLiberation   MsgID = "holiday_liberation"
	MsgHolidayAscension    MsgID = "holiday_ascension"
	MsgHolidayPentecost    MsgID = "holiday_pentecost"
	MsgHolidayWhitMonday   MsgID = "holiday_whit_monday"
	MsgHolidayChristmas    MsgID = "holiday_christmas"
	MsgHolidayBoxingDay    MsgID = "holiday_boxing_day"
)

// AllMessages lists every MsgID above. A test parses this file and fails
// when a constant is missing here.
var AllMessages = []MsgID{
	MsgLanguageName, MsgLanguageChoose, MsgLanguageSaved,
	MsgHomeText, MsgHomeRoleVolunteer, MsgHomeRoleCoordinator,
	MsgHelpText, MsgHelpCommands,
	MsgButtonLetter, MsgButtonWoningnet, MsgButtonSpreekuur,
	MsgButtonHelp, MsgButtonLanguage, MsgButtonBack, MsgButtonHome,
	MsgButtonInvalid, MsgFallbackText, MsgFallbackMedia, MsgFallbackCommand,
	MsgErrorUnavailable,
	MsgCommandStart, MsgCommandHelp, MsgCommandLanguage, MsgCommandSpreekuur,
	MsgPlain,
	MsgWeekday0, MsgWeekday1, MsgWeekday2, MsgWeekday3, MsgWeekday4, MsgWeekday5, MsgWeekday6,
	MsgMonth1, MsgMonth2, MsgMonth3, MsgMonth4, MsgMonth5, MsgMonth6,
	MsgMonth7, MsgMonth8, MsgMonth9, MsgMonth10, MsgMonth11, MsgMonth12,
	MsgDateLong, MsgMonthYear, MsgWalkInPeriod,
	MsgSpreekuurChoose, MsgButtonShareLocation, MsgShareLocationPrompt, MsgShareLocationButton,
	MsgStadsdeelName, MsgStadsdeelTitle, MsgLocationLabel, MsgLocationTitle, MsgLocationAddress,
	MsgNextWalkIns, MsgNoWalkIns, MsgLocationUnverified, MsgLocationBring,
	MsgButtonMap, MsgButtonRoute, MsgButtonSubscribe, MsgButtonUnsubscribe, MsgSubscribed, MsgUnsubscribed,
	MsgNearbyTitle, MsgNearbyLabel, MsgNearbyNone,
	MsgLetterGoToday, MsgWalkInToday, MsgNoWalkInToday, MsgWalkInNext,
	MsgReferralDebts, MsgReferralLegal, MsgReferralBenefits, MsgReferralWijkteam,
	MsgLetterButtonTimes, MsgLetterButtonRemind,
	MsgReminderWhen, MsgReminderDay, MsgReminderSet, MsgReminderTooLate, MsgReminderMessage,
	MsgButtonBook, MsgButtonAppointments, MsgButtonPrivacy,
	MsgCommandBook, MsgCommandAppointments, MsgCommandPrivacy, MsgCommandForget,
	MsgDateShort, MsgBookChooseLocation, MsgBookChooseTopic,
	MsgTopicLetter, MsgTopicToeslagen, MsgTopicTax, MsgTopicWoningnet, MsgTopicDigiD, MsgTopicDebts, MsgTopicPaperwork, MsgTopicOther,
	MsgBookChooseDay, MsgBookNoDays, MsgBookChooseTime, MsgBookSummary, MsgBookConsent, MsgButtonConfirm,
	MsgBookDone, MsgBookFull, MsgBookLimit, MsgBookGone, MsgICSSummary,
	MsgAppointmentsNone, MsgAppointmentsTitle, MsgAppointmentLine, MsgAppointmentButton, MsgAppointmentGone,
	MsgButtonMove, MsgButtonCancel, MsgMoveChooseDay, MsgMoved, MsgCancelConfirm, MsgButtonCancelYes, MsgCancelled,
	MsgReminderEvening, MsgReminderSoon, MsgButtonComing, MsgComingThanks,
	MsgPrivacyText, MsgButtonShowData, MsgButtonDeleteData, MsgDataTitle, MsgDataLanguage, MsgDataNone,
	MsgDataBooking, MsgDataSubscription, MsgDataReminders, MsgForgetConfirm, MsgButtonForgetYes, MsgForgotten,
	MsgCommandInvite, MsgInviteChoose, MsgInvitePicked, MsgButtonMakeInvite, MsgInviteLink, MsgInviteInvalid, MsgJoined,
	MsgNotifyNew, MsgNotifyCancelled,
	MsgCommandLog, MsgLogCategories, MsgPicked, MsgButtonNext, MsgLogLocation, MsgLogIncomplete, MsgLogSummary,
	MsgRefNone, MsgRefPlangroep, MsgRefWetswinkel, MsgRefSociaalRaadslieden, MsgRefWijkteam, MsgRefOther,
	MsgYes, MsgNo, MsgLogReferral, MsgLogMinutes, MsgLogLanguage, MsgLogFirst, MsgLogNibud, MsgButtonSave,
	MsgLogWhichLanguage, MsgLogOtherLanguage, MsgLogSaved, MsgLogUndoOffer, MsgButtonUndo, MsgLogUndoTooLate, MsgLogUndone,
	MsgCommandStats, MsgStatsTitle, MsgStatsSummary, MsgStatsTotal, MsgStatsHours, MsgStatsFirst, MsgStatsNibud,
	MsgStatsByCategory, MsgStatsByLocation, MsgStatsByMonth, MsgStatsByReferral, MsgStatsLine, MsgStatsNone,
	MsgStatsSection, MsgStatsItem, MsgStatsCSV, MsgStatsChartTitle,
	MsgButtonTakeAppointment, MsgButtonCant, MsgCantNoted, MsgAlreadyTaken, MsgYouTook, MsgTakenBy, MsgResidentConfirmed,
	MsgCommandToday, MsgTodayTitle, MsgTodayNone, MsgTodayLine, MsgStatusOpen, MsgStatusCame, MsgStatusNoShow,
	MsgButtonCame, MsgButtonNoShow, MsgUnconfirmed,
	MsgCommandVisit, MsgVisitStreet, MsgVisitBadStreet, MsgVisitCounts, MsgVisitCountLine,
	MsgVisitRung, MsgVisitReached, MsgVisitConversations, MsgVisitReferrals, MsgVisitImpossible, MsgVisitSaved,
	MsgStatsVisits, MsgStatsReachedRate, MsgStatsTalkRate,
	MsgCommandVolunteers, MsgVolunteersTitle, MsgVolunteersNone, MsgVolunteerLine, MsgVolunteerNoName, MsgVolunteerPlaces,
	MsgButtonRemoveVolunteer, MsgVolunteerRemoveConfirm, MsgVolunteerRemoved, MsgNameQuestion, MsgNameSaved,
	MsgCommandSlots, MsgSlotsChoose, MsgSlotsOverview, MsgSlotsClosedLine, MsgButtonCloseDays, MsgButtonExtra,
	MsgButtonCapacityDown, MsgButtonCapacityUp, MsgSlotsCloseFrom, MsgSlotsCloseTo, MsgSlotsCloseReason,
	MsgReasonHoliday, MsgReasonIllness, MsgReasonOther, MsgSlotsExtraDay, MsgSlotsExtraHour, MsgSlotsSaved,
	MsgButtonMyLanguages, MsgMyLanguages,
	MsgCommandBroadcast, MsgBroadcastAudience, MsgButtonAudiencePlace, MsgButtonAudienceAll, MsgButtonAudienceVolunteers,
	MsgBroadcastChoosePlace, MsgBroadcastTemplate, MsgButtonTemplateTimes, MsgButtonTemplateClosed, MsgButtonTemplateExtra,
	MsgButtonTemplateHoliday, MsgButtonTemplateFree, MsgBroadcastChooseDay, MsgBroadcastChooseHoliday, MsgHolidayLabel,
	MsgBroadcastTypeText, MsgBroadcastTooLong, MsgBroadcastPreview, MsgBroadcastPreviewIn, MsgBroadcastNobody, MsgButtonSend,
	MsgBroadcastQueued, MsgBroadcastProgress, MsgBroadcastDone, MsgBroadcastTimes, MsgBroadcastClosed, MsgBroadcastExtra,
	MsgBroadcastHoliday, MsgBroadcastFromCoordinator, MsgClosureNotice, MsgClosureFreeTimes, MsgButtonOtherTime,
	MsgButtonKeep, MsgClosureKept, MsgClosureQueued,
	MsgHolidayNewYear, MsgHolidayEaster, MsgHolidayEasterMonday, MsgHolidayKingsDay, MsgHolidayLiberation,
	MsgHolidayAscension, MsgHolidayPentecost, MsgHolidayWhitMonday, MsgHolidayChristmas, MsgHolidayBoxingDay,
}

var weekdayMsgs = [7]MsgID{MsgWeekday0, MsgWeekday1, MsgWeekday2, MsgWeekday3, MsgWeekday4, MsgWeekday5, MsgWeekday6}

var monthMsgs = [12]MsgID{MsgMonth1, MsgMonth2, MsgMonth3, MsgMonth4, MsgMonth5, MsgMonth6, MsgMonth7, MsgMonth8, MsgMonth9, MsgMonth10, MsgMonth11, MsgMonth12}

// DateMsg shows d in full, in the reader's language.
func DateMsg(d Date) Msg {
	return Msg{ID: MsgDateLong, Args: map[string]any{
		"Weekday": Msg{ID: weekdayMsgs[d.Weekday()]}, "Day": d.Day, "Month": Msg{ID: monthMsgs[d.Month-1]}, "Year": d.Year,
	}}
}

// PeriodMsg shows a walk-in period: day, date and hours.
func PeriodMsg(p Period) Msg {
	return Msg{ID: MsgWalkInPeriod, Args: map[string]any{
		"Weekday": Msg{ID: weekdayMsgs[p.Date.Weekday()]}, "Day": p.Date.Day, "Month": Msg{ID: monthMsgs[p.Date.Month-1]},
		"From": p.From.String(), "To": p.To.String(),
	}}
}

// MonthMsg names a month in the reader's language.
func MonthMsg(m time.Month) Msg { return Msg{ID: monthMsgs[m-1]} }

func plain(s string) Msg { return Msg{ID: MsgPlain, Args: map[string]any{"Text": s}} }
