"""Is this a concrete, actionable report? A scored decision over offence, concreteness and negative cues."""

from __future__ import annotations

import math
from dataclasses import dataclass

from services.classify.phrases import ARABIC_NOW, ARABIC_PLEA, SERIOUS_TURN
from services.classify.rules import Hit, RuleSet, rule
from shared.contracts import Span

_CONCRETE = [
    rule("cue.now", r"nu|op dit moment|right now|vannacht|vanavond|vanochtend|vanmorgen|vanmiddag|gisteren\w*"
         r"|gisteravond|gisternacht|vandaag|net|zojuist|afgelopen (?:nacht|week|weekend)|tonight|last night"
         r"|yesterday|today|this morning|heute|gestern|jetzt|wczoraj|dzisiaj|dzis|teraz|dun gece|dun|bugun|[sş]imdi"
         r"|nu weer|live", concrete=0.5),
    # Danger to life is concrete by itself: an emergency rarely names a street.
    rule("cue.danger", r"(?:zit|zitten) er nog in|nog (?:iemand|mensen) (?:in|binnen)|bloedt|bloedend|bewusteloos"
         r"|om hulp|beweegt niet|ligt te bloeden|nog binnen", concrete=0.6),
    rule("cue.recurring", r"elke \w+|iedere \w+"
         r"|al (?:\d+|een paar|twee|drie|uren|een uur|weken|dagen|maanden|een week|een maand)"
         r"(?: \w+)?|sinds \w+|every \w+|dag en nacht|structureel|nog steeds|steeds|weer|alweer|\d+e keer|\d+x"
         r"|keeps", concrete=0.4),
    # Not the verbs "slaan", "opslaan", "verslaan", nor "onderweg".
    rule("cue.street", r"\w+(?:straat|laan(?<!\bslaan)(?<!opslaan)(?<!verslaan)(?<!neerslaan)(?<!aanslaan)"
         r"(?<!afslaan)(?<!inslaan)(?<!omslaan)(?<!uitslaan)(?<!doorslaan)(?<!dichtslaan)(?<!kapotslaan)"
         r"|weg(?<!onderweg)|plein|gracht|kade|singel|dijk|dreef|steeg|hof|markt|park|pad)",
         concrete=0.6),
    rule("cue.local", r"(?:boven|onder|beneden|over)?(?:buurman|buurvrouw|buren)|buurjongen|buurmeisje|bij ons"
         r"|in onze \w+|in de straat|(?:mijn|onze|de) (?:buurman|buurvrouw|buren)"
         r"|bij de buren|voor de deur|voor ons huis|naast ons|achter ons|bij mij|hier in|onze straat|our \w+"
         r"|my building|in front of|outside our|across the street|bij de \w+|op het \w+|aan de \w+|in het \w+"
         r"|near|at the \w+|bij het \w+|op de \w+|langs de \w+|dezelfde \w+"
         r"|біля \w+|в під'їзді|нашого будинку|около \w+|возле \w+|у нашего дома", concrete=0.3),
    rule("cue.landmark", r"winkelcentrum|bushalte|tramhalte|metrostation|station|basisschool|speeltuin|sportpark"
         r"|supermarkt|jumbo|albert heijn|(?:voor|bij|achter|naast) de (?:ah|appie)\b|lidl|aldi|zwembad|parkeergarage"
         r"|fietsenstalling|schoolplein",
         concrete=0.4),
    rule("cue.identifier", r"kenteken|(?<![\w.])@[a-z0-9_.]+|account|profiel|profile|nummer (?:was|is|eindigde)"
         r"|\d{2}-\d{8}|06-?\d{8}|[an]\d{1,3}", concrete=0.6),
    rule("cue.loss", r"\d+ euro|euro kwijt|overgemaakt|\d+ (?:eur|€)|betaald", concrete=0.5),
    rule("cue.url", r"\w+\.(?:nl|com|top|net|org|info|shop|xyz)", concrete=0.6),
    rule("cue.vehicle", r"(?:zwart|wit|grijs|grijz|rod|rood|blauw|donkerblauw|zilver)e? \w+|vw|golf|audi|bmw"
         r"|mercedes|opel|ford|toyota|peugeot|kia|polo|transit|caddy|vespa|bestelbus|busje", concrete=0.3),
    rule("cue.victim", r"(?:mijn|mn|m'n|onze|ons|my|our) (?:fiets|auto|scooter|telefoon|phone|tas|portemonnee"
         r"|moeder|vader|zoon|zoontje|dochter|oma|opa|broertje|broer|zus|zusje|ex|vriendin|vriend|account|huis"
         r"|schuur|bike|car|son|daughter|mother|house|photos|insta|whatsapp|tante|buurvrouw|buurman|kinderen"
         r"|bedrijf|basisschool|school|storage|building|backyard|opa|partner|camera|oma|dochter|landlord|boss"
         r"|neighbou?r|husband|wife|roommate|flatmate|huisbaas|verhuurder|baas|collega|huisgenoot|leidinggevende)"
         r"|(?:мій|моя|моє|мого|моєї|мою|мой|моей|моего) \w+|ik (?:zag|zie|hoor"
         r"|hoorde|ben|word|werd|heb)|i (?:saw|see|hear|got|received)|wij|we|someone|iemand", concrete=0.3),
    rule("cue.evidence", r"camera\w*|beelden|screenshots?|dashcam\w*|deurbelcamera|filmpje|gefilmd|foto'?s"
         r"|(?:zelfde|hetzelfde) (?:\w+ )?nummer|heb (?:alles|het|de berichten|ze) (?:bewaard|opgeslagen|gescreenshot)"
         r"|voicemail|spraakbericht\w*|(?:i have|i saved|i kept) (?:it|them|the messages|everything)",
         concrete=0.3),
]  # fmt: skip

