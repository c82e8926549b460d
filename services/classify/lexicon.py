"""Category lexicon: Dutch (incl. straattaal) and English patterns, matched on folded text.

Weights: 1.0 is enough on its own to assign a category, 0.5 is a cue that needs company. Patterns
start and end on word boundaries, so stems carry an explicit ``\\w*``.
"""

from __future__ import annotations

from services.classify.phrases import (
    ALREADY_IN,
    AT_THE_WINDOW,
    CYRILLIC_BEATING,
    DARIJA_CHASING,
    DARIJA_HITTING,
    DONT_HIT,
    FORCED_INTO_BOOT,
    HELD_CAPTIVE,
    HIDING_FROM_INTRUDERS,
    HUNTING_PEOPLE,
    PULLED_INTO_VEHICLE,
    RAMMED_OFF_ROAD,
    TAKEN_BY_STRANGERS,
    TAKING_CHILD,
)
from services.classify.rules import Rule, RuleSet, rule

_COLOUR = r"(?:zwart|wit|grijs|grijz|rod|rood|blauw|donkerblauw|zilver|groen|geel|oranje)e?n?"

WEAPON = [
    # "guns?" not after "her": Turkish "her gün" (every day) folds to "her gun".
    rule("weapon.firearm", r"(?:vuur)?wapens?|pistool\w*|pistolen|revolver|geweer|geweren|(?<!her )guns?|firearms?"
         r"|ak(?:-?47)?|kalasj\w*|glock|blaffer\w*|waffie\w*|uzi|(?:zn|zijn|z'n|de|mn|m'n) ijzer"
         r"|(?:jacht|hagel|lucht|alarm)geweer\w*|handgun\w*|shotgun\w*|rifle|kogels|munitie|ammo|bullets"
         r"|baseball ?bats?", weapon=1.0),
    rule("weapon.blade", r"(?:keuken|vlinder|zak|kap|steek|slagers|vouw|jacht)?mes(?:sen)?|machete\w*|knife|knives"
         r"|zwaard|kettingzaag|boksbeugels?|honkbalknuppels?|knuppels?|taser|luchtbuks|granaat|handgranaat|bijl"
         r"|stiletto\w*"
         r"|stroomstootwapen\w*|alarmpistool|gaspistool|nepwapen\w*|balisong|karambit|katana|zwaarden"
         r"|nep(?:blaffer|pistool|vuurwapen)\w*|mes(?:sen)?gevecht\w*|mets"
         # Turkish, Polish, German: knife, gun, weapon.
         r"|b[iı]cak\w*|silah\w*|tabanca\w*|noz(?:em|a|e)?|pistolet\w*|messer|waffe\w*|cuchillo|couteau|pistola"
         r"|strzel\w*|strzal\w*|wiatrowk\w*|bron palna|mous"
         r"|gewapend\w*|armed", weapon=1.0),
    # A broken bottle or an iron bar used as a weapon; a cartridge case found.
    rule("weapon.improvised", r"(?:kapotte|gebroken|afgebroken) fles|ijzeren (?:staaf|stang|staven|buis|paal)"
         r"|(?:kogel|patroon)?hulzen|huls\b|een ijzer (?:bij|op zak|mee)",
         weapon=1.0),
    rule("weapon.held", r"(?:hamer|hammer|knuppel|stok|bat|schroevendraaier|koevoet|fles|steen) in (?:zijn|zn|z'n|haar"
         r"|his|her) (?:hand|handen|hands)", weapon=1.0),
    rule("weapon.shots", r"schoten|schot|geschoten|schiet\w*|shots?|shooting|gunshots?|neergeschoten|pang pang",
         weapon=1.0),
    rule("weapon.bangs", r"knallen|knal", weapon=0.5),
    rule("weapon.tool", r"hamers?|koevoet|schroevendraaier|betonschaar", weapon=0.3, burglary=0.3),
    rule("weapon.stab", r"neergestoken|steekpartij\w*|stabbed|stabbing|steekt \w+ neer", weapon=1.0, violence=1.0),
    rule("weapon.stabbed", r"(?<!lek )gestoken", weapon=0.6, violence=1.0),
    # "it was no fireworks": shots after all (listed before the fireworks rule it overrides).
    rule("weapon.not_fireworks", r"(?:geen|niet|no|not) (?:\w+ )?(?:vuurwerk|fireworks?|rotjes|strijkers|knalvuurwerk)",
         weapon=1.0),
    # Street slang for a gun shown or carried ("pijp" alone is also a tobacco pipe).
    rule("weapon.slang_shown", r"(?:laat|liet|laten|lieten) (?:\w+ ){0,3}(?:pijp|ijzer|blaffer|waffie)\w* zien"
         r"|(?:pijp|ijzer|strap) in (?:zn|zijn|z'n|de|zijn|haar) (?:jaszak|broekzak|tas|broek|zak|jas)"
         r"|(?:een|zn|z'n|die) pijp (?:op|bij|in|tevoorschijn|getrokken)", weapon=1.0),
]  # fmt: skip

