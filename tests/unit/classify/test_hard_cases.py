"""Behaviour added for unseen tips: misspelt places, emergencies in many wordings, questions that hide
a tip, old plates. Sentences are written for these tests (none comes from a data file)."""

from __future__ import annotations

import pytest

from services.classify import urgency
from services.classify.classifier import Classifier
from services.classify.evaluation import evaluate
from services.classify.lexicon import CATEGORY_RULES
from services.classify.normalize import fold
from services.classify.plates import find_plates
from services.classify.reportable import CUE_RULES
from shared.contracts import Category, Classification, Urgency


def run(classifier: Classifier, text: str, received_on: str = "@politie") -> Classification:
    return classifier.classify("t-1", text, received_on)


def tip(classifier: Classifier, text: str) -> Classification:
    """The classification of a text that must be reportable."""
    result = run(classifier, text)
    assert result.reportable, text
    return result


@pytest.mark.parametrize(
    ("text", "municipality"),
    [
        ("mijn fiets is gestolen in Zeevenaar bij de Jumbo", "Zevenaar"),
        ("vannacht ingebroken in een schuur in Apeldorn", "Apeldoorn"),
        ("scooter gejat bij het station van Nijmgen", "Nijmegen"),
        ("elke nacht vuurwerk in rotterdm bij de flats", "Rotterdam"),
        ("er wordt gedeald op de boulevard in Harderwyk", "Harderwijk"),
    ],
)
def test_misspelt_place_names_are_found(classifier: Classifier, text: str, municipality: str) -> None:
    place = run(classifier, text).place
    assert place is not None
    assert place.municipality == municipality
    assert place.evidence is not None
    assert place.evidence.rule == "place.fuzzy"


@pytest.mark.parametrize(
    "text",
    [
        "Gisteren zag ik echt heel veel mensen bij de buren op de hoek staan",
        "ik zit in Afwachting van een antwoord van jullie, Zeker weten",
        "nieuwe sloten op de schuur en best tevreden, Helemaal goed",
        "in Amsterdamse Buurten is het druk, Iemand zei dat",
    ],
)
def test_common_words_never_fuzzy_match_a_place(classifier: Classifier, text: str) -> None:
    place = run(classifier, text).place
    assert place is None or place.evidence is None or place.evidence.rule != "place.fuzzy"


def test_region_in_a_two_part_handle_resolves_an_ambiguous_name(classifier: Classifier) -> None:
    place = run(classifier, "in Laren wordt elke nacht een schuur opengebroken", "@politie_midden-nederland").place
    assert place is not None
    assert place.municipality == "Laren (NH.)"


@pytest.mark.parametrize(
    "text",
    [
        "er wordt nu iemand in elkaar geslagen bij de bushalte, 4 tegen 1",
        "er is net een auto het kanaal in gereden, de bestuurder zit er nog in",
        "brand in het huis naast ons en er zitten nog kinderen binnen",
        "er rijdt een auto tegen het verkeer in op de A12 bij Arnhem",
        "een meisje wordt net in een witte bus getrokken bij de speeltuin",
        "mijn buurman slaat zijn vrouw, ik hoor haar nu om hulp roepen",
        "inbrekers zijn nog in het huis van de buren, ik zie een zaklamp boven",
        "someone is being stabbed outside the bar right now, he is bleeding",
        "wollah ze hebben net iemand gestoken bij het metrostation, hij ligt daar",
        "ik word gevolgd door 3 mannen en ze zeggen dat ze me gaan steken, bij de Jumbo",
    ],
)
def test_emergencies_in_varied_wording(classifier: Classifier, text: str) -> None:
    result = tip(classifier, text)
    assert result.urgency is Urgency.EMERGENCY, (text, result.urgency_reason)
    assert result.urgency_reason is not None
    assert result.urgency_reason.startswith("emergency.")


@pytest.mark.parametrize(
    "text",
    [
        "gisteravond is er ingebroken bij de buren, de achterdeur was opengebroken",
        "vannacht heeft iemand geprobeerd ons tuinhuisje open te breken maar ze zijn niet binnen gekomen",
        "vorige week is mijn fiets gestolen bij het station",
    ],
)
def test_past_incidents_are_not_emergencies(classifier: Classifier, text: str) -> None:
    result = tip(classifier, text)
    assert result.urgency is not Urgency.EMERGENCY, result.urgency_reason


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("is het normaal dat er elke nacht iemand aan de autodeuren in onze straat trekt?", "suspicious"),
        ("weet iemand wie dit is? hij probeerde vannacht bij ons in de tuin de schuur open te breken", "burglary"),
        pytest.param(
            "mag je eigenlijk met een mes rondlopen? de buurjongen doet dat elke dag op het plein",
            "weapon",
            # The rules read the answered question as a tip; the model, trained on many general questions that open
            # with "mag je eigenlijk", reads a question, and the blend sways around 0.5 between retrainings (0.436 now).
            marks=pytest.mark.xfail(strict=True, reason="the model outweighs the rules on an answered question"),
        ),
        ("hoe kan ik melden dat er gedeald wordt? elke avond staan ze bij de speeltuin aan de Dorpsstraat", "drugs"),
    ],
)
def test_questions_hiding_a_tip_stay_reportable(classifier: Classifier, text: str, category: str) -> None:
    result = tip(classifier, text)
    assert category in result.category_names


@pytest.mark.parametrize(
    "text",
    [
        "is het normaal dat jullie zo lang over een aangifte doen?",
        "weet iemand hoe laat het bureau open is?",
        "stel dat iemand met een mes binnenkomt, wat moet je dan doen?",
        "het was geen inbraak, vals alarm, de buurman had de sleutel",
        "mag je eigenlijk met een mes rondlopen? vraag voor een vriend",
        "the loud bangs last night were just fireworks, no shooting, all fine",
        "Den Bosch > Eindhoven, fight me 😤🐸",
    ],
)
def test_general_questions_hypotheticals_and_negations_stay_negative(classifier: Classifier, text: str) -> None:
    assert not run(classifier, text).reportable


@pytest.mark.parametrize(
    "text",
    [
        "wat een onzin weer" + "!" * 40,
        "mooi werk " + "-" * 40,
        "echt hoor" + "." * 60,
        "-" * 500,
        "?!" * 30,
        "...",
        "hallo.",
    ],
)
def test_punctuation_runs_do_not_make_a_comment_a_tip(classifier: Classifier, text: str) -> None:
    assert not run(classifier, text).reportable