_REQUEST = [
    # The taxonomy counts a request for enforcement at a named place as a tip, whatever else the text says.
    rule("ask.enforcement", r"snelheidscontroles?|(?:een )?controle (?:doen|houden|komen)|handhaven|handhaving"
         r"|flitsen|flitser \w+|lasergun|speed ?checks?|(?:kunnen|kan|willen|wil|zouden) (?:jullie|u|de politie|er)"
         r" (?:\w+ ){0,4}(?:controleren|handhaven|flitsen|langskomen|langs komen|komen kijken|optreden|surveilleren)"
         r"|meer (?:toezicht|controle|blauw op straat)", request=0.4),
    # A community question about a concrete incident is a tip, not a general question.
    rule("ask.community", r"weet iemand (?:wie|van wie|waar)|wie kent (?:deze|die|dit)|herkent iemand|kent iemand"
         r" (?:deze|die|dit)|is (?:het|dit) normaal dat|snapt iemand waarom|kan iemand (?:mij )?(?:uitleggen|vertellen)"
         r" waarom", request=0.4),
    # A cry for help: with a violent act told now it makes a tip even without a place (see plainly_told).
    rule("ask.urgent", r"kom aub|kom snel|snel|hulp(?= ?!)|help|112|send someone", request=0.4),
    rule("ask.action", r"kunnen jullie|kan (?:er )?iemand|graag \w+|wat moet ik doen"
         r"|wat moeten we doen|please|pls|aub|could you|can you do anything"
         r"|wie heeft (?:iets )?gezien|ogen open|delen|wil (?:dit|het) (?:\w+ ){0,2}melden|langs\w+|kijk ff|check"
         r"|doe er wat aan|dit moet stoppen|wanneer wordt|hoe nu verder|moet ik|zou u|wilt u|is it possible|can you"
         r"|(?:wanted|want) to report|kun je daar|zoek het \w+ op|kan hier iemand", request=0.4),
]  # fmt: skip