VIOLENCE = [
    # "fight me" is a dare in a rivalry between towns, not a fight.
    rule(
        "violence.fight", r"vecht\w*|gevochten|op de vuist|knokpartij\w*|fights?(?! me\b)|fighting|brawl", violence=1.0
    ),
    # A fire set where people live is an attack on them: firebombs, burning rags through the letterbox.
    rule("violence.arson_attack", r"brandbom\w*|molotov\w*|brandende \w+ (?:\S+ ){0,3}(?:door|in) (?:de|hun|haar|zijn)"
         r" (?:brievenbus|ramen|raam)|(?:huis|woning|voordeur) in brand (?:gestoken|steken)", violence=1.0),
    # A car driven into people.
    rule("violence.ramming", r"(?:rijdt|reed|rijden|reden) (?:\w+ ){0,6}op (?:voetgangers|mensen|fietsers|hem|haar"
         r"|ons|kinderen) in|inrijden op (?:voetgangers|mensen)", violence=1.0, traffic=1.0),
    # Hunted down on the road or through a garden.
    rule("violence.chase", RAMMED_OFF_ROAD + r"|(?:zit|zitten) (?:\w+ ){0,6}achter (?:een|de|die|mijn|ons|onze) "
         r"(?:\w+ ){0,4}aan\b|" + HUNTING_PEOPLE, violence=1.0),
    # Kicking bikes or bins is vandalism, not violence.
    rule("violence.assault", r"sla(?:an|at)(?! (?:\w+ ){0,2}(?:kapot|stuk|in\b))|sloeg(?:en)?|in elkaar \w*"
         r"|duwde\w*|schopte\w*|te lijf|ripped (?:\w+ ){0,3}off (?:my|his|her)"
         r"|schop(?:pen|t)(?! (?:\w+ )?tegen (?:de |het )?(?:fiets|deur|auto|prullenbak|vuilnis))|geschopt"
         r"|(?<!eraf )(?<!kapot )(?<!stuk )getrapt|(?<!kapot )(?<!stuk )(?<!klein )geslagen"
         r"|geduwd|mishandel\w*|aangevallen|beaten|beating|hitting(?! \d)|attacked|assault\w*|punch\w*|kicked"
         r"|bewusteloos|klappen|neergeslagen|slaat|stampen|stampt|geklapt|een klap|klap gekregen|duwt"
         r"|gevolgd door|(?:wordt|werd|worden) gevolgd|" + DONT_HIT +
         # Pulled off a bike to be robbed.
         r"|(?:trekken|trekt|trok|trokken|getrokken|duwen|duwt|geduwd) (?:\w+ ){0,2}van (?:de|hun|haar|zijn|mijn|mn"
         r"|m'n) (?:fiets|scooter|brommer|motor)", violence=1.0),
    # Someone pulled into a vehicle or held is violence whatever else is said.
    rule("violence.stabbing", r"steekt (?:iemand|hem|haar|op|in op|een (?:man|vrouw|jongen|meisje))"
         r"|staken (?:iemand|hem|haar)|(?:iemand|hem|haar) (?:\w+ )?(?:te )?steken|(?:iemand|eine|ein|hem|haar) steke",
         violence=1.0),
    rule("violence.other_language", r"pobi\w*|popchn\w*|grozi\w*|bije|bija|kavga\w*|dov(?:du|duler|uyor)\w*"
         r"|tehdit\w*|darp\w*|bedroh\w*|dov(?:du|duler|uyor)\w*|saldir\w*|pobil\w*|bojk\w*|bij[aą]tyk\w*"
         r"|napad\w*|schlagerei|geschlagen|angegriffen|uberfall\w*|prugel\w*|schlagen|bije\w*|bija|frappe\w*"
         r"|golpe\w*|pegando|atracando|apu[nñ]al\w*|amea[cç]\w*|persigu\w*|wurg\w*|choking|strangl\w*|menace\w*"
         r"|court apres|poursuit\w*", violence=1.0),
    rule("violence.abduct", r"ontvoer\w*|kidnap\w*|abduct\w*|" + PULLED_INTO_VEHICLE + "|" + TAKING_CHILD
         + r"|(?:drag|pull)\w* (?:\w+ ){0,3}into (?:a|the|his|their|her) (?:car|van)"
         + r"|(?:auto|bus|busje|bestelbus|wagen|van) in (?:getrokken"
         r"|geduwd|gesleurd|gesleept)|in (?:een|de) (?:\w+ )?(?:auto|bus|busje|bestelbus|wagen)"
         r" (?:getrokken|geduwd|gesleurd|gesleept)|meegesleurd|gesleurd|" + TAKEN_BY_STRANGERS + "|" + FORCED_INTO_BOOT,
         violence=1.0),
    # Darija in Latin script (Arabizi), as young Moroccan-Dutch write it: hitting, killing.
    rule("violence.darija", DARIJA_HITTING + "|" + DARIJA_CHASING, violence=1.0),
    # Darija: stealing and thieves ("sra9 lia velo"), selling hash or pills, a scam ("arnaque").
    rule("theft.darija", r"(?:kay|ka|t)?s[e]?ra?9\w*|chf+ar\w*|ch(?:e)?fr(?:o|ou|at)\w*", theft=1.0),
    rule("traffic.darija", r"sokran|sakran|kaysoq", traffic=1.0),
    rule("drugs.darija", r"[7h]chich|zetla|kaybi3 (?:l)?(?:[7h]chich|[7h]bob|drogue)", drugs=1.0),
    rule("fraud.darija", r"arnaque\w*|nas+ab\w*", fraud=1.0),
    rule("nuisance.darija", r"ch3l\w* (?:l)?3afya|l3afya", nuisance=1.0),
    rule("violence.help", r"om hulp|screaming for help|gilt|gillen", violence=0.5),
    rule("violence.harass", r"kopstoot|lastigval\w*|lastig gevallen|nagelopen|betast\w*|aangerand|aanranding"
         r"|grabbed (?:my|her|his)|afpers\w*|eisen (?:\w+ ){0,3}geld|spuug\w*|bespuugd|harass\w*", violence=1.0),
    rule("violence.threat", r"bedreig\w*|dreig\w*|dwingen|dwingt|dwong|gedwongen|tehdit\w*|afmaken|vermoorden"
         r"|ik weet waar je woont|pas maar op|threat\w*"
         r"|gestalkt|stalk\w*|achtervolg\w*|opgewacht|intimid\w*|uitgescholden|scheldt \w+ uit|jij bent dood"
         r"|ben jij dood|(?:will|gonna|going to|wants to) (?:\w+ )?(?:kill|hurt|stab|shoot)"
         r"|(?:he|she|they|i)'?ll (?:\w+ )?(?:kill|hurt|stab|shoot)"
         # Extortion: "betalen of je zaak brandt af".
         r"|(?:betalen|betaal|pay) (?:of|or) (?:je|jouw|uw|your) \w+ (?:brandt|gaat|burns)", violence=1.0),
    rule("violence.robbery", r"overval\w*|beroofd|beroving\w*|robbed|robbery|mugged|pakken geld af|geld afpakken"
         r"|afgepakt", violence=1.0, theft=0.5),
    rule("violence.snatch", r"gerukt|snatched|rukte|rukt|rukken|gegrist|grist|griste|(?:uit|van) (?:haar|zijn|mijn|zn"
         r"|m'n|mn) (?:hand|handen|arm|schouder|nek) (?:getrokken|gerukt|gegrist|gepakt)", violence=0.6, theft=1.0),
    rule("violence.chase", r"(?:gaat |rent |rennen )?achter (?:een|die|de|hem|haar|mijn|mn|m'n|ons|onze|me|mij"
         r"|twee|drie|2|3)"
         r" (?:\w+ )?aan|chased|chasing", violence=1.0),
    rule("violence.brandish", r"te zwaaien|zwaait|zwaaien met|waving", weapon=0.5, violence=0.3),
    rule("violence.blood", r"bloed\w*|bleeding|ligt op de grond", violence=0.5),
]  # fmt: skip