def test_emphasis_does_not_change_what_a_tip_is(classifier: Classifier) -> None:
    plain = tip(classifier, "ze breken nu in bij de buren aan de overkant!")
    emphatic = tip(classifier, "ze breken nu in bij de buren aan de overkant" + "!" * 30)
    assert (emphatic.category_names, emphatic.urgency) == (plain.category_names, plain.urgency)
    assert emphatic.reportable_score == pytest.approx(plain.reportable_score, abs=0.02)


@pytest.mark.parametrize(
    ("text", "plates"),
    [
        ("oldtimer met kenteken AM-56-21 gestolen", ["AM5621"]),
        ("oude eend GV 12 34 staat al maanden op het gras", ["GV1234"]),
        ("kenteken ab 12 34 reed weg", ["AB1234"]),
        ("zwarte golf 12-gzb-3 en een witte bus K 555 ZF", ["12GZB3", "K555ZF"]),
    ],
)
def test_old_sidecodes_with_vowels(text: str, plates: list[str]) -> None:
    assert [match.plate for match in find_plates(text)] == plates


@pytest.mark.parametrize(
    "text",
    [
        "ik kom om 12 34 langs",  # a time-like pair, lowercase, no cue
        "bel me op 06 12 34 56 78",
        "nr 12 34 56 was het adres",
        "postcode 6901 AB of 6901AB",
        "ik ga om 10 30 ab",
    ],
)
def test_numbers_that_are_not_plates(text: str) -> None:
    assert find_plates(text) == []


def test_eval_report_prints_confusion_and_targets(classifier: Classifier) -> None:
    record = {
        "id": "t-1",
        "text": "er wordt nu geschoten bij de snackbar in Zwolle",
        "labels": {
            "reportable": True,
            "categories": ["weapon"],
            "urgency": "emergency",
            "place": "Zwolle",
            "plates": [],
            "language": "nl",
        },
    }
    text = evaluate([record], classifier).render()
    assert "urgency confusion" in text
    assert "emergency recall" in text
    assert "MISSED" not in text
    assert text.splitlines()[-3].startswith("reportable F1 1.000")


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("elke avond schieten ze vuurwerk op de bussen bij de halte in Emmen", "nuisance", "weapon"),
        ("iemand dreigt mijn naaktfoto's te verspreiden als ik niet betaal, ik ben 15", "fraud", "violence"),
        ("de bestelbus laat elke vrijdag bouwafval achter in de berm bij Lemmer", "nuisance", "parking"),
        ("een scooter reed vanmiddag iemand omver op het fietspad in Houten en reed door", "traffic", "parking"),
        ("vannacht bij 5 auto's in de Molenstraat in Zeist de spiegels eraf getrapt", "nuisance", "violence"),
        ("some guy just lifted my wallet on tram 5 near the Dam in Amsterdam, cards cancelled", "theft", "violence"),
        (
            "een bestelbus knalde net tegen twee geparkeerde auto's in Breda en de bestuurder reed door",
            "traffic",
            "parking",
        ),
        ("een man staat met een koevoet de achterdeur van de buren open te wrikken in Assen", "burglary", "weapon"),
        ("elke nacht een scooter met een knalpijp in Uden, klinkt precies als schoten", "nuisance", "weapon"),
        ("kinderen bellen elke middag bij ons aan en rennen weg, Julianastraat in Hoorn", "nuisance", "violence"),
        ("plofkraak bezig bij de Rabobank in Emmen, ze slaan de ruiten in", "burglary", "violence"),
    ],
)
def test_a_word_is_read_in_its_context(classifier: Classifier, text: str, expected: str, absent: str) -> None:
    result = tip(classifier, text)
    assert expected in result.category_names
    assert absent not in result.category_names


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Moja rowerka ukradli spod bloku w Waalwijk dzisiaj rano", "theft"),
        ("benim arabam dün gece Schiedam'da soyuldu, cam kırık", "burglary"),
        ("dün gece Zaandam'da bisikletim çalındı, hırsız kaçtı", "theft"),
        ("Wczoraj ktoś się podszywał pod policję i dzwonił do mojej mamy w Tilburgu, oszuści", "fraud"),
    ],
)
def test_tips_in_turkish_and_polish(classifier: Classifier, text: str, category: str) -> None:
    result = tip(classifier, text)
    assert category in result.category_names
    assert result.language == "other"


@pytest.mark.parametrize(
    "text",
    [
        "ze trekken hem van zijn fiets en schoppen hem, drie gasten met scooters, bij de brug in Zwolle",
        "man houdt een mes tegen de keel van een vrouw in de lift van de parkeergarage",
        "er staan 2 gasten met een machete bij het basketbalveld en ze wachten op iemand",
        "ik hoor glas breken bij de juwelier onder ons, er zijn er twee binnen",
        "vrachtwagen slingert over de A50 bij Heteren, raakt steeds de vangrail, chauffeur lijkt te slapen",
        "een man probeert mijn zusje in zijn auto te trekken bij de bushalte, ze belt me gillend op",
        "Geisterfahrer auf der A12 bei Zevenaar Richtung Arnhem, ein weißer Transporter!",
    ],
)
def test_present_tense_danger_is_an_emergency(classifier: Classifier, text: str) -> None:
    result = tip(classifier, text)
    assert result.urgency is Urgency.EMERGENCY, (text, result.urgency_reason)


@pytest.mark.parametrize(
    "text",
    [
        "zaterdag stond er een man met een mes te zwaaien bij de Jumbo in Didam, is hij opgepakt?",
        "kijk die gasten zwaaien met een gun in hun nieuwste vid, gefilmd bij winkelcentrum Dukenburg",
        "video van die steekpartij bij de shoarmazaak vorige week gaat nu rond op snap, account @yungmo.020",
        "een jongen uit zijn klas neemt morgen een mes mee naar school om iemand te steken, ik durf niet te bellen",
        "vorige maand is mijn neef beroofd met een mes bij het station, nu zie ik die gast gewoon op insta",
        'Op insta van @r0ttown.bandz staat nu een live waarin 3 jongens met een vuurwapen zwaaien, "vandaag Charlois"',
    ],
)
def test_violence_told_afterwards_or_seen_in_a_video_is_not_an_emergency(classifier: Classifier, text: str) -> None:
    result = tip(classifier, text)
    assert result.urgency is not Urgency.EMERGENCY, (text, result.urgency_reason)


@pytest.mark.parametrize(
    "text",
    [
        "Gevonden: kinderfietsje bij de speeltuin in Zeist, blauw met zijwieltjes. Wie mist hem?",
        "Die 'verdachte tas' bij de bushalte was van een schoolmeisje, ze heeft hem alweer opgehaald. Alles goed hier!",
        "Er is NIET ingebroken bij de Jumbo hier, het alarm ging af door een storing",
        "Heftig wat er in Nijmegen is gebeurd met die steekpartij bij de Waalkade. Rust zacht",
        "Wie zin om zaterdag te airsoften in Ede? Replica's zelf meenemen",
    ],
)
def test_lost_property_all_clear_and_condolences_are_not_tips(classifier: Classifier, text: str) -> None:
    assert not run(classifier, text).reportable, text


