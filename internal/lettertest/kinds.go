package lettertest

// kind is a letter template: who sends it, its title, its body, and the
// answer node it should lead to. In a body:
//
//	{DEADLINE}  the action deadline, phrased one of the letter's ways
//	{BEDRAG}    an amount, {JAAR} last year, {DATUM2} a date after the
//	            deadline (a hearing, an eviction), {KENMERK} a reference
//
// A line "BEZWAAR" becomes the usual objection clause ("binnen 6 weken"),
// which is a deadline too.
type kind struct {
	name    string
	node    string
	urgent  bool
	sender  letterhead
	title   string
	body    []string
	due     []int  // days from the letter's date to the action deadline
	phrases []int  // allowed deadline phrasings (indexes into phrasings); nil: all
	event   string // for a hearing or an eviction: the sentence with {DATUM2}
}

// letterhead is the sender's block at the top of the letter.
type letterhead struct {
	name  string
	lines []string
}

var (
	belastingdienst = letterhead{"Belastingdienst", []string{"Postbus 9048", "7300 GK Apeldoorn", "BelastingTelefoon 0800-0543"}}
	toeslagen       = letterhead{"Belastingdienst/Toeslagen", []string{"Postbus 8030", "6710 HC Ede", "BelastingTelefoon 0800-0543"}}
	cjib            = letterhead{"CJIB", []string{"Centraal Justitieel Incassobureau", "Postbus 1794", "8901 CB Leeuwarden"}}
	gemeente        = letterhead{"Gemeente Almere", []string{"Postbus 200", "1300 AE Almere", "Telefoon 14 036"}}
	uwv             = letterhead{"UWV", []string{"Postbus 58285", "1040 HG Amsterdam", "Telefoon 088-898 92 94"}}
	svb             = letterhead{"Sociale Verzekeringsbank", []string{"SVB kantoor Amstelveen", "Postbus 1100", "1180 BH Amstelveen"}}
	duo             = letterhead{"DUO", []string{"Dienst Uitvoering Onderwijs", "Postbus 30157", "9700 LJ Groningen"}}
	cak             = letterhead{"Het CAK", []string{"Postbus 84030", "2508 AA Den Haag", "Telefoon 0800-0087"}}
	zilverenKruis   = letterhead{"Zilveren Kruis Zorgverzekeringen", []string{"Postbus 444", "2740 AK Waddinxveen"}}
	menzis          = letterhead{"Menzis Zorgverzekeraar", []string{"Postbus 75000", "7500 KC Enschede"}}
	vattenfall      = letterhead{"Vattenfall Energie", []string{"Postbus 41920", "1009 DC Amsterdam"}}
	vitens          = letterhead{"Vitens drinkwater", []string{"Postbus 1205", "8001 BE Zwolle"}}
	ymere           = letterhead{"Ymere woningcorporatie", []string{"Postbus 94029", "1090 GA Amsterdam"}}
	alliantie       = letterhead{"de Alliantie", []string{"Postbus 1059", "1300 BB Almere"}}
	deurwaarder     = letterhead{"Van Dam & Kooij Gerechtsdeurwaarders", []string{"Grote Markt 12", "1315 JD Almere"}}
	incasso         = letterhead{"Flevo Incasso B.V.", []string{"Incassobureau", "Postbus 1234", "1300 BA Almere"}}
	rechtbank       = letterhead{"Rechtbank Midden-Nederland", []string{"Sector kanton, locatie Lelystad", "Postbus 16005", "3500 DA Utrecht"}}
)