BURGLARY = [
    rule("burglary.intruder", r"(?:someone|somebody|a man|an intruder|a stranger|strangers?) (?:is |are |was )?"
         r"(?:in|inside) (?:our|my) (?:house|home|bedroom|living room|kitchen|apartment|flat)|intruders?",
         burglary=1.0),
    rule("burglary.breakin", r"inbra\w*|ingebroken|inbrek\w*|opengebroken|openbreken|open te breken|opengewrikt"
         r"|geforceerd|breaking into|broken into|broke into|break[- ]?ins?|burglar\w*|plofkraak\w*"
         r"|aufgebrochen|eingebrochen|opengebroke\w*|open ?gebroken|openbroken|leeggeroofd|leeggehaald|overhoop"
         r"|aufzubrechen|hebelspuren|(?:door|deur) (?:\w+ )?kicked in|kicked in (?:the|our|my) (?:front )?door"
         r"|(?:de|het|ons|hun|onze) (?:schuur|huis|woning|garage|berging|auto) in geweest|climbing into"
         r"|(?:ruiten|ramen|ruit) (?:\w+ )?ingeslagen|klimt naar binnen|binnengedrongen"
         r"|soyul\w*|w[lł]ama\w*|einbruch\w*|einbrech\w*|bricht \w+ \w+ \w+ \w+ ein|cambriol\w*"
         r"|(?:open ?)?(?:te )?wrikken|wrikt|wrikte|gewrikt|forced (?:open|the (?:door|window|lock))|window forced"
         r"|(?:someone|somebody) (?:has |had )?been (?:inside|in (?:our|my|the) (?:house|flat|apartment|room|airbnb))"
         r"|(?:pin|geld)automaat\w* (?:\w+ ){0,3}(?:opblazen|opgeblazen)"
         r"|kick(?:ing|ed|s)? in (?:our|the|my|his|her|their) (?:front |back )?door|ingetrapt|in te trappen"
         r"|trapp?(?:en|t) (?:de|onze|mijn|hun) (?:voor|achter)?deur in",
         burglary=1.0),
    # Taken out of a shed or house: a break-in and a theft (listed first, so it wins over "gestolen" alone).
    rule("burglary.taken_from", r"(?:gestolen|gejat|meegenomen|weggehaald) uit (?:de|het|onze|ons|mijn|zijn|hun)"
         r" (?:\w+ )?(?:schuur|schuurtje|garage|berging|woning|kelder|box|tuinhuis\w*)", burglary=1.0, theft=1.0),
    rule("burglary.inside", r"(?:someone|somebody|people|they) (?:is |are )?(?:inside|in) (?:my|our|the) (?:house"
         r"|home|flat"
         r"|apartment|shed)|binnen bij de buren|nog binnen|zijn nu \w+ binnen|(?:mensen|iemand) binnen bij"
         r"|(?:er )?(?:is|zit|zitten|zijn) (?:er )?iemand in (?:onze|de|mijn|ons|hun) (?:schuur|huis|woning|garage"
         r"|tuinhuis|kelder|berging)|ramkraak\w*|(?:pinautomaat|geldautomaat|pinautomaten) (?:\w+ )?(?:eruit|uit)"
         r"|(?:met )?zaklamp\w* (?:\w+ ){0,2}in (?:de|het|onze|ons|een) \w+|breekijzer\w*"
         r"|" + ALREADY_IN +
         r"|(?:two |2 |three |3 )?(?:men|guys|people|someone|somebody) (?:are|is) inside|glass breaking",
         burglary=1.0),
    rule("burglary.at_work", r"zitten ze er al in|" + AT_THE_WINDOW, burglary=1.0),
    rule("burglary.traces", r"braaksporen|sporen van braak|krassen rond \w+ \w+|(?:slot|lock) (?:is |was )?"
         r"(?:doorgeknipt|opengeknipt|cut)|doorgeknipt|ruit ingeslagen|zijruit eruit|binnengekomen via"
         r"|via (?:het|de) (?:keuken|achter)?(?:raam|tuin|schutting)|ingegooid|eingeschlagen", burglary=0.6),
]  # fmt: skip

THEFT = [
    rule("theft.stolen", r"(?:rijdt|rijden|reed) ermee (?:weg|vandoor)"
         r"|gestolen|gejat|jatten|jatte|jat|gepikt|pikken|gerold|diefstal\w*|dief|dieven"
         r"|zakkenroller\w*|stolen|stole|steal\w*|theft|thief|thieves|pickpocket\w*|shoplift\w*|ukradl\w*"
         r"|gestohlen|geklauwd|zonder te betalen|weggenomen|stelen|steelt|stal|stalen|weggehaald|gepikt|ukradli"
         r"|snatched|weggezaagd|[cç]al[iı]nd[iı]\w*|[cç]ald[iı]\w*|h[iı]rs[iı]z\w*|kradzie\w*"
         r"|kilit\w* kesiyor|bisiklet\w* (?:\w+ ){0,3}y[uü]kl[uü]yor"
         r"|ukrad\w*|zlodziej\w*|dieb\w*|geklaut", theft=1.0),
    rule("theft.thief", r"\w+(?:dief|dieven|diefstal)", theft=1.0),
    rule("theft.in_act", r"(?:wallet|phone|purse|bag|bike|laptop|handbag)s? (?:was |were |got )?(?:lifted|taken|nicked)"
         r"|lifted (?:my|her|his) (?:wallet|phone|purse)|(?:slot|ketting|beugelslot) (?:\w+ ){0,4}(?:doorzagen"
         r"|doorgezaagd|door te zagen|doorknippen|doorgeknipt|slijpen)|slijptol\w*|rent (?:\w+ ){0,3}naar buiten met"
         r"|personeel (?:\w+ )?(?:erachteraan|achter hem aan)|ran out (?:of the shop )?with"
         r"|(?:diesel|brandstof|benzine) (?:\w+ ){0,4}(?:afgetapt|getapt|aftappen)|afgetapt|siphon\w*"
         r"|katalysator\w*|catalytic|keyless|met een kastje|lichten (?:\w+ )?knipper\w*"
         r"|morrel\w* (?:\w+ )?aan (?:mn|mijn|m'n|zijn|zn|de|een|het) (?:\w+ )?(?:scooter|fiets|motor|brommer|slot)",
         theft=1.0),
    rule("theft.shoplifting", r"(?:vullen|vult|stopt|stopte|stoppen|propt|propten) (?:\w+ ){0,3}(?:tas|tassen|jas"
         r"|zakken|rugzak)\w*|zonder (?:te )?(?:betalen|afrekenen)|winkeldie\w*", theft=1.0),
    rule("theft.other_language", r"zabra\w*|ukradzion\w*|kradn\w*|sto(?:le|len)\w*|calmis\w*|caldilar|gestohlen"
         r"|geklaut|vole\w*|volé\w*|robado|rubat\w*|furat\w*|roubara\w*|roubad\w*", theft=1.0),
    rule("theft.taken_away", r"contactslot (?:\w+ )?(?:eruit|kapot|geforceerd|getrokken)|post (?:\w+ )?(?:eruit|uit de"
         r" brievenbussen?) (?:vissen|halen|pakken|trekken)|weggepakt|verdwenen uit|pikt|pikken|nicked|swiped"
         r"|kentekenplaten (?:\w+ ){0,3}gehaald"
         r"|uit (?:de|mijn|onze|zijn|haar) (?:brievenbus|voortent|tas|jaszak|broekzak|mand|fietstas)"
         r"|kentekenplaten (?:\w+ ){0,4}(?:geschroefd|gestolen|weg|verdwenen)", theft=1.0),
    rule("theft.taken", r"meegenomen|meenam|nam \w+ mee|weg\b(?= ?[.,!])|gone|missing|kwijt", theft=0.6),
]  # fmt: skip