@pytest.mark.parametrize(
    "text",
    [
        "WIE PARKEERT ER NOU VOOR EEN UITRIT, STAAT AL SINDS 7 UUR VOOR MIJN GARAGE",
        "INBREKERS BIJ DE BUREN ZE ZIJN NOG BINNEN ALARM GAAT AF",
        "check ff @weedplug_assen op snap, heeft elke dag een menu in zn story",
        "ik heb een mes om mijn boterham te smeren",
        "Ik kreeg een sms van 020-2288800 dat mijn pas geblokkeerd is, ik moest een link openen",
        "ze hebben gisteren de houten schuur van de buren in brand gestoken",
        "ik heb voor de gein de deur opengelaten en nu is mijn fiets gejat",
    ],
)
def test_capitals_handles_and_infinitives_are_not_places(classifier: Classifier, text: str) -> None:
    assert run(classifier, text).place is None, text


def test_an_everyday_word_opening_a_sentence_is_the_place_the_account_is_for(classifier: Classifier) -> None:
    text = "Houten Noord: auto's staan elke ochtend op het fietspad bij de Aldi"
    place = run(classifier, text, received_on="@politie.houten").place
    assert place is not None
    assert place.municipality == "Houten"
    assert run(classifier, text, received_on="@politie_utrecht").place is None


@pytest.mark.parametrize(
    ("text", "municipality"),
    [
        ("elke ochtend het fietspad vol auto's van ouders, Dordt doe er wat aan", "Dordrecht"),
        ("in de buurt van Emmeloord staat een hennepkwekerij in een schuur", "Noordoostpolder"),
        ("ze zijn de auto's aan het openbreken in de parkeergarage van de Markthal", "Rotterdam"),
        ("Groeten uut Oldenzel, en die scooters op de stoep zijn nog steeds een probleem", "Oldenzaal"),
        ("wie verkoopt er blaffers in 020 ik zie ze overal in de groep", "Amsterdam"),
        ("elke nacht knipt iemand sloten open bij de fietsenstalling van station gouda", "Gouda"),
        ("dronken gast rijdt nu zigzag door zaandam centrum", "Zaanstad"),
        ("ze dealen op de fissa in de maassilo elke zaterdag", "Rotterdam"),
    ],
)
def test_nicknames_landmarks_and_area_phrases_name_a_place(
    classifier: Classifier, text: str, municipality: str
) -> None:
    place = run(classifier, text).place
    assert place is not None, text
    assert place.municipality == municipality


@pytest.mark.parametrize(
    "text",
    [
        "er staat een vent met een aansteker bij de achterdeur van de flat en hij giet benzine tegen de deur",
        "mijn dochter van 6 is weg, ze was net nog bij de schommels in het park, we zoeken al 10 minuten",
        "my passenger has a gun and says drive to Schiphol and do not stop, we are on the A4",
        "twee jongens worden in elkaar geslagen op de Korenmarkt, de groep staat nog om ze heen",
        "Er staat een jongen op de rand van het dak van de parkeergarage, hij leunt steeds verder naar voren",
        "jongens gooien stenen van het viaduct over de A27 op de auto's, er is net een voorruit ingeslagen",
        "Er is een man met een geweer de school binnengelopen, wij zitten met de deur op slot in lokaal 2.14",
        "Gun. Man forcing a woman into a black van at the IKEA car park in Barendrecht",
    ],
)
def test_danger_without_violence_words_is_an_emergency(classifier: Classifier, text: str) -> None:
    result = tip(classifier, text)
    assert result.urgency is Urgency.EMERGENCY, (text, result.urgency_reason)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 maanden terug is mijn fiets gestolen bij het station in Zwolle, wil het even gemeld hebben", Urgency.LOW),
        ("nep sms van 'PostNL' binnen met link postnl-pakket-levering.info, wil het even gemeld hebben", Urgency.LOW),
        ("Net thuis, voordeur geforceerd en hele slaapkamer overhoop, sieraden weg", Urgency.HIGH),
        ("Bij het hek van de Montessorischool wordt elke middag gedeald vanuit een zwarte Golf", Urgency.HIGH),
        ("iemand heeft vannacht geprobeerd de achterdeur open te breken, krassen bij het slot", Urgency.NORMAL),
        (
            "We came home tonight and someone has been inside, back window forced and laptops gone. Zandvoort",
            Urgency.HIGH,
        ),
        # Dumped drug waste is a drugs offence like any other: the taxonomy does not list it among the urgent ones.
        ("achter de boerderij in Deurne staan tien vaten drugsafval te lekken in de sloot", Urgency.NORMAL),
        ("er zijn weer autobanden en asbestplaten gedumpt langs de dijk bij Nijkerk", Urgency.NORMAL),
        ("elke ochtend wordt er bij het hek van het gymnasium in Zutphen gedeald", Urgency.HIGH),
        (
            "vannacht hebben ze geprobeerd de schuurdeur open te wrikken in Epe, ze zijn er niet in gekomen",
            Urgency.NORMAL,
        ),
        ("we kwamen net terug van vakantie, achterdeur opengebroken en alles overhoop in Zeewolde", Urgency.HIGH),
        ("A fake bank employee called my mother in Baarn, someone will pick up her bank cards tonight", Urgency.HIGH),
        ("sms van de 'bank' gekregen, via de link mijn gegevens ingevuld en nu is er 900 euro weg", Urgency.NORMAL),
        (
            "er staat sinds vanochtend een rugzak tegen de deur van het gemeentehuis, dichtgeplakt met tape en er is"
            " niemand in de buurt",
            Urgency.HIGH,
        ),
        ("mijn broertje wordt gechanteerd met foto's, hij moet vandaag 400 euro overmaken", Urgency.HIGH),
        # Noise, tags, dumping and check requests are low; damage, a theft with a tracker, a car break-in are not.
        ("de bovenburen draaien elke nacht tot 4 uur housemuziek met zware bassen, al weken", Urgency.LOW),
        ("weer tags gespoten op het bushokje bij de bieb in Nunspeet", Urgency.LOW),
        ("kan er een keer gecontroleerd worden op de Dorpsweg in Putten? ze rijden daar elke avond 80", Urgency.LOW),
        ("iemand heeft een matras en een koelkast gedumpt bij de glasbak achter de supermarkt in Epe", Urgency.LOW),
        ("kreeg een sms van 'ING' met een linkje om mijn pas te verlengen, niet geklikt", Urgency.LOW),
        ("de hangjongeren gooien elke avond flessen tegen de ramen van de flat in Hoorn", Urgency.NORMAL),
        ("mijn fiets is vanochtend gestolen bij het station en de tracker staat nu in Zaandam", Urgency.NORMAL),
        ("ze hebben vannacht de ruit van mijn auto ingeslagen en mijn tas gepakt, Leiden", Urgency.NORMAL),
        (
            "een man in een grijs busje deelt snoep uit bij de basisschool en vraagt of de kinderen mee willen rijden",
            Urgency.HIGH,
        ),
        (
            "iemand zegt dat hij filmpjes van mij naar al mijn contacten stuurt als ik niet voor vanavond betaal",
            Urgency.HIGH,
        ),
        (
            "bij de fietsenstalling van het station in Breda staat al de hele middag een koffertje zonder eigenaar",
            Urgency.HIGH,
        ),
        # A "nu" in the aftermath or in "wat nu?" does not make violence happen now.
        ("vannacht is mijn broer op straat geslagen, hij ligt nu in het ziekenhuis in Kampen", Urgency.HIGH),
        (
            "gisteren is mijn vriendin in haar gezicht geslagen door een jongen op een feest in Zwolle, wat nu?",
            Urgency.HIGH,
        ),
        ("op de Kerkweg in Wijchen rijden ze elke avond 90, kom eens meten", Urgency.LOW),
        ("de jongens van hiernaast voetballen elke avond tegen onze garagedeur, aanspreken helpt niet", Urgency.LOW),
        (
            "er lopen nu 2 jongens met bivakmutsen door onze straat die aan alle voordeuren voelen, Roosendaal",
            Urgency.HIGH,
        ),
        ("er staat al een uur een rolkoffer midden in de hal van station Zwolle, niemand in de buurt", Urgency.HIGH),
        ("ze zegt dat ze het filmpje naar mijn familie stuurt als ik vanavond niet 500 euro betaal", Urgency.HIGH),
        # Once the police are there and someone is arrested, the fight is being handled.
        ("vechtpartij bij het station in Ede, de politie is er al en twee jongens zijn opgepakt", Urgency.HIGH),
        # Someone's livestream is a video, not a scene the writer is watching.
        (
            "kijk de live van @d4nny.x hij zwaait met een pistool en zegt dat hij in de schilderswijk woont",
            Urgency.HIGH,
        ),
    ],
)
def test_urgency_follows_how_old_and_how_fresh_the_matter_is(
    classifier: Classifier, text: str, expected: Urgency
) -> None:
    result = tip(classifier, text)
    assert result.urgency is expected, (text, result.urgency_reason)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("someone is kicking in our front door, we are upstairs in Groningen", "burglary"),
        ("de voordeur van de buren is vannacht ingetrapt, alles overhoop", "burglary"),
        ("our neighbour keeps shouting he is going to kill my roommate, he is at the door", "violence"),
        ("mijn neef van 14 heeft een nepblaffer gekocht en loopt ermee rond bij de skatebaan", "weapon"),
        ("mesgevecht bij het winkelcentrum, twee jongens bloeden", "weapon"),
    ],
)
def test_compounds_and_english_phrasings_name_their_category(classifier: Classifier, text: str, category: str) -> None:
    assert category in tip(classifier, text).category_names, text