_NEGATIVE = [
    rule("neg.criticism", r"jullie dansen|dansen|dansje\w*|danst|dance|dancing|choreo|tiktok\w* maken"
         r"|filmpjes? (?:gaan )?maken|ipv|in plaats van|prioriteit|belastinggeld|waar waren jullie|where were you"
         r"|niemand deed iets|lekker bezig|incompetent|schandalig|ongepast|beter(?:s)? te doen|boeven vangen"
         r"|kunnen jullie ook|zouden jullie eens|wanneer gaan jullie|wanneer gaat de politiek|de politiek"
         r"|klacht (?:\w+ )?(?:indienen|over)|selectief optreden"
         r"|wanneer komen jullie|is dat (?:nou )?(?:echt )?nodig|daar betaal (?:ik|je|we) (?:dus |toch )?belasting voor"
         # Turkish: "the police are dancing", "you only make videos", "nobody does anything".
         r"|dans ed\w*|video [cç]ekiyorsunuz|kimse bir [sş]ey yapm\w*", negative=-1.6),
    rule("neg.praise", r"respect|bedankt|dank (?:je|jullie|u|voor)\w*|dankjewel|toppers?|complimenten|goed gedaan"
         r"|top(?= ?[,!👍])|top werk|mooi werk|mooie actie|knap werk|trots|vriendelijk|love|great job"
         r"|well done|chapeau|applaus|gelukkig"
         r"|tolle arbeit|merci|heerlijk|super netjes|de beste|harde aanpak|zie ik graag", negative=-1.0),
    rule("neg.joke", r"haha\w*|hihi|lol|lmao|grap\w*|hahaha", negative=-0.4),
    rule("neg.lyrics", r"dit nummer|deze sound|die sound|sound|drill\w*|rapper|lyrics|pull up|beat|songtekst"
         r"|(?:harde|nieuwe|die|deze|zijn|hun) tracks?"
         r"|draait op elk", negative=-1.4),
    rule("neg.game", r"gta|fortnite|call of duty|minecraft|roblox|game\w*|skin|parodie|movie|netflix|film"
         r"|in het boek|in (?:die|de|deze) serie|the book i'?m reading"
         r"|airsoft\w*|waterpistool\w*|replica\w*|paintball|nerf|lasergame\w*",
         negative=-1.4),
    rule("neg.howto", r"hoe (?:kan|moet|meld|doe|word|lang|laat)\w*|hoe snel (?:zijn|komen|is|ben)|hoeveel|mag (?:je"
         r"|ik|een|men)"
         r"|is het (?:eigenlijk )?(?:strafbaar|verboden|toegestaan|legaal|normaal)|strafbaar|verboden of niet"
         r"|krijg je|kun je (?:bij|anoniem|met|als|eigenlijk)|kan je (?:bij|anoniem|met|als)"
         r"|wat is (?:de|het|eigenlijk)|wat gebeurt er|waar kan ik|how (?:do|can) i"
         r"|do you need|can foreigners|can you report|vraag voor|politieopleiding|opleiding|stage|agent worden"
         r"|word ik agent|open dag|verklaring omtrent gedrag|wat moet je doen(?! als)|is er een|mag ik|ik heb een vraag"
         r"|heeft iemand een tip|weet iemand|what is|is this real\?|is it legal|is it allowed|am i allowed"
         r"|is dat legaal"
         r"|is dat toegestaan|wat (?:moet|doe|moeten|doen) (?:ik|we) (?:eigenlijk |dan )?(?:doen )?als"
         r"|vraag me (?:dat|het|dit) (?:altijd|vaak|soms|weleens|wel eens) af",
         negative=-1.3),
    rule("neg.negation", r"geen (?:inbraken|inbraak|drugsoverlast|overlast|problemen|schietpartij|schoten)"
         r"|no (?:shooting|shots|break-?ins?|one hurt)|all fine|niks ingebroken|niks gebeurd"
         r"|er is niks|niet gestolen|vals alarm|nooit iets|false alarm|rustig|was maar een|geleend"
         r"|(?:er is |er zijn )?niemand (?:\w+ )?(?:neergestoken|gestoken|neergeschoten|beschoten|beroofd)"
         r"|(?:was|is) (?:een|het|gewoon een) (?:filmopname|opname|oefening)|nepbloed"
         r"|(?:stond|zat|liep) (?:er )?niemand met", negative=-1.6),
    rule("neg.hypothetical", r"als (?:er |ik |je |iemand )?ooit|stel (?:je|dat)|wat als|als ik \w+ \w+ vind"
         r"|what if|if (?:i|someone) ever|stel (?:er|ik|iemand|nou|je voor)"
         r"|zou (?:je|ik|jij|u|men) (?:\w+ ){0,2}(?:112 )?bellen als|als (?:er )?iemand (?:\w+ ){0,5}voor je staat"
         # "What should you do if ...": a question about a case, not a report of one.
         r"|wat (?:moet|doe|moeten|doen) (?:je|jij|u|men) (?:eigenlijk |dan )?(?:doen )?als|what do you do (?:if|when)"
         r"|what should (?:you|one) do (?:if|when)", negative=-1.6),
    # Lost property and all-clear updates talk about an incident that is not one.
    rule("neg.lost", r"gevonden|kwijtgeraakt|verloren|(?:ben|heb) \w+ (?:\w+ )?vergeten|vergeten bij|lost (?:my|a|our)"
         r"|found (?:a|this|my)|handed (?:it )?in|wie mist (?:hem|haar|dit|deze)|uit (?:mijn|mn|m'n) zak gevallen"
         r"|laten staan|update:|alles (?:is )?(?:weer )?goed|excuses voor|valse melding|stop met (?:die |de )?geruchten"
         r"|niet (?:\w+ )?(?:ingebroken|gestolen)|(?:waren|was) geen (?:schoten|inbraak|inbreker\w*|dief)"
         r"|niks aan de hand|was van (?:een|de|mijn)"
         # A pet that ran away is looked for, not reported stolen ("VERMIST: onze kater", "pony uitgebroken").
         r"|(?:kat|kater|poes|hond|hondje|pony|paard|konijn|cavia|papegaai|parkiet)\w* (?:\w+ ){0,4}(?:vermist|kwijt"
         r"|ontsnapt|weggelopen|weggerend|uitgebroken)|vermist:? (?:\w+ ){0,3}(?:kat|kater|poes|hond|pony|paard"
         r"|konijn)\w*"
         r"|(?:cat|dog|hund|pies|kot|kedi|kopek|perro|gato|cacho)\w* (?:\S+ ){0,4}(?:missing|ran away|weggelaufen"
         r"|entlaufen|uciek\w*|zaginal\w*|kayboldu|kacti|a hui|se escapo)|(?:kat|cat) vermist|missing (?:cat|dog)",
         negative=-1.5),
    # A driver who drove on: an accident becomes a hit-and-run (see decide).
    rule("cue.fled", r"(?:reed|rijdt|scheurde|scheurt) (?:gewoon |daarna |snel )?door\b|doorgereden|doorgescheurd"
         r"|drove (?:off|on)|hit and run|hit-and-run", fled=1.0),
    # An accident, an illness or the weather: no offence, whoever is hurt.
    rule("neg.accident", r"kettingbotsing|(?:door|vanwege|in) de (?:dichte )?(?:mist|storm|gladheid)"
         r"|op het ijs gevallen"
         r"|flauwgevallen|viel (?:er )?(?:net )?(?:een \w+ )?flauw|heup gebroken|kortsluiting|accu die aan"
         r"|gasexplosie|wypadek|burz[ay]|firtina\w*|fırtına\w*|(?:brandweer|ambulances?|karetki"
         r"|bomberos)\w* (?:\S+ ){0,2}"
         r"(?:is |zijn |sind |juz |już |ya )?(?:er )?al (?:mee )?(?:bezig|ter plaatse)|(?:juz|już) s[aą] na miejscu"
         r"|ya est[aá]n all[ií]"
         # Help already there, and said outright: "de ambulance was er snel", "nothing criminal".
         r"|(?:ambulance|brandweer)\w* (?:\S+ ){0,2}(?:is|zijn|was|waren) er (?:al|snel)\b"
         r"|(?:an )?ambulance (?:just )?arrived|niets crimineels|niks crimineels|nothing criminal"
         r"|epileptische aanval", negative=-1.2),
    # A case that is already handled or an exercise: thanks and reassurance, not a tip.
    rule("neg.handled", r"(?:al|is|zijn|werd|werden|hebben (?:ze|jullie)) (?:\w+ ){0,2}(?:opgepakt|aangehouden|gepakt)"
         r"|(?:is|was) (?:al )?opgelost|een oefening|oefening (?:van|met)|het was een oefening"
         r"|already (?:caught|arrested"
         r"|solved)"
         r"|(?:zaak|dossier) (?:is )?gesloten|(?:melding|bericht) (?:\w+ ){0,4}(?:kan|mag) vervallen"
         r"|(?:heeft|hebben) zich (?:al )?gemeld|met toestemming", negative=-1.2),
    # Announcements of lawful events: a street party with a permit is no nuisance report.
    rule("neg.announcement", r"vergunning (?:\w+ )?(?:gegeven|verleend|aangevraagd|geregeld)|met (?:een )?vergunning"
         r"|(?:jullie|u) (?:zijn|bent) (?:ook |van harte )?welkom|organiseren (?:wij|we)|wij organiseren",
         negative=-1.2),
    rule("neg.fine", r"bekeuring\w*|boete\w*|prent|parking ticket|got a fine|flitsboete\w*|ben (?:\w+ )?geflitst"
         r"|got (?:a )?(?:speeding )?ticket", negative=-1.0),
    rule("neg.condolence", r"rust zacht|rip|condoleances?|sterkte (?:aan|voor)|heftig wat er|wat erg van"
         r"|verschrikkelijk wat",
         negative=-1.2),
    rule("neg.news", r"in het nieuws|nieuws|artikel|in de krant|krant|las (?:ik|in)|gelezen|stond overal"
         r"|journaal|article|news|lees je|fake news|las (?:het|over)|nu\.nl|nos\.nl"
         r"|(?:saw|read|zag|zagen) (?:it |het )?(?:on|op) (?:nos|at5|rtl|the news)|haberlerde|read about|قرأت"
         r"|wiadomosci\w*|новин\w*|новост\w*|خبر|nachrichten|im (?:wdr|fernsehen|radio)|noticias|lo del"
         r"|que horror|notizi\w*|stirile|stiri",
         negative=-1.4),
    # A chain message or hoax being debunked: a warning about a warning, not a tip.
    rule("neg.hoax", r"kettingbericht\w*|kettingbrief\w*|nepbericht\w*|hoax|(?:is|zijn) (?:allemaal )?nep\b"
         r"|stop met (?:het )?(?:door)?delen|niet (?:meer )?(?:door)?delen|(?:stop met )?doorsturen"
         r"|stuur dit (?:door )?naar|deel dit met iedereen", negative=-1.6),
    rule("neg.general", r"(?<!bloed )(?<!blood )overal|nergens meer|in dit land|in deze stad|in nederland"
         r"|nederland \d{4}"
         r"|criminaliteit|tegenwoordig|de laatste tijd|steeds erger|uit de hand|volkssport|vroeger|compleet"
         r"|waar gaat het heen|elke dag een|elk uur|op elke hoek|aan de lopende band|alles gejat"
         r"|moord en brand", negative=-0.9),
    rule("neg.past", r"toen (?:ik|bij)|vorig jaar|in 20\d\d|jaren geleden|last year|\w+ jaar geleden"
         r"|als kind|toen ik (?:klein|jong|\d+) was|years ago", negative=-0.5),
    rule("neg.meta", r"in de video|deze video|dit filmpje|die agent|de agent|agent (?:links|rechts|achteraan)"
         r"|deze vid|die vid|het filmpje(?! naar)|fyp|pov|part \d|edit\w*|ai|die danspasjes|moves|die moves"
         r"|die auto in de video|in deze|lijkt op|mijn (?:oom|kat|hart)|nummer pls|ik ben letterlijk agent",
         negative=-1.0),
]  # fmt: skip