DRUGS = [
    rule("drugs.deal", r"deal(?:t|en|er|ers|ing|s)|gedeald|verkoopt (?:wiet|drugs|pillen|coke|snow|snuif)"
         r"|verkopen (?:wiet|drugs|pillen|coke)|selling (?:coke|drugs|weed)|plug\w*", drugs=1.0),
    rule("drugs.word", r"drugs\w*|drug|drugsafval|drugslab\w*|wietplantage\w*|hennep\w*|hennepkwekerij\w*"
         r"|gekweekt|kweekt|kweken|cannabis|wietlucht|ruikt naar wiet|kwekerij|ticken|tikken|drugsrunner\w*"
         r"|dealen|dealt|runner|حبوب|التاجر|مخدرات|حشيش", drugs=1.0),
    rule("drugs.grow", r"\w+kwekerij", drugs=1.0),
    rule("drugs.substance", r"joints?|wiet\w*|hasj|coke|cocaine|snow|snuif|snuiven|pillen|xtc|mdma|keta\w*|heroine"
         r"|crack|weed|blowen|anijs|spuiten", drugs=0.7),
    rule("drugs.other_language", r"esrar\w*|marihuan\w*|narkoty\w*|kokain\w*|bende droga|drogas"
         r"|gras\w* (?:kokusu|geruch)|uyu[sş]turucu\w*|narkotyk\w*|dilerz\w*", drugs=1.0),
    rule("drugs.nitrous", r"lachgas\w*|ballonnen|ballonnetjes|gascilinders?|patronen|nitrous", drugs=1.0),
    rule("drugs.cartridges", r"\w+patronen", drugs=1.0),
    rule("drugs.signs", r"envelopjes|handje geven|handjes geven|(?:dikke )?kabels? (?:\w+ ){0,4}(?:naar|van) (?:de )?"
         r"(?:meterkast|zolder|box|garage)|ruikt (?:er )?(?:zoetig|naar anijs)|anijslucht|briefjes geld"
         r"|(?:kort|snel) (?:binnen|aan de deur) en (?:weer )?weg|stash ?house", drugs=1.0),
    rule("drugs.lab", r"chemische lucht|bijtende lucht|jerrycans|vaten|afgeplakt|dichtgeplakt\w*|gezoem"
         r"|zoete lucht|sneeuw smelt\w*|zakjes|weegschaal", drugs=0.5),
    # Dealing and growing told by their signs: a handshake and gone, runners, a number on stickers, grams.
    rule("drugs.dealing_signs", r"handjes? (?:\w+ )?schudden|loopjongen\w*|heuptas\w*|per gram|\d+ ?gram"
         r"|bolletjes|slikker\w*|amfetamin\w*|skunk\w*|binnen \d+ min\w* bij je|stickertjes? met (?:een )?06"
         r"|06[- ]?nummer\w* op (?:de )?(?:lantaarnpalen|stickers?)|geblowd|blowt|pil(?:len)? (?:\w+ ){0,6}"
         r"(?:gekocht|verkocht)|(?:stappen|stapt) (?:even |snel )?in en (?:\w+ ){0,5}(?:weer )?uit"
         r"|rondje van (?:\d+|twee|een paar) min\w*", drugs=1.0),
    rule("drugs.comings", r"komen en gaan|komt en gaat|aanloop|niemand blijft (?:langer dan|lang)", drugs=0.7),
    rule("drugs.grow_signs", r"paars licht|afzuig\w*|ventilatoren|ventilatie|potgrond|kweeklamp\w*|folie"
         r"|aggregat\w*|chemische (?:geur|troep|stank)|chemical smell|drums|canisters", drugs=0.5),
]  # fmt: skip

PARKING = [
    rule("parking.other_language", r"parkuj\w*|zaparkowa\w*|falsch ?park\w*|geparkt|park ediyor|park etmis|parkuje"
         r"|mparki\w*|parkia|park etmi\w*|parchea\w*|parcheggi\w*|estacionad\w*"
         r"|parkt|zonder (?:parkeer)?schijf|blauwe zone",
         parking=1.0),
    rule("parking.parked", r"geparkeerd|parkeren|parkeert|parkeer|parkeerde\w*|parking|parked|foutparke\w*"
         r"|dubbel geparkeerd", parking=1.0),
    rule("parking.bay", r"invalidenpl\w*|invalidenparkeer\w*|gehandicapten\w*|disabled (?:bay|spot)s?"
         r"|zonder kaart", parking=1.0),
    rule("parking.blocked_spot", r"(?:staat|staan|zetten|zet|gezet|parkeren|stond|stonden) (?:\w+ ){0,6}(?:pal |vlak )?"
         r"(?:voor|in|op) (?:onze|mijn|mn|de|het|hun) (?:garagedeur|oprit|nooduitgang|fietsenstalling"
         r"|brandweeropstelplaats|laad- en losplek|invalidenplek|uitrukpoort)|brandweeropstelplaats|opstelplaats"
         r"|laad- en losplek|(?:staat|staan) (?:\w+ ){0,3}(?:trottoir|stoep) vol"
         r"|(?:parkuj\w*|zaparkowa\w*|stoi|stoja|auto|samochod\w*) (?:\w+ ){0,3}na chodniku", parking=1.0),
    rule("parking.blocking", r"op de stoep|op het trottoir|op het zebrapad|in de berm|voor (?:mijn|de|onze|m'n|mn)"
         r" (?:garage|uitrit|inrit)|uitrit|inrit|bike lane|in de bocht|staat al \w+ (?:dagen|weken|week)"
         r"|staat er elke \w+|op het (?:fietspad|grasveld|gras)|(?:camper|caravan|aanhanger|vrachtwagen|auto|bus)"
         r" staat|met de auto op", parking=0.5),
]  # fmt: skip