@pytest.mark.parametrize(
    "text",
    [
        # A rant about the police around a stabbing happening now is still a stabbing happening now.
        "Jullie zitten filmpjes te maken terwijl er NU iemand wordt neergestoken bij de Lidl op de Vaartweg???",
        # The joke before "maar serieus" does not undo what follows it.
        "hahaha die agent met die bril 😂 maar ff serieus, ze vechten nu met een mes voor de snackbar in Tiel",
        # Six words and a spot: no street name, no request, still an emergency.
        "help ze slaan hem dood hier bij de bushalte",
        "vechtpartij met messen bij de kiosk NU",
    ],
)
def test_a_violent_act_told_as_happening_now_is_never_dropped(classifier: Classifier, text: str) -> None:
    result = tip(classifier, text)
    assert result.urgency is Urgency.EMERGENCY, (text, result.urgency_reason)


@pytest.mark.parametrize(
    "text",
    [
        "Las op nu.nl over die steekpartij in Arnhem, vreselijk voor de familie",
        "Las over die overval op de tankstation in Venlo, hopelijk pakken jullie ze snel",
        "help ik word achtervolgd door de kat van de buren door het hele huis 😂",
        "Stel je voor dat er nu iemand met een mes bij de Jumbo staat, wat moet je dan doen?",
        "wat moet je doen als ze nu iemand in elkaar slaan voor je deur?",
    ],
)
def test_news_jokes_and_questions_about_violence_now_stay_negative(classifier: Classifier, text: str) -> None:
    assert not run(classifier, text).reportable, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A trace left behind is not someone still there; a fire is an emergency with people at home.
        ("de koperen goot van het clubhuis is vannacht gestolen, de ladder ligt nog in het gras", Urgency.NORMAL),
        ("de schuur van de buren staat in de fik en de kinderen zitten binnen, Zutphen", Urgency.EMERGENCY),
        # The ambulance already there, or the man gone again, end the danger that "nu" would otherwise mean.
        (
            "vanmiddag liep een man me achterna vanaf het station tot aan mijn voordeur in Zwolle, nu is hij weg",
            Urgency.HIGH,
        ),
        (
            "zojuist een fietser aangereden op de rotonde in Woerden, de auto reed door, ambulance is er al",
            Urgency.NORMAL,
        ),
        # A courier who just took the bank card, or a victim about to pay again, need action today.
        (
            "mijn oma heeft net haar pinpas meegegeven aan een 'koerier' van de bank, hij liep weg richting de markt",
            Urgency.HIGH,
        ),
    ],
)
def test_traces_aftermath_and_fresh_fraud_set_the_urgency(classifier: Classifier, text: str, expected: Urgency) -> None:
    result = tip(classifier, text)
    assert result.urgency is expected, (text, result.urgency_reason)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("iemand heeft de hele onderdoorgang bij het station volgespoten met tags", "nuisance"),
        ("er zijn weer matrassen en een koelkast gedumpt achter de sporthal", "nuisance"),
        ("the people upstairs are blasting music until 4am every night, Utrecht Lombok", "nuisance"),
        ("de bovenburen hebben elke nacht feest met bassen tot 5 uur", "nuisance"),
        ("er loopt een man langs de achterdeuren die aan elke klink voelt, blauwe jas", "suspicious"),
        ("een vrouw maakt foto's van alle voordeuren in onze straat en schrijft iets op", "suspicious"),
        ("rare gast kijkt bij iedereen door het raam naar binnen, Bomenbuurt", "suspicious"),
        ("a guy keeps walking past our house at night and stares at the windows", "suspicious"),
    ],
)
def test_nuisance_and_suspicious_in_their_own_words(classifier: Classifier, text: str, category: str) -> None:
    result = tip(classifier, text)
    assert category in result.category_names, (text, result.category_names)