# Arabic script: time words, pleas for help, thanks.
_ARABIC = [
    rule("cue.now_arabic", ARABIC_NOW + r"|الليلة|أمس|امس|صباح اليوم|مساء", concrete=0.5),
    rule("ask.action_arabic", ARABIC_PLEA, request=0.4),
    rule("neg.praise_arabic", r"الله يحفظكم|شكرا|ما شاء الله|أحسن شرطة", negative=-1.0),
    # Ukrainian and Russian: time words and pleas.
    rule("cue.now_cyrillic", r"зараз|сейчас|сьогодні|сегодня|вчора|вчера|вранці", concrete=0.5),
    rule("ask.action_cyrillic", r"допоможіть|помогите|що мені робити|что мне делать", request=0.4),
]  # fmt: skip

# The joke before a turn to seriousness does not undo what follows it.
_TURN = [rule("turn.serious", SERIOUS_TURN, turn=1.0)]

# Negative families that turn a request into a general question or a thought experiment.
_UNDOING = frozenset(
    {"neg.howto", "neg.hypothetical", "neg.news", "neg.criticism", "neg.game", "neg.lyrics", "neg.praise", "neg.fine"}
)

_SYMBOLS = [
    rule("neg.emoji_joke", r"😂|🤣|💀|🤡|🙈|😅|😭", negative=-0.35),
    rule("neg.emoji_praise", r"💙|👏|🙌|😍|🔥|👍|👮", negative=-0.5),
]