var kinds = []kind{
	{
		name: "bd-aanslag", node: "letter-bd-aanslag", sender: belastingdienst,
		title: "Aanslag inkomstenbelasting {JAAR}",
		body: []string{
			"Dit is uw aanslag inkomstenbelasting en premie volksverzekeringen over {JAAR}.",
			"Wij hebben uw aangifte verwerkt. U moet nog {BEDRAG} betalen.",
			"Betaal het bedrag {DEADLINE}. Kunt u niet op tijd betalen? Bel dan de BelastingTelefoon en vraag om uitstel of een betalingsregeling.",
			"BEZWAAR",
		},
		due: []int{42, 56, 60},
	},
	{
		name: "bd-voorlopig", node: "letter-bd-aanslag", sender: belastingdienst,
		title: "Voorlopige aanslag inkomstenbelasting",
		body: []string{
			"U krijgt een voorlopige aanslag inkomstenbelasting. Wij hebben die berekend met de gegevens die wij van u hebben.",
			"Het te betalen bedrag is {BEDRAG}. U betaalt dit in termijnen. De eerste termijn betaalt u {DEADLINE}.",
			"Klopt de voorlopige aanslag niet? Pas deze dan aan via Mijn Belastingdienst.",
		},
		due: []int{28, 30},
	},
	{
		name: "bd-aanmaning", node: "letter-bd-aanmaning", sender: belastingdienst,
		title: "Aanmaning",
		body: []string{
			"U hebt de aanslag met het kenmerk {KENMERK} niet op tijd betaald. Daarom krijgt u deze aanmaning.",
			"Het openstaande bedrag is {BEDRAG}, inclusief aanmaningskosten.",
			"Betaal dit bedrag {DEADLINE}. Als u niet op tijd betaalt, moet u extra kosten betalen.",
		},
		due: []int{14}, phrases: []int{0, 1, 2, 4, 5},
	},
	{
		name: "bd-dwangbevel", node: "letter-bd-dwangbevel", urgent: true, sender: belastingdienst,
		title: "Dwangbevel",
		body: []string{
			"U hebt de aanslag met het kenmerk {KENMERK} niet betaald, ook niet na de aanmaning. Daarom krijgt u dit dwangbevel.",
			"Het totale bedrag is {BEDRAG}, inclusief de kosten van dit dwangbevel.",
			"U moet het bedrag {DEADLINE} betalen. Doet u dat niet, dan kunnen wij beslag leggen op uw inkomen of bezittingen.",
		},
		due: []int{2}, phrases: []int{0, 2, 7},
	},
	{
		name: "ts-voorschot", node: "letter-ts-voorschot", sender: toeslagen,
		title: "Voorschotbeschikking zorgtoeslag {JAAR1}",
		body: []string{
			"U krijgt een voorschot zorgtoeslag voor {JAAR1}. Dit is een voorlopig bedrag van {BEDRAG} per maand.",
			"Controleer of de gegevens in deze brief kloppen, zoals uw inkomen en wie bij u woont. Verandert er iets? Geef het door via Mijn toeslagen.",
			"BEZWAAR",
		},
	},
	{
		name: "ts-definitief", node: "letter-ts-definitief", sender: toeslagen,
		title: "Definitieve berekening huurtoeslag {JAAR}",
		body: []string{
			"Dit is de definitieve berekening van uw huurtoeslag over {JAAR}. Wij hebben uw toeslag opnieuw berekend met uw inkomen.",
			"U hebt recht op {BEDRAG} meer dan u als voorschot hebt gekregen. Wij betalen dit bedrag zo snel mogelijk uit.",
			"BEZWAAR",
		},
	},
	{
		name: "ts-terug", node: "letter-ts-terug", urgent: true, sender: toeslagen,
		title: "Terugvordering kinderopvangtoeslag {JAAR}",
		body: []string{
			"U hebt over {JAAR} te veel kinderopvangtoeslag gekregen. U moet {BEDRAG} terugbetalen.",
			"Betaal het bedrag {DEADLINE}. Kunt u niet in een keer betalen? Dan kunt u een betalingsregeling aanvragen.",
			"BEZWAAR",
		},
		due: []int{28, 42},
	},
	{
		name: "cjib-dwangbevel", node: "letter-bd-dwangbevel", urgent: true, sender: cjib,
		title: "Dwangbevel",
		body: []string{
			"U hebt de boete met beschikkingsnummer {KENMERK} niet betaald, ook niet na twee aanmaningen.",
			"Daarom heeft het CJIB een dwangbevel uitgevaardigd. Het bedrag is nu {BEDRAG}.",
			"Betaal het bedrag {DEADLINE}. Anders kan een deurwaarder beslag leggen op uw inkomen.",
		},
		due: []int{7, 14}, phrases: []int{0, 1, 2, 3},
	},
	{
		name: "cjib-aanmaning", node: "letter-w-aanmaning", sender: cjib,
		title: "Eerste aanmaning",
		body: []string{
			"U hebt de verkeersboete met beschikkingsnummer {KENMERK} niet op tijd betaald. Het bedrag is daarom verhoogd tot {BEDRAG}.",
			"Betaal het bedrag {DEADLINE}. Betaalt u niet op tijd, dan volgt een tweede aanmaning met een hogere verhoging.",
		},
		due: []int{28, 56},
	},
	{
		name: "gem-woz", node: "letter-gem-woz", sender: gemeente,
		title: "Aanslagbiljet gemeentelijke belastingen {JAAR1}",
		body: []string{
			"Op dit aanslagbiljet staan de gemeentelijke belastingen voor {JAAR1}: afvalstoffenheffing en rioolheffing.",
			"De WOZ-waarde van uw woning is vastgesteld op € 245.000. Het totaal te betalen bedrag is {BEDRAG}.",
			"Betaal het bedrag {DEADLINE}, of betaal in termijnen met automatische incasso.",
			"BEZWAAR",
		},
		due: []int{60, 61},
	},
	{
		name: "gem-kwijt", node: "letter-gem-kwijt", sender: gemeente,
		title: "Besluit op uw verzoek om kwijtschelding",
		body: []string{
			"U hebt kwijtschelding gevraagd voor de gemeentelijke belastingen. Wij hebben uw verzoek bekeken.",
			"U krijgt volledige kwijtschelding van de afvalstoffenheffing. U hoeft {BEDRAG} niet te betalen.",
			"BEZWAAR",
		},
	},
	{
		name: "gem-bijstand", node: "letter-gem-bijstand", sender: gemeente,
		title: "Uw aanvraag bijzondere bijstand",
		body: []string{
			"Wij hebben uw aanvraag voor bijzondere bijstand ontvangen voor de kosten van een nieuwe wasmachine.",
			"Om uw aanvraag te beoordelen hebben wij nog bewijsstukken nodig: de offerte en uw bankafschriften van de laatste drie maanden.",
			"Stuur deze stukken {DEADLINE}. Anders kunnen wij uw aanvraag niet behandelen.",
		},
		due: []int{14, 21},
	},
	{
		name: "uwv-ww", node: "letter-uwv-ww", sender: uwv,
		title: "Besluit over uw WW-uitkering",
		body: []string{
			"U hebt een WW-uitkering aangevraagd. U krijgt een WW-uitkering vanaf de dag na uw laatste werkdag.",
			"De uitkering is ongeveer {BEDRAG} bruto per maand. Geef elke maand uw inkomsten door via Mijn UWV.",
			"BEZWAAR",
		},
	},
	{
		name: "uwv-wia", node: "letter-uwv-wia", sender: uwv,
		title: "Uitnodiging gesprek verzekeringsarts",
		body: []string{
			"U bent al bijna twee jaar ziek. U hebt een WIA-uitkering aangevraagd.",
			"Daarom nodigen wij u uit voor een gesprek met onze verzekeringsarts. Neem uw medicijnen en medische papieren mee.",
			"Kunt u niet komen? Laat het ons dan weten {DEADLINE}.",
		},
		due: []int{7, 10},
	},
	{
		name: "svb-kb", node: "letter-svb-kb", sender: svb,
		title: "Kinderbijslag",
		body: []string{
			"U krijgt kinderbijslag voor uw kinderen. Wij betalen de kinderbijslag elk kwartaal.",
			"Het bedrag voor dit kwartaal is {BEDRAG}. Wij hebben nog een gegeven van u nodig: het formulier over de school van uw kind.",
			"Stuur het formulier terug {DEADLINE}.",
		},
		due: []int{21, 28},
	},
	{
		name: "svb-aow", node: "letter-svb-aow", sender: svb,
		title: "Besluit over uw AOW-pensioen",
		body: []string{
			"U hebt een AOW-pensioen aangevraagd. U krijgt AOW vanaf de dag dat u de AOW-leeftijd bereikt.",
			"Uw AOW is {BEDRAG} bruto per maand. Wij betalen het pensioen rond de 23e van de maand.",
			"BEZWAAR",
		},
	},
	{
		name: "duo-achter", node: "letter-duo-achter", sender: duo,
		title: "Betalingsherinnering studieschuld",
		body: []string{
			"U hebt een betalingsachterstand. De maandelijkse termijnen van uw studieschuld zijn niet betaald.",
			"De achterstand is {BEDRAG}. Betaal dit bedrag {DEADLINE}.",
			"Betaalt u niet, dan dragen wij de schuld over aan het CJIB. Dan komen er extra kosten bij.",
		},
		due: []int{14, 28},
	},
	{
		name: "duo-schuld", node: "letter-duo-schuld", sender: duo,
		title: "U gaat uw studieschuld aflossen",
		body: []string{
			"Uw aflosfase begint. U moet uw studieschuld terugbetalen. Uw maandbedrag is {BEDRAG}.",
			"Is uw inkomen laag? Vraag dan een lager maandbedrag aan op basis van uw draagkracht.",
			"Geef uw rekeningnummer door {DEADLINE} in Mijn DUO.",
		},
		due: []int{28, 42},
	},
	{
		name: "cak-bijdrage", node: "letter-cak-bijdrage", sender: cak,
		title: "Uw eigen bijdrage Wmo",
		body: []string{
			"U krijgt hulp uit de Wmo van uw gemeente. Daarvoor betaalt u een eigen bijdrage.",
			"De eigen bijdrage is {BEDRAG} per periode van vier weken. Wij sturen u elke periode een factuur.",
			"Betaal de eerste factuur {DEADLINE}.",
			"BEZWAAR",
		},
		due: []int{28, 30},
	},
	{
		name: "cak-wanbet", node: "letter-cak-wanbet", sender: cak,
		title: "Regeling wanbetalers zorgverzekering",
		body: []string{
			"Uw zorgverzekeraar heeft ons gemeld dat u al zes maanden uw premie niet hebt betaald. U bent nu aangemeld bij de regeling wanbetalers.",
			"U betaalt voortaan een bestuursrechtelijke premie van {BEDRAG} per maand aan het CAK. Deze premie wordt ingehouden op uw loon of uitkering (bronheffing).",
			"BEZWAAR",
		},
	},
	{
		name: "zv-achter", node: "letter-zv-achter", sender: zilverenKruis,
		title: "Premieachterstand zorgverzekering",
		body: []string{
			"U hebt de premie voor uw zorgverzekering van twee maanden niet betaald. De achterstand is {BEDRAG}.",
			"Betaal de achterstand {DEADLINE}, of vraag ons om een betalingsregeling.",
			"Hebt u na zes maanden nog een achterstand? Dan moeten wij u aanmelden bij het CAK.",
		},
		due: []int{14, 21},
	},
	{
		name: "zv-anders", node: "letter-zv-anders", sender: menzis,
		title: "Nota eigen risico",
		body: []string{
			"U hebt zorg gehad die onder het eigen risico valt. Wij hebben de declaratie van uw zorgverlener betaald.",
			"Het bedrag voor uw eigen risico is {BEDRAG}. Betaal deze nota {DEADLINE}.",
		},
		due: []int{30},
	},
	{
		name: "en-achter", node: "letter-en-achter", sender: vattenfall,
		title: "Herinnering: openstaand bedrag",
		body: []string{
			"Wij hebben uw betaling voor gas en stroom nog niet ontvangen. U hebt een betalingsachterstand van {BEDRAG}.",
			"Betaal het openstaande bedrag {DEADLINE}. Lukt dat niet? Bel ons voor een betalingsregeling.",
		},
		due: []int{14},
	},
	{
		name: "en-afsluit", node: "letter-en-afsluit", urgent: true, sender: vitens,
		title: "Aankondiging afsluiting drinkwater",
		body: []string{
			"U hebt uw waterrekening van {BEDRAG} nog steeds niet betaald, ook niet na onze aanmaning.",
			"Betaalt u niet {DEADLINE}, dan wordt uw woning afgesloten van het drinkwater.",
			"Neem vandaag contact met ons op om een betalingsregeling te maken. Hebt u schuldhulp aangevraagd? Laat het ons weten.",
		},
		due: []int{10, 14}, phrases: []int{0, 1, 2, 3},
	},
	{
		name: "huur-achter", node: "letter-huur-achter", urgent: true, sender: ymere,
		title: "Huurachterstand",
		body: []string{
			"Uit onze administratie blijkt dat u de huur van twee maanden niet hebt betaald. Uw huurachterstand is {BEDRAG}.",
			"Betaal de achterstand {DEADLINE}, of neem contact met ons op voor een betalingsregeling.",
			"Wij willen samen met u een oplossing zoeken.",
		},
		due: []int{14},
	},
	{
		name: "huur-verhoging", node: "letter-huur-verhoging", sender: alliantie,
		title: "Voorstel huurverhoging per 1 juli {JAAR1}",
		body: []string{
			"Per 1 juli {JAAR1} verhogen wij uw huur. Uw nieuwe huurprijs wordt {BEDRAG} per maand.",
			"Bent u het niet eens met de huurverhoging? Dien dan uw bezwaar in {DEADLINE}. Wij kunnen uw bezwaar voorleggen aan de Huurcommissie.",
		},
		due: []int{42, 50},
	},
	{
		name: "huur-ontruim", node: "letter-huur-ontruim", urgent: true, sender: deurwaarder,
		title: "Aanzegging ontruiming",
		body: []string{
			"In opdracht van Goede Stede en op grond van het vonnis van de kantonrechter zeg ik u aan dat u uw woning moet verlaten.",
			"U hebt een huurachterstand van {BEDRAG} niet betaald.",
		},
		event: "De ontruiming vindt plaats op {DATUM2} om 09.00 uur. Neem vandaag contact op met ons kantoor.",
	},
	{
		name: "dw-incasso", node: "letter-dw-incasso", sender: incasso,
		title: "Betalingsverzoek",
		body: []string{
			"Onze opdrachtgever heeft ons gevraagd uw openstaande vordering te innen. Het gaat om een rekening van {BEDRAG}.",
			"Betaal het bedrag {DEADLINE}. Dan hoeft u geen incassokosten te betalen.",
		},
		due: []int{14}, phrases: []int{0, 1, 2, 4, 5},
	},
	{
		name: "dw-brief", node: "letter-dw-brief", urgent: true, sender: deurwaarder,
		title: "Sommatie",
		body: []string{
			"Als gerechtsdeurwaarder ben ik ingeschakeld door onze opdrachtgever voor een vordering van {BEDRAG}.",
			"Ik sommeer u dit bedrag {DEADLINE} te betalen.",
			"Betaalt u niet, dan kan ik zonder verdere aankondiging maatregelen nemen. Dat brengt hoge kosten mee.",
		},
		due: []int{7, 8},
	},
	{
		name: "dw-dagv", node: "letter-dw-dagv", urgent: true, sender: deurwaarder,
		title: "Dagvaarding",
		body: []string{
			"Ik dagvaard u namens mijn opdrachtgever om te verschijnen voor de kantonrechter van de rechtbank Midden-Nederland, locatie Lelystad.",
			"Mijn opdrachtgever eist betaling van {BEDRAG} met rente en kosten.",
			"U kunt schriftelijk verweer voeren. Komt u niet en reageert u niet, dan kan de rechter de eis toewijzen.",
		},
		event: "De zitting is op {DATUM2} om 10.00 uur.",
	},
	{
		name: "rechtbank-oproep", node: "letter-dw-dagv", urgent: true, sender: rechtbank,
		title: "Oproeping zitting kantonrechter",
		body: []string{
			"U bent gedagvaard door Ymere. De kantonrechter behandelt de zaak over een huurachterstand van {BEDRAG}.",
			"U kunt naar de zitting komen om uw kant van de zaak te vertellen. Neem uw papieren mee.",
		},
		event: "De zitting is op {DATUM2} om 13.30 uur in het gerechtsgebouw in Lelystad.",
	},
	{
		name: "dw-beslag", node: "letter-dw-beslag", urgent: true, sender: deurwaarder,
		title: "Loonbeslag",
		body: []string{
			"Ik heb vandaag beslag gelegd op uw loon bij uw werkgever. Het gaat om een schuld van {BEDRAG}.",
			"U houdt elke maand de beslagvrije voet over. Klopt de beslagvrije voet niet? Stuur mij {DEADLINE} uw gegevens over inkomen, huur en zorgpremie.",
		},
		due: []int{14},
	},
	{
		name: "w-beschikking", node: "letter-w-beschikking", sender: cjib,
		title: "Beschikking verkeersboete",
		body: []string{
			"U hebt een verkeersboete gekregen. Dit is de beschikking met nummer {KENMERK}.",
			"Het bedrag is {BEDRAG}. Betaal het bedrag {DEADLINE}.",
			"BEZWAAR",
		},
		due: []int{56},
	},
}