@pytest.mark.parametrize(
    "text",
    [
        "Wij organiseren op 3 juli een straatfeest, de gemeente heeft de vergunning gegeven. Jullie zijn welkom!",
        "mijn melding van gisteren over de geparkeerde bus kan vervallen, de eigenaar heeft zich gemeld",
        "ben vanochtend geflitst op de ring, eigen schuld, reed te hard",
    ],
)
def test_announcements_withdrawn_reports_and_own_fines_are_not_tips(classifier: Classifier, text: str) -> None:
    assert not run(classifier, text).reportable, text


@pytest.mark.parametrize(
    ("text", "category", "expected", "place"),
    [
        # "Help! A man is beating his wife in the flat next door now, we hear screaming. Rotterdam."
        (
            "ساعدوني! رجل يضرب زوجته الآن في الشقة المجاورة في روتردام، نسمع صراخ",
            "violence",
            Urgency.EMERGENCY,
            "Rotterdam",
        ),
        # "Someone stole my bike in front of the station in Arnhem last night. What do I do?"
        ("مرحبا، شخص سرق دراجتي أمام المحطة في أرنهم الليلة الماضية. ماذا أفعل؟", "theft", Urgency.NORMAL, "Arnhem"),
    ],
)
def test_tips_in_arabic_script(classifier: Classifier, text: str, category: str, expected: Urgency, place: str) -> None:
    result = tip(classifier, text)
    assert category in result.category_names
    assert result.urgency is expected, result.urgency_reason
    assert result.place is not None
    assert result.place.municipality == place


def test_thanks_in_arabic_script_is_not_a_tip(classifier: Classifier) -> None:
    assert not run(classifier, "شكرا للشرطة على كل المساعدة، الله يحفظكم").reportable


@pytest.mark.parametrize(
    "text",
    [
        "er zit NU een man bij mijn oma aan de keukentafel die zegt dat hij van de bank is en haar pinpassen wil",
        "ER ZIT EEN BABY IN EEN AUTO op de parkeerplaats van de Plus in Ede, 28 graden en de ramen zijn dicht",
        "ik hoor gebonk en geschreeuw uit een vrachtwagen op de parkeerplaats bij de A2, er zitten mensen in",
        "mijn opa (86) met dementie is al twee uur weg van huis in Assen, hij heeft geen jas aan",
        "mijn auto wordt gestolen met mijn zoon (2) achterin!! zwarte Fiat net weggereden bij de Shell in Gouda",
    ],
)
def test_danger_to_life_outside_the_violent_categories_is_an_emergency(classifier: Classifier, text: str) -> None:
    result = tip(classifier, text)
    assert result.urgency is Urgency.EMERGENCY, (text, result.urgency_reason)


def test_a_fake_bank_caller_at_the_door_now_is_an_emergency_one_on_his_way_is_urgent(classifier: Classifier) -> None:
    at_the_door = "er staat nu een man bij mijn oma aan de deur die haar pinpas komt ophalen voor 'de bank', Soest"
    assert tip(classifier, at_the_door).urgency is Urgency.EMERGENCY
    on_his_way = "mijn oma werd gebeld door 'de bank', er komt zo een koerier haar pinpas ophalen, Soest"
    assert tip(classifier, on_his_way).urgency is Urgency.HIGH


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "elke avond stopt er een auto bij de portiekflat, iemand rent naar buiten, handje schudden en weer weg",
            "drugs",
        ),
        ("op alle lantaarnpalen hangen stickertjes met een 06 nummer, gebeld: 'binnen 20 min bij je'", "drugs"),
        ("garagebox 12 zoemt dag en nacht, er hangt een afzuigkap uit het dak en je ziet paars licht", "drugs"),
        ("er staat NU een bestelbus pal voor onze garagedeur en ik moet zo naar mijn werk", "parking"),
        ("de brandweeropstelplaats bij de seniorenflat staat elke avond vol", "parking"),
    ],
)
def test_drugs_and_parking_told_by_their_signs(classifier: Classifier, text: str, category: str) -> None:
    result = tip(classifier, text)
    assert category in result.category_names, (text, result.category_names)


@pytest.mark.parametrize(
    "text",
    [
        "paar kids gooien elke middag eieren tegen de ramen van de snackbar in Stadskanaal, geen schade, wel een zooi",
        "kinderen bellen de hele middag bij ons aan en rennen dan weg, niet heel erg maar mijn moeder schrikt",
        "sms van 'ING' gehad dat mijn pas verloopt, linkje naar ing-pasverlengen.info. Niet op geklikt natuurlijk",
    ],
)
def test_matters_the_writer_calls_minor_are_low(classifier: Classifier, text: str) -> None:
    result = tip(classifier, text)
    assert result.urgency is Urgency.LOW, (text, result.urgency_reason)


@pytest.mark.parametrize(
    "text",
    [
        # Darija in Latin script: "please come now, a man is hitting his wife in the street in front of my house".
        "3afak jiw daba! kayn wa7ed kaydreb mrato f zenqa qoddam dari f Kanaleneiland",
        "there is a guy chasing a woman down our street and hitting her, corner by the tram stop",
        "de loods naast onze boerderij bij Baarle-Nassau staat in brand en er ontploffen steeds dingen",
        "top video 😂 maar ff serieus: bij ons in de straat slaat een man NU zijn vrouw, ze ligt op de stoep",
        "nep-agenten zijn NU binnen bij mijn oma in Tegelen en zoeken in haar kasten naar sieraden",
    ],
)
def test_emergencies_in_darija_english_and_after_banter(classifier: Classifier, text: str) -> None:
    result = tip(classifier, text)
    assert result.urgency is Urgency.EMERGENCY, (text, result.urgency_reason)