TRAFFIC = [
    rule("traffic.speed", r"te hard|hard rijden|scheur\w*|race\w*|racen|snelheid\w*|hoge snelheid|flits\w*"
         r"|speeding|speed|razen|raast|opgevoerd\w*|wheelies?|\d+ waar \d+ mag|met \d+ (?:door|over|langs)"
         r"|(?:30|50)[- ]?zone|rijden met \d+|rijdt met \d+|\d+ (?:km/u|kmh)|\d+ over de stoep", traffic=1.0),
    rule("traffic.driving", r"(?:rijden|rijdt|reden|racen|scheuren) (?:er |daar |hier )?(?:\w+ )?als (?:een )?(?:gek"
         r"|gekken|idioot|idioten|malloten)"
         r"|gedrift|burn-?outs?|donuts|drunk (?:\w+ ){0,2}(?:got in|getting in|behind the wheel|driving)", traffic=1.0),
    rule("traffic.phone", r"(?:appen|appt|bellen|belt|scrollen|filmen) (?:\w+ ){0,3}(?:tijdens het rijden"
         r"|achter het stuur)"
         r"|aan het appen|phone (?:while|at the wheel)|texting while driving|on (?:his|her) phone while driving",
         traffic=1.0),
    rule("traffic.reckless", r"spookrij\w*|dronken (?:bestuurder|automobilist|chauffeur)|drunk driv\w*|zwalk\w*"
         r"|door rood|vluchtstrook|sneed|afgesneden|bumperkle\w*|reckless|zonder lichten|wrong[- ]way"
         r"|verkeersagressie|bijna (?:een|de) \w+ (?:geraakt|aangereden|van de weg)|doorgereden"
         r"|telefoon in (?:zn|zijn|haar) hand|te appen|driften|drift|straatrace\w*"
         r"|tegen (?:het verkeer|de rijrichting) in|het (?:water|kanaal) in|de (?:gracht|sloot|rivier) in|te water"
         r"|dronken (?:\w+ )?(?:achter het stuur|weg|rijden|rijdt|reed)|(?:rijdt|reed|rijden) (?:\w+ )?dronken"
         r"|onder invloed|pijan\w* kierowc\w*|betrunken\w*|sarhos|geisterfahrer\w*|ters yon\w*|laveer\w*|zigue-?zague"
         r"|slinger\w* over (?:de|het) \w+|raakt (?:steeds )?de (?:vangrail|berm)|weaving"
         r"|omver ?gere\w*|(?:reed|rijdt) \w+ omver|aangereden"
         r"|aanrijding|(?:reed|rijdt) (?:gewoon |daarna )?door|doorrijden|ramt|ramde|geramd|hit and run"
         r"|(?:in|het) (?:kanaal|water|gracht|sloot) (?:\w+ ){0,3}gereden"
         r"|(?:smashed|crashed|drove|ploughed|plowed|knalde|botste|reed) (?:\w+ ){0,2}(?:into|tegen) (?:\w+ ){0,3}"
         r"(?:cars?|auto'?s|geparkeerde \w+|parked \w+|lantaarnpaal|paal|gevel)|drove off|drove away|sped off"
         r"|(?:driver|bestuurder) (?:\w+ ){0,3}(?:wasted|drunk|dronken|stoned)|tailgat\w*"
         r"|(?:rijden|rijdt|reed|reden) (?:\w+ ){0,5}(?:lazarus|ladderzat|stomdronken|bezopen|straalbezopen)"
         r"|klem (?:gereden|rijden|rijdt|drukt|gedrukt)|van de weg (?:te )?(?:duwen|drukken|rijden"
         r"|gedrukt)", traffic=1.0),
    rule("traffic.vehicle", r"crossmotor\w*|brommers?|fatbike\w*|scooters? die|quads?", traffic=0.5),
    rule("traffic.other_language", r"za szybko|predkos\w*|prędkoś\w*|cok hizli|hizli gidiyor|zu schnell|raser\w*"
         r"|trop vite|weggefahren|angefahren|uciekl\w*|savrulu\w*|uyuyor gibi", traffic=1.0),
    rule("traffic.check", r"lasergun|laserpistool|snelheid meten|snelheidsmeting|snelheidsdisplay"
         r"|snelheidscontrole\w*|controle|handhaving|speed ?checks?|flitspaal|verkeerscontrole",
         traffic=0.6),
]  # fmt: skip

SUSPICIOUS = [
    rule("suspicious.word", r"verdacht\w*|suspicious|ongure|louche", suspicious=1.0),
    rule("suspicious.doors", r"deurklink\w*|aan (?:de |alle )?(?:auto)?deuren|door ?handles|aanbel\w*"
         r"|bij alle deuren|autodeuren|portieren|vreemde (?:man|mannen|vrouw|auto|bus)|onbekende (?:man|mannen)",
         suspicious=1.0),
    rule("suspicious.other_language", r"obserwuj\w*|podejrzan\w*|supheli\w*|verdachtig\w*|verdächtig\w*"
         r"|beobacht\w*|izliyor|probando las puertas|mirando las ventanas|ohne kennzeichen|fotograf\w* cek\w*",
         suspicious=1.0),
    # Casing questions at the door, chalk marks, a camera aimed at a front door, sweets offered to children.
    rule("suspicious.casing_questions", r"(?:vraagt|vroeg|vragen|vroegen|asks|asked|asking) (?:\w+ ){0,5}"
         r"(?:alarm|goed slot|thuis (?:bent|is|zijn)|hoe laat (?:je|u|jullie)|(?:are|is) (?:at )?home"
         r"|when (?:we|you))"
         r"|chalk (?:marks?|crosses|signs?)|camera\w* (?:\w+ ){0,8}gericht op"
         r"|offering (?:sweets|candy)"
         r"|(?:sweets|candy) to (?:the )?(?:kids|children)|meekijk\w*|kijk(?:t|en) mee"
         r"|(?:takes?|took) (?:photos|pictures) of", suspicious=1.0),
    rule("suspicious.watching", r"krijttekens?|stickers? (?:naast|bij|op) de (?:bel|deur|brievenbus)"
         r"|naar (?:het|de) (?:schoolplein|speeltuin|kinderen) (?:te )?(?:kijken|staren|gluren)"
         r"|foto'?s van (?:de )?kinderen|talk(?:ing)? to (?:the )?children|hanging around the playground"
         r"|zonder kentekenplaten|(?:in|door) de achtertuinen|achterpaden", suspicious=1.0),
    rule("suspicious.scouting", r"foto'?s (?:te )?ma\w* van (?:de )?huizen|naar de huizen|de straat in kijk\w*"
         r"|scouting|markeren|krijtstreep\w*|zaklamp\w*|in de gaten|spreekt \w+ kinderen aan"
         r"|kinderen aan(?:spreken)?|slapen er|verrekijker|fotografeert \w+ \w+|snoep aan", suspicious=1.0),
    rule("suspicious.vehicle", r"rondjes|draaiende motor|zonder kenteken|geen kenteken|busje|bus zonder"
         r"|in en uit|keeps hovering|drone\w*", suspicious=0.6),
    rule("suspicious.trying", r"(?:probeer\w*|proberen|voelt|voelen|voelde) (?:\w+ )?(?:aan )?(?:de |alle |elke )?"
         r"(?:deuren|deur|klinken|ramen|auto'?s)|tried the doors|trying (?:car )?doors|kijkt (?:steeds |telkens )?"
         r"naar binnen|niemand kent (?:hem|haar|ze)|sleeping in|slaapt (?:er )?in (?:onze|de|het)", suspicious=1.0),
    rule("suspicious.circling", r"(?:langzaam|stapvoets) (?:door|langs|over) (?:de|onze|mijn|het)\b"
         r"|(?:rijdt|rijden|reed|reden) (?:al \w+ |steeds |de hele \w+ )*rond|blijft (?:maar )?rondrijden"
         r"|driving (?:slowly|around)|circling", suspicious=1.0),
    rule("suspicious.peering", r"(?:kijk\w*|gluur\w*|glur\w*|loer\w*|turen?) (?:\w+ )?(?:in|naar|over) "
         r"(?:de |onze |alle )?(?:tuin\w*|ramen|auto'?s|schutting\w*|brievenbus\w*|schuur\w*)"
         r"|looking into (?:cars|windows|gardens)|door (?:het|de|alle) ra(?:am|men) (?:\w+ )?(?:naar )?binnen"
         r"|(?:kijkt|kijken|keek|gluurt|loert) (?:\w+ ){0,4}naar binnen|peeking|peeping|casing"
         r"|watching (?:the |our )?(?:houses?|kids|children)|hidden camera|verborgen camera",
         suspicious=1.0),
    rule("suspicious.object", r"onbeheerd\w*|achtergelaten|koffer|unattended", suspicious=0.7),
    rule("suspicious.left_behind", r"(?:rugzak|tas|sporttas|koffer|pakket|doos)(?:je)? (?:die|dat) (?:niemand|er al)"
         r"|(?:ligt|staat) (?:al |sinds \w+ |al uren |al de hele \w+ )?(?:een )?(?:rugzak|tas|sporttas|koffer|pakket)"
         r"|niemand (?:haalt|ophaalt|komt)", suspicious=1.0),
    rule("suspicious.person", r"capuchon\w*|bivakmuts\w*|geen pasje|hoodies?|niemand (?:weet|in de buurt)",
         suspicious=0.5),
    # Casing a street: door handles tried, houses photographed, the same passer-by again and again.
    rule("suspicious.casing", r"aan (?:de |alle |elke )?(?:klink|klinken|deurhendels?|deurknop\w*|handgrepen)"
         r"|deurhendel\w*|foto'?s (?:\w+ ){0,3}van (?:alle |de |onze |elke )?(?:huizen|voordeuren|deuren"
         r"|woningen|ramen|auto'?s|schuren|achterdeuren|achtertuinen)|(?:film|filmt|filmde|filmen) (?:\w+ ){0,3}"
         r"(?:de |alle |onze )?(?:huizen|voordeuren|woningen)|(?:photograph|filming|taking (?:photos|pictures) of)\w*"
         r" (?:the |our |all )?(?:houses|doors|front doors|cars)|(?:stares?|staring) at (?:the |our )?"
         r"(?:windows|house)|(?:staart|staren|staarde) (?:\w+ ){0,2}(?:naar|bij) (?:de |ons |onze )?"
         r"(?:ramen|huis|huizen)|keeps (?:walking|driving|coming) (?:past|by)|(?:steeds|telkens) (?:weer )?"
         r"langs(?:rijden|lopen|komen)?|voor de (?:\w+|\d+e) keer (?:\w+ )?langs|(?:slapen|slaapt|sliepen|wonen)"
         r" (?:er )?(?:mensen|mannen|iemand) in|niet pluis|sketchy|creepy|vreemde? (?:figuur|figuren|types?"
         r"|snuiters?|gasten|kerel|vent|personen)|kijkt (?:steeds |telkens |constant )?om zich heen"
         r"|krijt(?:tekens?|strepen|streepjes?|kruis\w*|markering\w*)"
         r"|(?:tekens?|kruisjes|streepjes|pijltjes) (?:\w+ ){0,3}(?:met )?krijt|(?:zich )?voordoet als"
         r"|doet zich voor als|(?:zich )?uitgeeft voor|pos(?:es|ing) as|pretend(?:s|ing)? to be"
         r"|looking around", suspicious=1.0),
    rule("suspicious.prowling", r"achterom|over de schutting|over het hek|hoofdlamp\w*|geblindeerde?|leegstaand\w*"
         r"|rondhang\w*|rondlop\w*|rondsluip\w*|sluipen|sluipt|loitering|lurking|prowl\w*|hanging around"
         r"|schrijft (?:\w+ ){0,3}op|noteert|writing down|overladen|overgeladen|inladen|uitladen|creeped out"
         r"|knipschaar|kniptang|bolt ?cutters?",
         suspicious=0.6),
]  # fmt: skip