CUE_RULES = RuleSet([*_TURN, *_CONCRETE, *_REQUEST, *_NEGATIVE, *_ARABIC], _SYMBOLS)


@dataclass(frozen=True, slots=True)
class ReportableDecision:
    """The decision, its probability-like score and the spans that moved it."""

    reportable: bool
    score: float
    evidence: tuple[Span, ...]
    # The score's logit, for blending with the trained model in the same space.
    logit: float = 0.0
    # A rule the taxonomy states outright (a request for enforcement at a named place): no model outvotes it.
    decisive: bool = False


def decide(text: str, cue_hits: list[Hit], offence: float, has_place: bool, has_plate: bool) -> ReportableDecision:
    """Combine offence strength, concreteness, requests and hard negatives into one decision."""
    concrete = request = 0.0
    fled = False
    negatives: dict[str, float] = {}
    turn = serious_from(cue_hits)
    for hit in cue_hits:
        for label, weight in hit.rule.weights:
            if label == "turn" or (weight < 0.0 and hit.start < turn):
                continue
            if label == "fled":
                fled = True
            elif label == "concrete":
                concrete += weight
            elif label == "request":
                request += weight
            else:
                # Each negative family counts once: "jullie dansen ... dansen" is one complaint, not two.
                negatives[hit.rule.name] = weight
    if fled:
        # A driver who drove on makes an accident a hit-and-run, whoever is already helping.
        negatives.pop("neg.accident", None)
    concrete += 0.5 * has_place + 0.8 * has_plate
    if "neg.howto" in negatives and offence >= 1.0 and concrete >= 0.7:
        # "mag je met een mes rondlopen? de buurjongen doet dat elke dag op het plein": a question
        # followed by a concrete, local account is a tip phrased as a question.
        negatives["neg.howto"] = 0.0 if _answered_question(text, cue_hits) else negatives["neg.howto"] / 4
    negative = sum(negatives.values())
    if has_plate or any(hit.rule.name in ("cue.identifier", "cue.url") for hit in cue_hits):
        # A named account, plate or URL makes a tip actionable even inside a rant about the police.
        negative /= 2
    logit = -1.45 + min(offence, 2.0) + min(concrete, 2.2) + min(request, 0.8) + max(negative, -3.5)
    if offence < 0.5:
        # Without any offence word a message is small talk, however concrete it sounds.
        logit = min(logit, -0.5)
    score = 1.0 / (1.0 + math.exp(-1.5 * logit))
    spans = tuple(hit.span(text) for hit in cue_hits)
    return ReportableDecision(
        score >= 0.5, round(score, 4), spans, 1.5 * logit, _enforcement_request(cue_hits, offence, has_place)
    )