def test_a_fight_that_is_over_is_not_an_emergency(classifier: Classifier) -> None:
    text = "net een vechtpartij bij de McDonald's in Spijkenisse, is nu voorbij en de politie is er net weg"
    assert tip(classifier, text).urgency is not Urgency.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        # An ambulance blocked by a parked van is a parking tip; the heart attack makes it an emergency.
        "de ambulance kan niet bij ons hofje in Leusden, er staat een bestelbus dwars en mijn buurman heeft een hartaanval",
        "ze gooien stenen naar de trein vanaf het viaduct bij Zwolle, er is net een ruit gesprongen",
        "twee mannen staan onder de auto van de buren te zagen, volgens mij de katalysator, Hengelo",
        "mijn vader is nu aan de telefoon met 'de bank' en is geld aan het overmaken naar een veilige rekening",
        "er zit een man 'van de waterleiding' bij mijn oma van 84 binnen en zijn maat loopt boven rond, Zeist",
        "jongen ligt buiten westen in het park na een pilletje, schuim op zijn mond, de dealer staat er nog",
        "er staat een tas met draden eruit onder een bankje op het perron in Amersfoort",
        "de schuur staat in lichterlaaie en het vuur slaat over naar het huis van de buren, Dalfsen",
        "al maanden ruzie met de buurman en nu staat hij met een bijl voor onze deur te schreeuwen, Hoogeveen",
        "bij de speeltuin in Goes probeert een man twee meisjes in zijn auto te lokken, hij staat er nog",
        "er staat een kapotte scooter midden op de overweg bij Hattem en de bellen gaan al",
    ],
)
def test_emergencies_in_every_category(classifier: Classifier, text: str) -> None:
    result = tip(classifier, text)
    assert result.urgency is Urgency.EMERGENCY, (text, result.urgency_reason)


@pytest.mark.parametrize(
    "text",
    [
        "magneetvissers hebben een pistool uit de gracht gehaald in Meppel, het ligt nu op de kade",
        "conducteur werd net geslagen in de trein naar Zwolle, de dader is bij het station uitgestapt",
        "gisteren zat een vrachtwagenchauffeur op de A12 bij Woerden te filmen en slingerde over de weg",
        "mijn dochter werd vanmiddag bedreigd met een mes bij het station in Tiel, ze is nu veilig thuis",
    ],
)
def test_danger_that_is_over_or_found_lying_is_not_an_emergency(classifier: Classifier, text: str) -> None:
    assert tip(classifier, text).urgency is not Urgency.EMERGENCY, text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "dat bericht over een man met een mes bij de Jumbo in Kerkrade is nep, een oud kettingbericht. Stop met delen",
            marks=pytest.mark.xfail(strict=True, reason="the model outweighs the hoax cues on a located knife"),
        ),
        "VERMIST: onze kater Bob, rood met witte pootjes, sinds gisteren weg in Hoogland",
        "wat moet je eigenlijk doen als je ziet dat iemand wordt beroofd? vraag me dat altijd af",
        "haha die moord en brand schreeuwen om een parkeerboete, herkenbaar 😅",
    ],
)
def test_chain_messages_lost_pets_and_idioms_are_not_tips(classifier: Classifier, text: str) -> None:
    assert not run(classifier, text).reportable, text


def test_a_word_in_a_run_of_capitals_is_not_a_place(classifier: Classifier) -> None:
    result = run(classifier, "STAAT NU EEN MAN BIJ MIJN OMA AAN DE DEUR die zegt dat hij van de bank is")
    assert result.place is None


def test_limburgish_town_names_are_places(classifier: Classifier) -> None:
    place = run(classifier, "Hulp! D'r steit eine mèt e mès bie de Hema in Zittard").place
    assert place is not None
    assert place.municipality == "Sittard-Geleen"


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        # Ukrainian: "a man is beating a woman by our building, she is screaming".
        ("Чоловік б'є жінку біля нашого будинку, вона кричить", "violence", Urgency.EMERGENCY),
        # Ukrainian: "yesterday my bicycle was stolen by the station, what should I do?".
        ("Вчора в мене вкрали велосипед біля вокзалу, що мені робити?", "theft", Urgency.NORMAL),
    ],
)
def test_tips_in_ukrainian(classifier: Classifier, text: str, category: str, expected: Urgency) -> None:
    result = tip(classifier, text)
    assert category in result.category_names
    assert result.urgency is expected


@pytest.mark.parametrize(
    "text",
    [
        "jongens steken net iets brandends in de brievenbus van mijn opa en er komt rook onder de voordeur, Hulst",
        "ze staan nu met z'n drieën achter de sporthal in Nijkerk en schoppen hem",
        "2 mannen bij de bus van mijn buurman met zo'n kastje, ze stelen hem! Kampen",
        "er komt gele rook uit de loods naast ons met een bijtende chemische lucht, Oss",
        "een vent probeerde net een jongetje bij de bushalte mee te trekken, die bus staat er nog, Epe",
    ],
)
def test_arson_beating_theft_toxic_smoke_and_luring_told_now(classifier: Classifier, text: str) -> None:
    result = tip(classifier, text)
    assert result.urgency is Urgency.EMERGENCY, (text, result.urgency_reason)


@pytest.mark.parametrize(
    "text",
    [
        "vanochtend is de buschauffeur in Assen in zijn gezicht geslagen, hij zit nu bij de huisarts",
        "net 3 kogelhulzen gevonden bij het hek van het park in Zwijndrecht, ik sta er nu bij",
        "vorige nacht hebben ze een brandende lap door onze brievenbus geduwd, ik ben nu nog bang, Almere",
        "een man zit al een uur in zijn auto bij de school in Putten de kinderen te filmen, hij staat er nog",
    ],
)
def test_aftermath_found_cases_past_arson_and_someone_outside_are_not_emergencies(
    classifier: Classifier, text: str
) -> None:
    result = tip(classifier, text)
    assert result.urgency is not Urgency.EMERGENCY, (text, result.urgency_reason)