NUISANCE = [
    rule("violence.thrown_at", r"(?:naar|op) (?:voorbijgangers|mensen|agenten|hulpverleners|kinderen|ons|de brandweer"
         r"|de politie|de ambulance|brandweerlieden)"
         r" (?:gegooid|gooien|geschoten|afgeschoten)|(?:ge)?gooi\w* (?:met \w+ )?(?:\w+ ){0,3}naar (?:voorbijgangers"
         r"|mensen|ons|agenten|hulpverleners|de brandweer|de politie)",
         violence=0.8),
    rule("nuisance.like_shots", r"(?:klinkt|klonk|klinken|lijkt|leek|sounds?|sounded) (?:\w+ ){0,2}(?:als|op|like)"
         r" (?:\w+ )?(?:schoten|schieten|geweerschoten|gunshots?|shots)", nuisance=0.5),
    rule("nuisance.fireworks", r"vuurwerk\w*|nitra(?:at|ten)|cobra'?s?|fireworks?|strijkers?|vuurpijl\w*|rotjes"
         r"|knalvuurwerk|mortier\w*|vuurwerkbom\w*|carbid\w*", nuisance=1.0),
    rule("nuisance.animals", r"blaft|blaffen|barking|barks|hondengeblaf|jankt", nuisance=1.0),
    rule("nuisance.vandalism", r"graffiti|beklad\w*|vandal\w*|vernield|vernieling\w*|lek gestoken|lekgestoken"
         r"|kapot ?(?:gegooid|getrapt|gemaakt|geslagen|gesmeten)|kort en klein \w+|gebarsten|stenen|eieren|ontploft"
         r"|steine|stones|rocks|bricks"
         r"|opgeblazen|in brand|brand"
         r"|smashed|tegen (?:de )?(?:deuren|fietsen|auto'?s) \w+|omgooien|gesprongen|fik|vlammen|sloopt|slopen"
         r"|gevandaliseerd|(?:eraf|kapot|stuk) ?getrapt|afgetrapt|afgebroken|(?:spiegels?|ruitenwissers?|antennes?)"
         r" (?:\w+ ){0,6}(?:eraf|af|kapot)\w*", nuisance=1.0),
    rule("nuisance.other_language", r"imprez\w*|glosn\w*|halas\w*|gurultu\w*|muzik\w*|cop (?:birak|atiyor)\w*"
         r"|larm\w*|laute musik|bruit", nuisance=1.0),
    rule("nuisance.engines", r"knalpot\w*|knalpijp\w*|toeren|ronkend\w*|gas (?:staan )?geven|open uitlaat"
         r"|(?:knallende|harde) uitlaten|vol gas|toeteren|toeteren\w*"
         r"|stookt|stoken|blaft|speaker|party every night|feest(?:en)? tot", nuisance=1.0),
    rule("nuisance.noise", r"overlast|herrie|lawaai|(?:kei)?harde muziek|muziek|geluidsoverlast|noise|loud|fissa"
         r"|tot \d+ ?u(?:ur)?", nuisance=0.5),
    rule("nuisance.shouting", r"schreeuw\w*|kapot|glas|glasscherven", nuisance=0.3),
    rule("nuisance.loitering", r"(?:groep )?(?:jongeren|jeugd|gasten) (?:hangt|hangen)"
         r"|(?:hangt|hangen) (?:een groep|\w+ jongeren)|groep jongeren hangt|hangjongeren|hangjeugd"
         r"|hangt (?:elke|iedere) \w+ een groep", nuisance=1.0),
    rule("nuisance.youth", r"jongeren|jeugd|groep van \d+(?:-\d+)?", nuisance=0.5),
    rule("nuisance.doorbells", r"(?:bellen|belt|belde|belden) (?:\w+ ){0,6}aan en (?:rennen|rent|renden)"
         r" (?:dan |vervolgens |snel )?weg"
         r"|belletje (?:\w+ )?trekken", nuisance=1.0),
    rule("nuisance.dumping", r"gestort|storten|afval\w*|vuilniszak\w*"
         r"|zwerfvuil|rommel|troep|poepzak\w*"
         r"|litter\w*|vuilnisbak\w*", nuisance=0.8),
    rule("nuisance.waste", r"\w+afval", nuisance=0.8),
    # Tags, scratches and stickers; dumped waste; bombs in letterboxes; footballs against doors.
    rule("nuisance.marking", r"tags|taggers?|getagd|(?:op|over) (?:de |het |onze |mijn |alle )?\w+ gespoten"
         r"|gespoten op|spray ?paint\w*|bekrast|gekrast|hakenkruis\w*|swastikas?|stickers"
         r"|dump\w*|gedumpt|(?:ge)?kiept\w*|kiepte\w*|gedropt|asbest\w*|illegaal (?:gestort|gedumpt|afval)"
         r"|(?:bom|bommen|vuurwerkbom\w*) (?:in|door) (?:de |een |onze |het )?brievenbus\w*"
         r"|(?:gooi|gooien|gooit|gooiden|smijten|smeten|smiet|throwing|throw) (?:\w+ ){0,3}"
         r"(?:flessen|bottles|stones|eggs)|voetbal\w* (?:\w+ ){0,3}tegen (?:onze|de|mijn|het) (?:\w+ )?"
         r"(?:deur|garagedeur|ramen|raam|auto|schutting|gevel)"
         r"|rotzooi trappen|keet schoppen|klieren", nuisance=1.0),
    rule("nuisance.party", r"feest\w*|party|parties|partying|fuif|bassen|dreunend\w*|boren|timmeren|geschreeuw"
         r"|bouwpuin|grofvuil|matras\w*|koelkast\w*|wasmachine\w*|bankstel\w*|autobanden|rotzooi|zooi|ettertjes"
         r"|treiteren|naroepen|music|blasting|blaring|speaker\w*|boxen|jbl|generator|yelling|shouting", nuisance=0.5),
    rule("nuisance.english", r"tagged|vandali[sz]ed|fly-?tipping|firecrackers?"
         r"|slashed (?:\w+ ){0,3}(?:tyres|tires)"
         r"|(?:tyres|tires) (?:\w+ )?slashed|gesloopt|(?:banden|band) lek\b|lekke banden"
         r"|(?:smash|smashed|smashing|throwing) (?:\w+ )?(?:bottles|glass)|noise complaints?"
         r"|keyed (?:\w+ ){0,2}cars?", nuisance=1.0),
]  # fmt: skip

