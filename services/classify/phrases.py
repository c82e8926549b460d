"""Phrases more than one rule set reads: the lexicon (what kind of offence), the cue rules (is it a tip) and the
urgency ladder (how urgent). Each is written once here so the three cannot drift apart."""

from __future__ import annotations

# "haha die agent 😂 maar ff serieus, er vechten nu twee mannen": what comes before the turn is banter.
SERIOUS_TURN = (
    r"maar (?:ff |even |nu |wel )?serieus|(?:but |ok )?seriously|(?:even |ff )serieus|serieus nu"
    r"|alle gekheid op een stokje|grap(?:je)?s? (?:terzijde|apart)|(?:all )?jokes aside|los daarvan"
)
# Darija in Latin script (Arabizi), as young Moroccan-Dutch write it: hitting, beating up, killing.
DARIJA_HITTING = r"kay?d(?:reb|arb)\w*|dreb(?:o|ou|ha|ni|uh)\w*|darbo\w*|dabza\w*|kay?9tel\w*"
# "Now" in Arabic script and Darija.
ARABIC_NOW = r"الآن|الان|حالا|daba"
# "Help me", "please", "quickly", "come" in Arabic script and Darija.
ARABIC_PLEA = r"ساعدوني|الحقوني|أرجوكم|ارجوكم|بسرعة|النجدة|3afak|a?jiw|3awnoni"
# A child or a person taken away by strangers.
TAKEN_BY_STRANGERS = (
    r"meegenomen door (?:een|twee|2) (?:onbekende )?(?:man|mannen|vrouw)"
    r"|(?:is|werd|wordt) (?:net |zojuist |nu )?door (?:een|twee|2) (?:onbekende )?(?:man|mannen|vrouw) (?:\S+ ){0,6}"
    r"meegenomen"
)
# Held under water, or held locked in a lorry or van ("ne țin închiși în camion").
HELD_CAPTIVE = (
    r"(?:houdt|houden|duwt|duwen) (?:\w+ ){0,5}onder water|onder water (?:houdt|houden|gehouden|geduwd)"
    r"|(?:ne|ii|il|o) tin inchis\w*|suntem inchis\w*|nu putem iesi"
)
# Someone pushed into a car boot or tied up: taken against their will.
FORCED_INTO_BOOT = (
    r"(?:duwt|duwen|duwde|stopt|stoppen|stopte|gooit|gooien|sleurt|sleuren|trekt|trekken|geduwd|gestopt|gegooid"
    r"|gesleurd) (?:\w+ ){0,4}in (?:de|een|zijn|haar|hun) kofferbak|vastgebonden|vastgetaped|tied up"
    r"|in (?:de|een|zijn|haar|hun) kofferbak (?:\w+ ){0,4}(?:duwt|duwen|geduwd|stopt|stoppen|gestopt|gooit|gegooid"
    r"|sleurt|gesleurd)"
    r"|(?:pushing|pushed|shoving|shoved|forcing|forced|throwing|threw) (?:\w+ ){0,4}into (?:the|a) (?:trunk|boot)"
)
# Someone pulled or pushed into a van or car ("trekt een meisje aan haar arm een grijze bestelbus in"), not someone
# getting in ("trekt zijn jas aan en stapt de auto in").
PULLED_INTO_VEHICLE = (
    r"(?:trekken|trekt|sleuren|sleurt|duwen|duwt) (?:(?!stap|spring|loop|rij)\w+ ){0,12}(?:de|een|die|hun|zijn|\w+e)"
    r" (?:auto|bus|busje|bestelbus|wagen|van) in\b"
)
# Someone trying to take a child away ("probeert iemand mijn dochter van 8 over het hek mee te nemen").
TAKING_CHILD = (
    r"(?:probeert|proberen) (?:\w+ ){0,3}(?:mijn|ons|onze|een|het|haar|zijn) (?:dochter|zoon|kind|kindje|meisje"
    r"|jongetje|dochtertje|zoontje)\w*(?: van \d+)? (?:\w+ ){0,4}mee te (?:nemen|sleuren|trekken)"
)
# Someone chasing people through a garden or street ("jaagt ons met een kettingzaag door de tuin").
HUNTING_PEOPLE = r"(?:jaagt|jagen) (?:ons|me|mij|hem|haar|iedereen|mensen|kinderen) (?:\w+ ){0,3}(?:door|achterna|na)\b"
# Intruders heard in the house while the writer hides ("ze zijn op de overloop, ik lig onder het bed").
HIDING_FROM_INTRUDERS = (
    r"(?:ze|er|hij|iemand) (?:zijn|is|zit|zitten|loopt|lopen) (?:nu )?(?:\w+ )?op de overloop"
    r"|ik (?:lig|zit|sta) (?:\w+ ){0,2}(?:onder (?:het|mijn|ons) bed|in de kast)"
)
# A car driving another road user off the road.
RAMMED_OFF_ROAD = r"(?:rammen|ramt|drukken|drukt|duwen|duwt) (?:hem|haar|ze|hen|iemand|mij|me|ons) (?:\w+ )?van de weg"
# Darija in Latin script: running after someone, bleeding.
DARIJA_CHASING = r"kay?jri(?:w)? (?:mor|mour|wra|m3a)|kay?ta?b3o?\w*|tab3o\w*"
# "don't hit me", "stop hitting".
DONT_HIT = r"don'?t hit (?:me|her|him|us)|stop hitting"
# Someone working a window open, or already in ("ze zijn er nu met z'n tweeën in", not "ze zijn erin geslaagd").
AT_THE_WINDOW = r"(?:aan|bij) het raam (?:\w+ ){0,3}te (?:schuiven|wrikken|morrelen)|raam open te (?:schuiven|wrikken)"
ALREADY_IN = r"(?:ze|hij|zij) (?:zijn|is|zitten|zit) er (?:nu |al )?(?:met z'?n \w+ )?in(?! geslaagd)\b"
# Ukrainian and Russian: beats, chases.
CYRILLIC_BEATING = r"б'є|б'ють|бьет|бьют|переслідує|преследует"