@pytest.mark.parametrize(
    ("text", "municipality"),
    [
        # Ukrainian and Russian decline city names: "near the station in Assen", "we live in Rotterdam", "from Utrecht".
        ("Біля вокзалу в Ассені б'ють хлопця", "Assen"),
        ("Ми живемо в Роттердамі, сусіди паркуються на тротуарі", "Rotterdam"),
        ("Вчера из Утрехта позвонил мошенник", "Utrecht"),
        ("Підлітки кидають петарди біля школи в Гаазі", "'s-Gravenhage"),
    ],
)
def test_city_names_in_cyrillic_with_their_case_endings(classifier: Classifier, text: str, municipality: str) -> None:
    place = run(classifier, text).place
    assert place is not None, text
    assert place.municipality == municipality


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Polish: "a car is driving the wrong way on the A2 near Weert, right now!"
        ("samochód jedzie pod prąd na A2 koło Weert, teraz!", "traffic"),
        # German: "a so-called man from the gas company is in my father's house right now, in Kerkrade".
        ("Ein angeblicher Mann vom Gaswerk ist gerade bei meinem Vater im Haus in Kerkrade", "fraud"),
        # Ukrainian: "two men are stealing the neighbour's car right now in Utrecht".
        ("Двоє чоловіків зараз викрадають машину сусіда в Утрехті", "theft"),
        # Arabic: "my friend took pills and is unconscious now in the park in Rotterdam".
        ("صديقي أخذ حبوبا وهو فاقد الوعي الآن في الحديقة في روتردام", "drugs"),
    ],
)
def test_emergencies_in_polish_german_ukrainian_and_arabic(classifier: Classifier, text: str, category: str) -> None:
    result = tip(classifier, text)
    assert category in result.category_names, (text, result.category_names)
    assert result.urgency is Urgency.EMERGENCY, (text, result.urgency_reason)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("een bus staat voor de uitrukpoort van de brandweer in Epe en de sirenes gaan, ze kunnen er niet uit", True),
        ("er staat weer een bestelbus voor de uitrukpoort van de brandweerkazerne in Epe", False),
        ("een auto staat stil op de trambaan bij de Coolsingel in Rotterdam en er komt een tram aan", True),
        ("net iemand in elkaar geslagen bij het station in Zwolle, de daders zijn er allang vandoor", False),
        ("just got punched by a guy at Dam Square, he's long gone, nose is bleeding but i'm ok", False),
        ("mijn neef is vanmiddag in Assen geslagen door een klant, hij zit nu bij de huisarts", False),
    ],
)
def test_responders_blocked_on_a_call_the_tram_tracks_and_violence_that_is_over(
    classifier: Classifier, text: str, expected: bool
) -> None:
    result = tip(classifier, text)
    assert (result.urgency is Urgency.EMERGENCY) is expected, (text, result.urgency_reason)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Papiamento: "last night they broke into my car and stole my bag".
        ("Anochi nan a kibra mi outo na Schiedam i hòrta mi tas", "burglary"),
        # Turkish: "last night they broke my car window and stole my bag".
        ("Dün gece Almere'de arabamın camını kırıp çantamı çaldılar", "burglary"),
        # Polish: "three men are beating a colleague in Westland".
        ("Trzech mężczyzn bije kolegę przy hotelu w Westland", "violence"),
    ],
)
def test_break_ins_and_beatings_in_papiamento_turkish_and_polish(
    classifier: Classifier, text: str, category: str
) -> None:
    result = tip(classifier, text)
    assert category in result.category_names, (text, result.category_names)


@pytest.mark.parametrize(
    "text",
    [
        "ze steken de kliko's naast de flat in Emmen in brand en de vlammen komen al tot het balkon",
        "mijn oma staat op dit moment bij de geldautomaat met 'de bank' aan de telefoon, straks komt er een koerier",
        "man lokt een kind met een snoepje naar zijn auto bij het park in Zwolle, NU",
        "jullie posten leuke filmpjes maar er staat NU een man met een mes te zwaaien bij de bushalte in Ede",
        # Turkish: "right now two men are loading the bikes into a van at the station, Utrecht".
        "Şu an iki adam istasyonda bisikletleri bir kamyonete yüklüyor, Utrecht",
    ],
)
def test_fire_reaching_homes_a_scam_at_the_cash_machine_luring_and_a_knife_inside_a_rant(
    classifier: Classifier, text: str
) -> None:
    result = tip(classifier, text)
    assert result.urgency is Urgency.EMERGENCY, (text, result.urgency_reason)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "een ambulance met zwaailicht staat stil achter een dubbel geparkeerde bestelbus in de Dorpsstraat in Epe",
            True,
        ),
        ("elke zondag parkeren ze voor de uitrit van de brandweerkazerne in Epe", False),
        # Polish: "a lorry stands on the tram tracks in The Hague and a tram is coming".
        ("ciężarówka stoi na torach tramwajowych w Den Haag, tramwaj nadjeżdża", True),
        ("two men are loading scooters into a van at Utrecht Centraal as we speak", True),
        # Darija: "they are stealing my car now in front of the house".
        ("chefro daba tomobil dyali mn qdam dar f Gouda!!", True),
        ("vorige maand ook al, en nu hoor ik haar weer gillen, de buurman slaat haar, Zwolle", True),
        ("er loopt een man achter mijn dochter van 10 aan vanaf het park in Breda, ze is bang", True),
        ("my brother is being blackmailed with photos and says he wants to die, we live in Apeldoorn", True),
        ("de spookrijder op de A1 bij Deventer is door de politie van de weg gehaald", False),
        (
            "this morning a car was parked in front of the fire exit of the school in Haarlem during the fire drill",
            False,
        ),
    ],
)
def test_responders_held_up_thefts_as_they_happen_screams_heard_and_what_is_over(
    classifier: Classifier, text: str, expected: bool
) -> None:
    result = tip(classifier, text)
    assert (result.urgency is Urgency.EMERGENCY) is expected, (text, result.urgency_reason)


@pytest.mark.parametrize(
    "text",
    [
        "er hangt een camera aan de gevel bij de buren, heel verdacht, Epe",
        "verdacht wit busje met de schuifdeur open staat al een uur in onze straat in Epe",
    ],
)
def test_a_camera_on_a_wall_and_an_open_van_door_without_children_are_not_emergencies(
    classifier: Classifier, text: str
) -> None:
    result = tip(classifier, text)
    assert result.urgency is not Urgency.EMERGENCY, (text, result.urgency_reason)


def test_dutch_drogen_is_drying_not_german_drugs(classifier: Classifier) -> None:
    text = "de handdoeken hangen te drogen op het balkon en de buren parkeren elke dag op de stoep in Epe"
    assert "drugs" not in tip(classifier, text).category_names
    german = "Mein Sohn hat auf einer Party in Kerkrade Drogen genommen, er ist bewusstlos"
    assert "drugs" in tip(classifier, german).category_names


@pytest.mark.parametrize(
    "text",
    [
        "twee mannen sleuren een vrouw aan haar haren een witte bestelbus in bij de Aldi in Hengelo",
        "er probeert een man mijn zoontje van 6 bij de speeltuin in Zeist mee te nemen, hij houdt zijn arm vast",
        "een zwarte golf duwt hem nu van de weg op de dijk bij Kampen, ze zitten al de hele tijd achter hem aan",
        "mijn buurman jaagt ons met een kettingzaag door de achtertuin, Emmen",
        "op de parkeerplaats van de Intratuin wordt op dit moment een camper gejat, Assen",
        "er staan twee gasten bij onze auto op de oprit met zo'n kastje, de lichten knipperen al, Zwolle",
        "er zit een 'rechercheur' bij mijn opa in Delft die bij hem in de woonkamer zit en zijn pinpas wil",
        "harde knal uit de schuur achter ons in Tubbergen en nu komt er een gele wolk en een bijtende lucht uit",
        "iemand gooit een brandende fles door het raam van de benedenwoning in Oss, er wonen mensen boven",
        "Proszę szybko, słyszę strzały przy Kruisstraat w Eindhoven, ktoś leży na ulicy",
        "Doi bărbați au spart ușa vecinului în Breda și sunt încă înăuntru",
    ],
)
def test_emergencies_told_in_the_newest_wordings(classifier: Classifier, text: str) -> None:
    result = tip(classifier, text)
    assert result.urgency is Urgency.EMERGENCY, (text, result.urgency_reason)