FRAUD = [
    rule("fraud.scam", r"opgelicht|oplicht\w*|scam\w*|fraude\w*|fraud\w*|phishing|nepbank\w*|nep-?\w+|fake"
         r"|valse? \w+|nep \w+|neppe \w+|gehackt|hacked|gechanteerd|chantage|blackmail\w*", fraud=1.0),
    rule("fraud.hoimam", r"ho?i mam|hoi pap|hi mum|hi mom|hey mam|mijn (?:nieuwe )?nummer|nieuwe nummer"
         r"|telefoon is kapot", fraud=1.0),
    rule("fraud.other_language", r"wyplaci\w*|wypłaci\w*|oszuk\w*|dolandir\w*|betrug\w*|arnaque\w*|estafa"
         r"|przelew\w*|przelac|udaj\w* (?:policjant|pracownik)\w*|يدعي|يدّعي|ادعى",
         fraud=1.0),
    rule("fraud.identity", r"achteraf betalen|op mijn naam|identiteitsfraude|identity theft|nep betaal\w*"
         r"|beleggings\w*|gestort op|crypto ?platform|valse? (?:bank|politie|rechercheur)\w*"
         r"|wisselde (?:mijn|zijn|haar) pas", fraud=1.0),
    rule("fraud.account", r"gehackt|hacked|overgenomen|kan er (?:zelf )?niet meer in|kluisrekening|veilige rekening"
         r"|pincode|pinpas|bankpas|gegevens ingevuld|op de link|link|betaalverzoek|tikkie|crypto\w*"
         r"|investeren|gepind|contactloos|vragen (?:nu )?(?:geld|doekoe)|om geld", fraud=0.6),
    rule("fraud.market", r"marktplaats|vinted|marketplace|webshop|nooit (?:ontvangen|geleverd|gekomen|aangekomen)"
         r"|levert nooit|never (?:arrived|received|delivered)|geblokkeerd|geblokt|blocked me|overgemaakt"
         r"|euro (?:kwijt|betaald)|\d+ euro", fraud=0.5),
    rule("fraud.caller", r"van de bank|'de bank'|de bank|gebeld door|belde(?! ik\b)|namens|zogenaamd|zei dat hij van"
         r"|van de politie is|nep pasje|sieraden .{0,20}(?:ophalen|afgeven)|ophalen voor", fraud=0.6),
    # A caller or visitor the writer puts in quotes: "2 mannen 'van de waterleiding'", "een man 'van de ING'".
    rule("fraud.fake_official", r"'van de (?:\w+ )?\w+'|'(?:bankmedewerker|monteur|rechercheur|agent|politieagent"
         r"|medewerker)\w*'|(?:zogenaamd|zogenaamde|nep)(?:-| )?(?:monteur|bankmedewerker|agent|politie)\w*"
         r"|'(?:bank employee|bank worker|police officer|detective)'|remote access|card reader"
         r"|(?:says|saying|claims|claiming) (?:he'?s|she'?s|they'?re|to be) from the bank", fraud=1.0),
    rule("fraud.sextortion", r"naaktfoto\w*|naaktbeelden|intieme (?:foto|beelden|video)\w*"
         r"|intimate (?:photos|pictures|images|videos)|naked (?:photos|pictures)|nudes|sextortion|verspreiden"
         r"|verspreidt|dating ?profiel\w*"
         r"|dating profile"
         # Pay or I post: the blackmail itself, whatever the pictures are called.
         r"|(?:foto'?s|fotos|filmpjes?|video'?s?|beelden) (?:\w+ ){0,5}(?:naar|to) (?:al )?(?:mijn|mn|m'n|my|je|jouw)"
         r" (?:contacten|school|ouders|familie|vrienden|contacts|family|friends)|als (?:ik|je|jij) (?:\w+ ){0,2}(?:niet"
         r"|geen) (?:\w+ ){0,6}(?:betaal|betaalt|overmaak)|if (?:i|you) (?:don'?t|do not) pay|unless (?:i|you) pay",
         fraud=1.0),
    rule("fraud.other_language", r"doland[iı]r\w*|oszu\w*|podszywa\w*|podszy\w*|betrug\w*|betruger\w*"
         r"|angeblich\w*|falsche\w* (?:polizist|handwerker|bankmitarbeiter)\w*"
         r"|polis oldu[gğ]unu s[oö]yleyen|udaj[aą]c\w* policj\w*|banka [cç]al[iı][sş]an\w*", fraud=1.0),
    # German and Polish: prowling and drugs.
    rule("suspicious.other_language", r"schleich\w*|tarnkleidung|fernglas", suspicious=1.0),
    rule("drugs.other_language", r"wzi[aą][lł]\w* co[sś]|na[cć]pan\w*|narkotyk\w*|dopalacz\w*"
         # German "Drogen" only with its verb: Dutch "drogen" is to dry.
         r"|drogen (?:genommen|nehmen|verkauft|verkaufen|gekauft)", drugs=1.0),
]  # fmt: skip