def serious_from(cue_hits: list[Hit]) -> int:
    """Where the text turns serious ("maar ff serieus"): negative cues before it are banter, not a verdict."""
    return max((hit.end for hit in cue_hits if hit.rule.name == "turn.serious"), default=0)


# Cues that a text is not a first-hand report of something happening, even with "nu" and a stabbing in it.
_NOT_FIRST_HAND = frozenset(
    {
        "neg.howto",
        "neg.hypothetical",
        "neg.news",
        "neg.hoax",
        "neg.game",
        "neg.lyrics",
        "neg.lost",
        "neg.handled",
        "neg.negation",
        "neg.condolence",
        "neg.general",
        "neg.praise",
        "neg.emoji_praise",
        "neg.joke",
        "neg.emoji_joke",
        "neg.meta",
        "neg.past",
        "neg.accident",
    }
)
_LOCATING = frozenset({"cue.street", "cue.local", "cue.landmark", "cue.identifier", "cue.vehicle"})


def plainly_told(cue_hits: list[Hit], has_place: bool) -> bool:
    """Whether a text tells a located incident with nothing (after any turn to seriousness) marking it as a joke, a
    question, news, a game or the past. Criticism may stand beside it: "jullie dansen terwijl er nu iemand wordt
    neergestoken op het Hobbemaplein" is still a stabbing."""
    turn = serious_from(cue_hits)
    told = [hit for hit in cue_hits if hit.start >= turn]
    if any(hit.rule.name in _NOT_FIRST_HAND for hit in told):
        return False
    return has_place or any(hit.rule.name in _LOCATING or hit.rule.name == "ask.urgent" for hit in told)


def _enforcement_request(cue_hits: list[Hit], offence: float, has_place: bool) -> bool:
    """A request for enforcement (asked for, not complained about), an offence and a named place or street, and no
    question about how or what if."""
    names = {hit.rule.name for hit in cue_hits}
    located = has_place or bool(names & {"cue.street", "cue.landmark"})
    asked = bool(names & {"ask.action", "ask.urgent", "ask.community"})
    return "ask.enforcement" in names and asked and located and offence >= 0.5 and not names & _UNDOING


def _answered_question(text: str, cue_hits: list[Hit]) -> bool:
    """Whether every general question is closed by a "?" and followed by concrete cues of its own."""
    for hit in cue_hits:
        if hit.rule.name != "neg.howto":
            continue
        mark = text.find("?", hit.end)
        if mark < 0 or not any(
            cue.start > mark and any(label == "concrete" for label, _ in cue.rule.weights) for cue in cue_hits
        ):
            return False
    return True