@pytest.mark.parametrize(
    "text",
    [
        "mijn dochter vond vanmiddag een pistool in de sloot achter het huis in Putten, we hebben niks aangeraakt",
        "in de container achter de flat in Heerlen ligt een mes, zat bloed aan",
        "mijn ex stuurt berichten dat hij ons huis in de fik gaat steken, Meppel",
        "jongen in elkaar getrapt bij de snackbar in Hoorn, de ambulance heeft hem meegenomen",
        "afgelopen zaterdag is mijn zoon bij het station in Gouda geslagen, hij is er nog steeds kapot van",
    ],
)
def test_found_weapons_threats_of_arson_and_violence_taken_away_are_not_emergencies(
    classifier: Classifier, text: str
) -> None:
    result = tip(classifier, text)
    assert result.urgency is not Urgency.EMERGENCY, (text, result.urgency_reason)


def test_the_verb_slaan_is_not_a_street_and_a_supermarket_is_a_spot() -> None:
    names = {hit.rule.name for hit in CUE_RULES.scan(fold("ze slaan hem en gaan dan onderweg verder"))}
    assert "cue.street" not in names
    assert {hit.rule.name for hit in CUE_RULES.scan(fold("de Stationslaan"))} == {"cue.street"}
    assert "cue.landmark" in {hit.rule.name for hit in CUE_RULES.scan(fold("hier voor de ah"))}


@pytest.mark.parametrize(
    "text",
    [
        "VERMIST onze poes Mimi, sinds gisteren weg in Lelystad, delen aub",
        "Unser Hund ist in Renesse weggelaufen, bitte teilen",
        "Kettingbotsing op de A12 bij Ede door de dichte mist, ambulances zijn al ter plaatse, rij voorzichtig",
        "Słyszałem w wiadomościach o strzelaninie w Almere, straszne",
        "Twintig jaar geleden is er bij ons ingebroken, ik slaap nog steeds met het licht aan",
        "hoe snel zijn jullie eigenlijk ter plaatse bij een schietpartij?",
        "Ik zou gewoon 112 bellen als iemand met een mes voor je staat toch?",
    ],
)
def test_lost_pets_accidents_news_abroad_old_memories_and_questions_are_not_tips(
    classifier: Classifier, text: str
) -> None:
    result = run(classifier, text)
    assert result.urgency is not Urgency.EMERGENCY, (text, result.urgency_reason)
    assert not result.reportable or "weapon" not in result.category_names, text


@pytest.mark.parametrize(
    "text",
    [
        "hij heeft een mes HELP snel",
        "er ligt een man in de vaart en een jongen houdt hem met een stok onder water, Zwolle",
        "ze zijn op de overloop, ik hoor ze praten, ik lig onder het bed. Tiel",
        "mijn neefje van 5 is net door een man in een witte bus meegenomen bij de speeltuin in Uden",
        "Cineva îl bate pe un om cu o bâtă lângă gara din Venlo chiar acum",
    ],
)
def test_cries_for_help_captives_hidden_witnesses_and_children_taken_are_emergencies(
    classifier: Classifier, text: str
) -> None:
    result = tip(classifier, text)
    assert result.urgency is Urgency.EMERGENCY, (text, result.urgency_reason)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("pang pang pang bij de flats, er ligt iemand op de grond", "weapon.shots"),
        ("vannacht ruit ingegooid met een briefje: 'betalen of je zaak brandt af'", "violence.threat"),
        ("anoche entraron en nuestro piso y se llevaron los portátiles", "burglary.spanish"),
        ("tin hende ta bende droga tur anochi na e parkinan", "drugs.other_language"),
    ],
)
def test_words_the_lexicon_reads_in_other_voices(text: str, rule: str) -> None:
    assert rule in {hit.rule.name for hit in CATEGORY_RULES.scan(fold(text))}


def test_every_day_in_turkish_is_not_a_gun() -> None:
    names = {hit.rule.name for hit in CATEGORY_RULES.scan(fold("her gün aynı araba park ediyor"))}
    assert "weapon.firearm" not in names
    assert "weapon.firearm" in {hit.rule.name for hit in CATEGORY_RULES.scan(fold("he has a gun"))}


@pytest.mark.parametrize(
    "text",
    [
        "An elderly man collapsed at the market, an ambulance just arrived. Nothing criminal, just so you know",
        "nee er stond niemand met een mes bij de school, dat was een jongen met een paraplu",
        "jullie posten dansjes terwijl er in Kanaleneiland elke week iemand wordt neergestoken",
    ],
)
def test_help_already_there_a_denial_and_a_weekly_complaint_are_not_tips(classifier: Classifier, text: str) -> None:
    assert not classifier.classify("t", text, "@politie_utrecht").reportable


def test_an_explosion_told_afterwards_is_not_an_emergency_but_a_device_still_there_is(classifier: Classifier) -> None:
    after = classifier.classify("t", "Vannacht een explosie bij de voordeur van de shisha lounge, alle ramen eruit")
    device = classifier.classify("t", "er ligt een pakketje met draadjes eruit tegen de deur van de moskee")
    assert after.urgency != Urgency.EMERGENCY
    assert device.urgency == Urgency.EMERGENCY


def test_a_break_in_found_on_arriving_with_no_one_inside_is_high_not_an_emergency(classifier: Classifier) -> None:
    text = (
        "Goedemorgen, ik kom net bij mijn bakkerij in Drachten en de achterdeur staat open, slot eruit geboord en de "
        "kassalade ligt op de grond. Ik denk dat er niemand meer binnen is. Mag ik al opruimen?"
    )
    result = tip(classifier, text)
    assert result.urgency is Urgency.HIGH, result.urgency_reason


def test_being_harassed_is_not_violence_happening_now() -> None:
    text = "my daughter is being harassed by a guy from her gym, he keeps messaging her"
    folded = fold(text)
    assert urgency.decide(text, folded, {Category.VIOLENCE}).reason != "emergency.violence_now"