# Arabic script, as Arabic-speaking residents write: stems with their common prefixes (wa-, sa-, bi-, al-) and suffixes.
ARABIC = [
    rule("weapon.arabic", r"(?:ب|و|ال|بال)?(?:سكين|سكاكين|مسدس|سلاح|بندقية|رصاص)\w*|[اإ]طلاق نار", weapon=1.0),
    rule("violence.arabic", r"(?:و|س|ف)?(?:ي|ت|ن)?ضرب\w*|(?:ال|لل)ضرب|(?:و|س)?(?:ي|ت)هدد\w*|تهديد\w*|(?:و|س)?يطعن\w*"
         r"|طعن\w*|هجوم|هاجم\w*|اعتداء|عنف", violence=1.0),
    rule("burglary.arabic", r"اقتحام|(?:و|ف)?اقتحم\w*|يقتحم\w*|(?:ي|ت)?(?:كسر|يكسرون|كسروا) (?:ال)?باب\w*|سطو",
         burglary=1.0),
    rule("theft.arabic", r"(?:و|ف)?(?:سرق|سُرق)\w*|لص|لصوص", theft=1.0),
    rule("drugs.arabic", r"(?:ال)?(?:مخدرات|حشيش|كوكايين|حبوب)\w*", drugs=1.0),
    rule("suspicious.arabic", r"(?:ي)?لحق (?:ب)?\w+|يلاحق\w*|يتبع\w*|يطرق على|رجل غريب", suspicious=1.0),
    rule("nuisance.arabic", r"(?:ي|ت)?(?:كسر|يكسرون|كسروا|تكسر) (?:\w+ )?(?:ال)?زجاج|[اإ]زعاج|ضجيج|مفرقعات|موسيقى عالية"
         r"|(?:ي|ت)?رمون (?:ال)?قمامة",
         nuisance=1.0),
    rule("fraud.arabic", r"احتيال|نصب|(?:ال)?محتال\w*", fraud=1.0),
]  # fmt: skip

# Ukrainian and Russian (many Ukrainians live in the Netherlands now): the common words for each category.
CYRILLIC = [
    rule("weapon.cyrillic", r"ніж|нож\w*|пістолет\w*|пистолет\w*|зброя|зброєю|оружие|стріля\w*|стреля\w*", weapon=1.0),
    rule("violence.cyrillic", CYRILLIC_BEATING + r"|побил\w*|поби\w*|напа\w*|вдари\w*|удари\w*|погрожу\w*|угрожа\w*"
         r"|погроз\w*|бив мене|бил меня",
         violence=1.0),
    rule("theft.cyrillic", r"вкра\w*|украл\w*|украд\w*|крадіжк\w*|краж\w*|перерізає замок|викрада\w*|угоня\w*",
         theft=1.0),
    rule("traffic.cyrillic", r"підрізає|підрізав|п'яний водій|пьяный водитель|швидкіст\w*|велодоріжц\w*",
         traffic=1.0),
    rule("nuisance.cyrillic", r"підпал\w*|подожг\w*|поджог\w*|петард\w*|феєрверк\w*|фейерверк\w*", nuisance=1.0),
    rule("nuisance.cyrillic_noise", r"вечірк\w*|вечеринк\w*|кидають пляшки|галас\w*|шумлят\w*", nuisance=1.0),
    rule("parking.cyrillic", r"паркую\w*|паркуют\w*|припарк\w*|на тротуар\w*", parking=1.0),
    rule("fraud.cyrillic", r"шахра\w*|мошенни\w*|представився поліцією|представился полицией|(?:він|вона) з банку"
         r"|(?:он|она) из банка|забира\w* (?:її |його |ее |его )?картк\w*", fraud=1.0),
]  # fmt: skip

# Papiamento, Polish, Turkish, Spanish and Frisian words the Dutch and English lists lack (folded: accents off, but
# Turkish dotless i stays).
OTHER_LANGUAGES = [
    rule("weapon.other_language", r"skopet\w*|kuchu\w*|pr[eę]t(?:ami|em|y)|mouss|cutit\w*|bat[aă]\b|pistole|faca"
         r"|navaja", weapon=1.0),
    rule("violence.other_language", r"bati|ta bati|menasa\w*|bij[eaą]|pobi\w*|d[oö]v(?:ul|uyor|du|er)\w*|driget"
         r"|driigje\w*|lovit|ameninta\w*|ameninț\w*|picchia\w*|aggredit\w*", violence=1.0),
    rule("burglary.other_language", r"kibra (?:e|mi|nos|su) (?:bentana|porta|outo)|drenta (?:mi|nos|su) kas"
         r"|habri (?:mi|nos|su) outo|(?:kap[iı]|kasa)\w* k[iı]r\w*"
         r"|cam\w* k[iı]r[iı]p (?:\S+ ){0,3}\S*[cç]al\w*|wlama\w*|зламав\w*|зламали|взлом\w*",
         burglary=1.0),
    rule("theft.other_language", r"h[oò]rta|a h[oò]rta|se llevaron|nos (?:han )?robad\w*|me (?:han )?robad\w*"
         r"|robaron|roubar\w*|roubad\w*", theft=1.0),
    # Spanish and Portuguese: "entraron en nuestro piso", "han forzado el trastero".
    rule("burglary.spanish", r"entraron en (?:\w+ )?(?:casa|piso|trastero|garaje|tienda)|(?:han|hemos) forzado"
         r"|forzaron (?:la|el)|arrombad\w*|assaltaram (?:a|o) (?:casa|loja)", burglary=1.0),
    rule("violence.romanian", r"(?:il|o|ii|ne) bate\b|bataie|" + HELD_CAPTIVE, violence=1.0),
    rule("burglary.heard_inside", HIDING_FROM_INTRUDERS, burglary=1.0),
    rule("burglary.romanian", r"(?:au|a) spart\w*|spart[aă]?|spart (?:usa|geamul|fereastra)", burglary=1.0),
    rule("fraud.other_language_caller", r"traha pa (?:banko|bank|polis)|pas di banko", fraud=1.0),
    rule("nuisance.other_language", r"pega kandela|prendiendo fuego", nuisance=1.0),
    rule("traffic.other_language", r"pod pr[aą]d", traffic=1.0),
    rule("parking.other_language", r"zaparkowa\w*|stoi na torach", parking=1.0),
    rule("fraud.other_language_hacked", r"hakia|a hakia", fraud=1.0),
]  # fmt: skip

CATEGORY_RULES = RuleSet([*WEAPON, *VIOLENCE, *BURGLARY, *THEFT, *DRUGS, *PARKING, *TRAFFIC, *SUSPICIOUS,
                          *NUISANCE, *FRAUD, *ARABIC, *CYRILLIC, *OTHER_LANGUAGES])  # fmt: skip


def all_rules() -> list[Rule]:
    """Every category rule, for inspection and tests."""
    return list(CATEGORY_RULES.rules)
