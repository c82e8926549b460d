"""Urgency: emergency (danger now), high (act today), normal, low (parking, minor nuisance, checks)."""

from __future__ import annotations

from dataclasses import dataclass

from services.classify.phrases import (
    ALREADY_IN,
    ARABIC_NOW,
    ARABIC_PLEA,
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
    SERIOUS_TURN,
    TAKEN_BY_STRANGERS,
    TAKING_CHILD,
)
from services.classify.rules import Hit, RuleSet, rule
from shared.contracts import Category, Span, Urgency

# A weapon lying in a ditch, bin or bushes is evidence to collect (one on a schoolyard is not).
_WEAPON_LYING = r"(?:mes|pistool|wapen|vuurwapen|revolver|granaat|munitie|kogels)\w*"
_DUMPING_PLACE = (
    r"(?:de|het|een) (?:bosjes|container|sloot|greppel|struiken|berm|prullenbak|vuilnisbak|afvalbak|gras)\b"
)

URGENCY_RULES = RuleSet([
    # "top video 😂 maar ff serieus, hier slaat een man NU ...": what comes before the turn is banter (see decide).
    rule("turn.serious", SERIOUS_TURN, turn=1.0),
    # Multi-word rules come first: one regex pass keeps only the first rule that matches at a spot.
    rule("inprogress.heading", r"nu richting", now=1.0, inprogress=1.0),
    # "net gezien": just seen, so fresh, but a weapon seen a minute ago is not yet a scene in progress.
    rule("inprogress.seen", r"net gezien", recent=1.0, inprogress=1.0),
    # A passive or progressive present ("er wordt ingebroken", "wordt nu geslagen") is happening now.
    rule("now.passive", r"(?:wordt|worden) (?:nu |net |op dit moment )?(?:iemand |een \w+ )?(?:in elkaar )?"
         r"(?:geslagen|getrapt|geschopt|gestoken|neergestoken|geschoten|beroofd|achtervolgd|ingebroken|bedreigd"
         r"|mishandeld|gesleurd|geduwd)|ik word (?:nu )?(?:gevolgd|achtervolgd|bedreigd|aangevallen"
         r"|geslagen)|aan het (?:vechten|inbreken|steken|schieten|slaan)"
         r"|is being (?:attacked|beaten|stabbed|robbed|mugged|chased|followed|threatened|kicked|hit|dragged"
         r"|assaulted|shot|held|kidnapped|taken|pulled|pushed|strangled|choked|hurt|punched|burgled|blackmailed"
         r"|extorted)"
         r"|(?:has been|is|keeps) following me|(?:volgt|achtervolgt) (?:me|mij) (?:al|nu|sinds)",
         now=1.0, violent=1.0),
    # A child being followed as the writer watches ("is following a girl", "loopt achter mijn dochter aan").
    rule("now.following_child", r"(?:is|keeps) following (?:a|an|my|the|our) (?:little )?(?:girl|boy|child|kid|daughter"
         r"|son|woman)|(?:loopt|lopen|rijdt|rijden) (?:\S+ ){0,6}achter (?:mijn|een|het|ons|onze) (?:dochter|zoon"
         r"|meisje|jongetje|kind\w*)(?: van \d+)? aan|folgt (?:\S+ ){0,4}(?:m[aä]dchen|kind\w*|tochter)"
         r"|(?:kinderen|meisjes?|jongetjes?|kind) (?:\S+ ){0,14}(?:houdt|met) de schuifdeur open",
         now=1.0, child=1.0, lure=1.0),
    # Hearing it as it happens ("ik hoor haar gillen dat hij moet ophouden") outweighs last month's incident.
    rule("now.hearing", r"(?:ik |we )?(?:hoor|horen) (?:haar|hem|iemand|een vrouw|een man|de buurvrouw|kinderen)"
         r"(?! (?:elke|iedere|vaak|soms|altijd|weleens|steeds|regelmatig)) (?:\w+ )?(?:gillen|schreeuwen|gillend"
         r"|schreeuwend|om hulp)", now=1.0, rightnow=1.0),
    # Someone still there, said outright: as strong as "op dit moment" against a rant's history ("hij is er nog!!").
    rule("now.still_there_said", r"(?:hij|ze|zij) (?:is|zijn) er (?:nu )?nog(?: steeds)?(?:!|\.|$)",
         now=1.0, rightnow=1.0),
    # "een ladder ligt nog in het gras" is a trace left behind, not someone still there.
    rule("now.ongoing", r"nog(?<!ligt nog)(?<!liggen nog)(?<!staat nog)(?<!staan nog) (?:steeds )?(?:binnen|bezig"
         r"|in (?:het|de|ons|hun) \w+|rond|daar|hier)"
         r"|(?:ze|hij|zij) (?:zijn|is|zitten|zit) er nog(?! (?:\w+ )?(?:kapot|ziek|bang|overstuur|stuk|ondersteboven"
         r"|verdrietig) van)|er zijn er \w+ binnen|nog binne\w*"
         r"|still parked|nog steeds (?:over|bij"
         r"|voor)"
         r"|hala (?:orada|burada)\w*|still (?:here|on)"
         r"|(?:zijn|is) er nog (?!(?:\w+ )?(?:kapot|ziek|bang|overstuur|stuk|ondersteboven|verdrietig) van)"
         r"(?:steeds )?(?:binnen)?|still (?:in|inside)", now=1.0, inside=0.5),
    # Someone or something still standing there (outside) is happening now, not someone inside.
    rule("now.still_there", r"(?:ze|hij|zij|die (?:man|vent|gast|gasten|jongens|mannen|bus|busje|bestelbus|auto"
         r"|wagen)) (?:staat|staan) er (?:nu )?nog|still there", now=1.0),
    # "al maanden ruzie ... en nu staat hij met een bijl voor de deur": an act told as happening now, in one breath,
    # is happening now whatever else the text dates.
    rule("now.acting", r"nu (?:staat|staan|loopt|lopen|zit|zitten|komt|komen|is|zijn) (?:hij|ze|zij|er|die \w+|de \w+)"
         r" (?:\w+ ){0,3}(?:met (?:een |n |zijn |zn |z'n |hun )?(?:mes|messen|pistool|vuurwapen|machete|bijl|knuppel"
         r"|blaffer|hamer)\w*|te (?:slaan|steken|schieten|hakken|trappen|vechten|beuken))",
         now=1.0, violent=1.0, acting=1.0, current=1.0),
    rule("now.acting_there", r"(?:staat|staan|loopt|lopen) (?:er )?nu (?:\w+ ){0,3}met (?:een |n |zijn |zn |z'n )?"
         r"(?:mes|messen|pistool|vuurwapen|machete|bijl|knuppel|blaffer)\w* (?:\w+ ){0,2}te (?:zwaaien|dreigen|slaan"
         r"|steken|schieten)", now=1.0, violent=1.0, acting=1.0, current=1.0),
    rule("now.acting_after", r"(?:hij|ze|zij) (?:staat|staan|zijn|is) nu (?:\S+ ){0,14}(?:en |te )(?:slaan|schoppen"
         r"|trappen|steken|schieten) (?:hem|haar|me|mij|ons)\b", now=1.0, violent=1.0, acting=1.0, current=1.0),
    # "wat nu?", "nu pas", "tot nu toe" ask or tell afterwards.
    # The strongest "now": said while it happens, whatever else the text dates ("de aangifte van vorig jaar ... maar op
    # dit moment is er een 'monteur' bij mijn buurvrouw binnen").
    rule("now.right_now", r"op dit moment|right now|terwijl ik dit (?:typ|schrijf)\w*|as we speak|as i'?m typing"
         r"|at this moment", now=1.0, rightnow=1.0),
    rule("now.explicit", r"nu(?<!wat nu)(?! pas\b| toe\b|\.nl| is (?:hij|ze|zij|die) (?:\w+ )?weg\b| voorbij\b)"
         r"|op dit moment|right now|op heterdaad|now(?<!in a row now)(?<!weeks now)(?<!months now)(?<!nights now)"
         r"|live(?! van)|terwijl ik dit \w+|as we speak|momenteel|teraz"
         r"|jetzt|[sş]imdi|gerade|su an|su anda|wlasnie|ahora mismo|en ce moment|maintenant"
         r"|ik sta er nu|awor(?: aki)?|acum|(?:inca|sunt) inauntru|(?:het |is )(?:nu )?(?:nog )?aan de gang|keeps going"
         r"|(?:he|she|they) (?:keeps?|is still) (?:hitting|kicking|punching|beating|stabbing)", now=1.0),
    rule("now.recent", r"net(?! thuis)|zojuist|just", recent=1.0),
    # "ik zie het": watching now, unless the text dates what is seen ("de knal vannacht ... ik zie de gaten").
    rule("now.heard_inside", HIDING_FROM_INTRUDERS, now=1.0, inside=1.0, plea=1.0),
    rule("now.witness", r"ik (?:hoor|zie) (?:ze|hem|haar|het)|slysze|slyszymy|widze|duyuyorum|goruyorum",
         witness=1.0),
    # An ambulance or fire engine that cannot get through: written in the present, it is happening now (before the
    # plea words, which would otherwise claim "ambulance").
    rule("act.blocked", r"(?:ambulance|ambulans|karetka|brandweer\w*|fire (?:truck|engine)|hulpdiensten|l?ambulance)"
         r" (?:\w+ ){0,6}(?:is stuck|can'?t (?:get|pass|reach)|kan (?:er )?niet (?:langs|door|bij|in|erdoor|erin|weg"
         r"|eruit)|komt (?:er )?niet (?:langs|door|bij|in)|nie moze|giremiyor|ma9datch)"
         r"|(?:ambulance|ambulans|fire (?:truck|engine)|tram)\w* (?:is )?stuck behind|(?:voor|for) de uitrukpoort"
         r"|(?:nooduitgang|emergency exit)\w* (?:\S+ ){0,8}(?:geblokkeerd|blocked)"
         r"|(?:ambulances?|brandweer\w*|fire (?:trucks?|engines?))(?: \S+){0,5} (?:stuck|staat stil|staan stil"
         r"|wachten erachter|wacht erachter)", blocked=1.0, now=1.0),
    rule("now.plea", r"help|hulp(?= ?!)|hilfe|snel|kom aub|kom snel|kom alsjeblieft|kom nu|112"
         r"|ambulance(?! (?:is|zijn) er| heeft (?:hem|haar|ze|hen) )"
         r"|please send|send someone|schreeuwt|screaming|rennen weg|iedereen rent|ik durf niet|mensen vluchten"
         r"|durf niet \w+|niemand durft"
         r"|loopt leeg|(?:rent|rennen) (?:\w+ )?(?:weg|de winkel uit)|people running|running everywhere|venez vite"
         r"|opgesloten in|verstopt|ik verstop|hiding|bitte (?:schicken|kommen|helfen)|lutfen|prosze|pomocy"
         r"|(?:has|it'?s|it has) been going on|is still going on|(?:houdt|houden) de deur (?:\w+ ){0,3}dicht"
         r"|weigert (?:weg te gaan|te vertrekken)", plea=1.0),
    # Someone who cannot breathe, has collapsed or needs reviving: danger to life whatever else the tip is about (an
    # ambulance blocked by a parked van, an overdose beside the dealer).
    rule("life.medical", r"hartaanval|heart attack|reanim\w*|ademt (?:niet|nauwelijks)"
         r"|kan (?:niet|nauwelijks) (?:meer )?ademen|geen (?:lucht|adem) (?:meer )?krijgt|not breathing|can'?t breathe"
         # Not "het stikt hier van de agenten" nor "het verkeer ligt stil".
         r"|(?:hij|ze|zij|iemand|kind|baby|man|vrouw) (?:\w+ )?stikt|(?:is|dreigt) (?:aan het|te) stikken|dusi"
         r"|nefes alam\w*|ma kaytnfsch|buiten westen|schuim op (?:z'?n|zn|zijn|haar) mond|stuiptrek\w*"
         r"|(?:is|wordt) (?:helemaal )?blauw|(?:hij|ze|zij|kind|man|vrouw|iemand) (?:\w+ )?ligt (?:stil|roerloos)"
         r"|ogen (?:branden|prikken) van (?:de|het) (?:lucht|damp|stank|rook|gas)|witte damp"
         r"|giftige (?:damp|lucht|wolk)|toxic (?:fumes|smoke)|(?:mijn|onze|de) ogen tranen"
         r"|(?:rook|walm|damp)\w* (?:\S+ ){0,8}(?:(?:chemisch|bijtend|scherp)\w* ){1,2}(?:lucht|stank|geur)\b"
         r"|zichzelf (?:wat |iets )?(?:aan ?doet|aandoen|van kant)|zelfmoord|suicid\w*|kill (?:him|her)self"
         r"|ligt te (?:schokken|trillen)|(?:en|hij|ze|zij) reageert (?:nergens op|niet meer|niet)|unresponsive"
         r"|with a patient inside|met (?:een )?pati[eë]nt (?:erin|achterin)|و?(?:لا|ما) يتنفس"
         r"|not responding|atak serca|drgawk\w*|pian[eę] na ustach|nie oddycha|nieprzytomn\w*|bewusstlos"
         r"|atmet (?:kaum|nicht)|nefes alm[iı]yor|beroerte|herseninfarct|stroke patient|collapsed|in elkaar gezakt"
         r"|zakte (?:\w+ )?in elkaar|ademt bijna niet|valt steeds om|lippen (?:zijn|worden) blauw"
         r"|(?:krijg|krijgen) (?:hem|haar) niet (?:meer )?wakker|zich van kant"
         r"|wants? to end (?:it|his life|her life)|arde ochii|copiii tusesc|wants? to die|wil dood"
         r"|er een einde aan (?:maakt|maken)|zit op (?:de rand van )?het dak|إيذاء نفسي|без свідомості|без сознания"
         r"|ma kayfi9ch|hartstilstand|eingeklemmt|bekneld|trapped|hoesten zich kapot|eyes (?:are )?burning"
         r"|chemical fumes", life=1.0),
    rule("life.lab_explosion", r"(?:knal|explosie|ontploffing)\w* (?:\S+ ){0,20}(?:chemische|bijtende|gele|giftige)"
         r" (?:\w+ )?(?:lucht|wolk|stank|damp)", life=1.0),
    # Danger to life, whatever the offence: these make an emergency unless the text is about the past.
    rule("life.danger", r"ligt te bloeden|bloedt|bloedend|blujt|bleeding|bewusteloos|beweegt niet(?: meer)?"
         r"|(?:he|she|someone|the man|the woman|the guy) (?:is )?not moving"
         r"|zit(?:ten)? er nog in|nog (?:iemand|mensen) in|zinkt"
         r"|(?:reed|rijdt|gereden|gevallen|valt|viel|geduwd|gegooid|gesprongen|springt) (?:\w+ ){0,2}(?:het|de)"
         r" (?:water|kanaal|gracht|sloot|rivier|vaart) in"
         r"|te water|in (?:het|de) (?:kanaal|water|gracht|sloot|rivier|vaart) (?:\w+ ){0,3}(?:gereden|gevallen|beland"
         r"|geraakt|gesprongen)|springen erin|om hulp|gilt|gillen|screaming for help"
         r"|en el agua|dans l'eau|in the water|im wasser|w wodzie"
         r"|(?:kinderen|kindjes|mensen|iemand|man|vrouw) nog binnen"
         r"|nog (?:een )?(?:oude )?(?:man|vrouw|kind|kinderen|mensen|iemand) binnen"
         r"|richt (?:hem|het )?op"
         r"|ontvoer\w*|kidnap\w*|abduct\w*|(?:auto|bus|busje|bestelbus|wagen|van) in (?:getrokken|geduwd|gesleurd"
         r"|gesleept)|in (?:een|de) (?:\w+ )?(?:auto|bus|busje|bestelbus|wagen) (?:getrokken"
         r"|geduwd|gesleurd|gesleept)|meegesleurd|vermoorden|van de trap|(?:hij|ze|zij"
         r"|iemand) ligt (?:daar|er|op straat|op de grond)"
         r"|(?:hij|ze|zij|iemand|die man|die vrouw|de man|de vrouw|de jongen|het slachtoffer) ligt (?:er|daar) nog"
         r"|(?:er|daar) ligt nog (?:iemand|een (?:man|vrouw|jongen|meisje))"
         r"|(?:ligt|liggen) (?:\w+ ){0,2}(?:op|over) de grond|gillend|brandwonden|(?:er|daar) ligt iemand"
         r"|" + TAKEN_BY_STRANGERS + "|" + HELD_CAPTIVE + "|plin de sange|" + PULLED_INTO_VEHICLE + "|" + TAKING_CHILD
         + "|" + RAMMED_OFF_ROAD +
         r"|(?:houdt|hangt) (?:\w+ ){0,3}(?:een|het|zijn|haar|z'?n|zn) (?:kind|kindje|baby|dochter|zoon|dochtertje"
         r"|zoontje)\w* (?:\w+ ){0,3}over (?:de|het) (?:rand|reling|balustrade|brugleuning)"
         r"|in (?:zijn|haar|hun|een|de) (?:\w+ )?(?:auto|bus|busje|bestelbus|wagen) (?:te )?(?:trekken|sleuren|duwen)"
         r"|am boden|blutet|gegijzeld|gijzel\w*|" + FORCED_INTO_BOOT + r"|kay?d(?:e)?mmi\w*|kaysil (?:\w+ )?d?dem"
         r"|hostage|dwingen (?:\w+ ){1,3}(?:open|te)|(?:probeert|proberen) (?:[\w']+ ){1,3}af te schudden"
         r"|achtervolging|op de vlucht voor (?:de )?politie|police chase|springen|wil springen", life=1.0),
    # People at home make a fire an emergency; they do not make a fight in the street one.
    rule("life.occupied", r"(?:kinderen|kindjes|mensen|iemand|man|vrouw|bewoners) (?:zijn |zitten )?binnen"
         r"|(?:family|people|someone) (?:is |are )?(?:home|inside)"
         r"|(?:ze|zij|de buren|bewoners) (?:zijn|is) (?:nog )?thuis|(?:liggen|ligt) te slapen|slapen boven"
         r"|(?:kinderen|kids|mensen) (?:zijn|sind) drinnen|(?:people|kids|children) (?:are )?inside"
         r"|tin hende (?:ainda )?den|er wonen (?:nog )?mensen (?:boven|naast|in|erboven)|en is binnen"
         r"|i[cç]eride insanlar var",
         occupied=1.0),
    rule("time.today", r"vannacht|vanochtend|vanmorgen|vanmiddag|gisteravond|gisteren|gister|gisternacht|vandaag"
         r"|last night|yesterday|this morning|today|tonight|this evening|this afternoon|wczoraj|gestern|dun"
         r"|hier soir|ayer|ce matin|cette nuit|aujourd'hui|heute|dzisiaj|afgelopen nacht|vanmorge|fannacht|w nocy"
         r"|in der nacht|letzte nacht|dun gece|anoche|ontem|esta manana|вчора|вчера",
         past=1.0, today=1.0),
    rule("time.weekday", r"(?:afgelopen |vorige )?(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
         r"(?:avond|nacht|ochtend|middag)?", past=1.0),
    # Narrative past tense: the scene is being told afterwards, not watched.
    rule("time.past_tense", r"stond|stonden|liep|liepen|sloeg|sloegen|schopte|schopten|trok|trokken|zwaaide"
         r"|zwaaiden|bedreigde|bedreigden|stak|duwde|duwden|rende|renden|zat|zaten|was|waren"
         r"|(?:\d+|tien|vijf|ten|five|twenty) min(?:uten|utes|\.)? (?:ago|geleden)|saw (?:him|her|them|it)"
         r"|(?:kwartier|half uur|uur) geleden|(?:an|one|two|\d+) hours? ago", told=1.0),
    # Someone who lies in hospital, or whose wounds were stitched, was hurt before the message was written.
    rule("time.aftermath", r"(?:ligt|lag|liggen) (?:nu |nog )?in het ziekenhuis|in het ziekenhuis (?:beland|opgenomen)"
         r"|(?:is|was) (?:now )?in (?:the )?hospital|gehecht|hechtingen|stitches|f (?:l ?)?sbitar|fi sbitar"
         r"|(?:у|в) (?:лікарні|больнице)"
         # Safe again: whatever happened is over.
         r"|(?:is|zijn|ben) (?:nu |inmiddels |weer |gelukkig )?veilig(?: thuis| binnen)?\b|(?:is|are|am) (?:now )?safe"
         r"|safe at home"
         r"|(?:zit|zitten|is|zijn|ligt) (?:nu |nog )?(?:bij de (?:huisarts|dokter|eerste hulp|spoedeisende hulp)"
         r"|op de (?:eerste hulp|seh|spoedeisende hulp))", told=1.0, after=1.0),
    # The offender has left ("dader is uitgestapt", "is weggelopen richting"): told afterwards, though maybe just now.
    rule("time.gone", r"(?:is|zijn) (?:\w+ ){0,3}(?:uitgestapt|weggelopen|weggereden|weggerend|weggefietst|gevlucht)"
         r"|(?:liep|liepen|rende|renden|reed|reden|fietste|fietsten) (?:hij|ze|zij|die) weg"
         r"|(?:drove|ran|walked|rode|cycled) (?:off|away)", told=1.0),
    # Dumped drug waste is a trace left behind, like a break-in found afterwards: only a danger-now cue lets the model
    # call it an emergency.
    rule("time.trace", r"drugs ?afval|drug waste|(?:vaten|jerrycans|tonnen|barrels|drums) (?:\w+ ){0,4}(?:gedumpt"
         r"|achtergelaten|dumped|left)", trace=1.0),
    # A weapon found lying somewhere is evidence to collect, not someone armed.
    rule("time.found", r"(?:kogel|patroon)?hulzen (?:[\w,]+ ){0,5}(?:gevonden|opgeraapt)"
         r"|(?:mes|pistool|wapen|vuurwapen|kogels|munitie|revolver|granaat)\w* (?:\w+ ){0,4}"
         r"(?:gevonden|opgevist"
         r"|uit (?:het|de) (?:water|sloot|gracht|kanaal|\w+diep) gehaald)|(?:gevonden|opgevist|found) (?:\w+ ){0,3}"
         r"(?:een |a )?(?:mes|pistool|wapen|vuurwapen|revolver|gun|knife)"
         r"|(?:vond|vonden|vindt|vinden) (?:\w+ ){0,3}(?:een |a )?" + _WEAPON_LYING
         + r"|(?:ligt|liggen) (?:er )?(?:een |twee )?" + _WEAPON_LYING + r" (?:\w+ ){0,2}(?:in|onder|tussen) "
         + _DUMPING_PLACE
         + r"|(?:in|onder) " + _DUMPING_PLACE + r" (?:\S+ ){0,6}(?:ligt|liggen) (?:er )?(?:een |twee )?"
         + _WEAPON_LYING,
         told=1.0, after=1.0),
    # Once the police are there or someone is arrested, the danger is being handled or over.
    rule("time.handled", r"(?:de )?(?:politie|ambulance) (?:en (?:de )?ambulance )?(?:is|zijn) er (?:nu )?(?:al|nu)"
         r"|nu is (?:hij|ze|zij|die) (?:\w+ )?weg\b|(?:hij|ze|zij) (?:is|zijn) nu weg\b|police (?:is|are)"
         r" (?:already )?(?:there|here)|(?:is|was) (?:nu |al )?voorbij|(?:is|zijn) er net weg|in de boeien"
         r"|(?:is|zijn) (?:al )?(?:opgepakt|aangehouden)|van de weg gehaald"
         r"|hebben (?:hem|haar|ze) (?:al )?(?:opgepakt|meegenomen)"
         r"|ambulance heeft (?:hem|haar|ze|hen) (?:al )?(?:meegenomen|opgehaald|afgevoerd)"
         r"|al afgelopen|(?:en|hij|ze|zij|die|dader|daders) (?:is|zijn) (?:er )?(?:al |allang )?"
         r"(?:vandoor|ervandoor)\b|ervandoor"
         r"|ongedeerd|unharmed|(?:but )?i'?m (?:ok|okay|fine)\b|(?:he'?s|she'?s|they'?re) long gone"
         r"|(?:dat )?er niemand (?:meer )?binnen is|(?:no one|nobody)(?: is)? (?:still )?inside"
         r"|(?:is|zijn) nu (?:weer )?thuis|(?:wordt|worden) (?:nu )?(?:door (?:de )?(?:ambulance|ambulancepersoneel"
         r"|broeders)) (?:geholpen|verzorgd|behandeld|opgevangen)|(?<=jetzt )ist er (?:\w+ ){0,4}weg\b",
         told=1.0, after=1.0),
    # The police's own videos, in a complaint about them, are not the medium the incident is seen in.
    rule("media.police_videos", r"filmpjes? (?:te |gaan |zitten |lopen )?maken|tiktoks? (?:te )?maken"
         r"|(?:posten|plaatsen|maken) (?:\w+ )?(?:filmpjes|tiktoks|video'?s)"
         r"|(?:dansen|dansje\w*|dansjes doen) op tiktok|op tiktok (?:te |staan te )?dansen", complaint=1.0),
    # Violence seen in a video or message is evidence of an offence, not one in progress.
    rule("media.shared", r"video\w*|vid|live van|filmpje\w*|clip|gepost|posted|story|snap\w*|tiktok|livestream"
         r"|(?:een|a|insta|ig) live\b|live (?:op|on) (?:insta\w*|ig|tiktok|snap\w*|facebook|youtube)"
         r"|gaat rond|rondgaat|via (?:insta\w*|whatsapp|snap\w*|tiktok|facebook|dm|sms|de app|telefoon)|groepsapp",
         media=1.0),
    rule("time.future", r"morgen|overmorgen|volgende week|tomorrow|next week|komend weekend|straks", future=1.0),
    rule("time.old", r"vorige week|vorige maand|vorig jaar|weken geleden|maanden geleden|last (?:week|year|month)"
         r"|al \d+ weken|\w+ (?:weken|maanden) (?:terug|geleden)|(?:vorige|afgelopen) (?:zomer|winter|herfst|lente)"
         r"|in (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
         r"|(?:weeks|months) ago|vorig (?:voorjaar|najaar)|(?:a|one) (?:month|year) ago"
         r"|last (?:summer|spring|autumn|fall|winter|weekend)|jaar geleden|afgelopen weken|vorig weekend"
         r"|(?:in|tijdens) de (?:kerst|zomer|herfst|voorjaars|mei)vakantie", past=1.0, old=1.0),
    rule("time.recurring", r"afgelopen \w+|sinds \w+|al \w+ (?:dagen|weken|nachten)|al (?:een|1) (?:week|maand)"
         r"|elke \w+|every \w+"
         r"|al (?:de hele )?(?:dagen|weken)|vorige nacht|kol+ (?:nhar|lila|lil|sba7|3chiya)"
         r"|her (?:gun|gece|hafta|aksam)", past=1.0),
    rule("act.severe", r"schoten|geschoten|neergestoken|neergeschoten|steekpartij|schietpartij|overval\w*|bloedt",
         violent=1.0, severe=1.0),
    # Violence told in the present tense is happening as the citizen writes, unless the text dates it.
    rule("act.violent_present", r"slaat|slaan (?:hem|haar|iemand|op)|schopt|schoppen (?:hem|haar|iemand)|trapt|stampt"
         r"|steekt (?:op|in op|iemand|hem|haar)|wurgt|wurgen|trekt|trekken (?:hem|haar|iemand)|sleurt|sleuren|duwt"
         r"|zwaait|zwaaien|bedreigt|bedreigen|richt|schiet (?:op|in|iemand)|schieten op|mishandelt|vallen \w+ aan"
         r"|valt \w+ aan|houdt (?:een|het|zijn|zn) (?:mes|pistool|vuurwapen)|houden \w+ vast|houdt \w+ vast"
         r"|omsingeld|klem|choking|hitting|beating|stabbing|dragging|attacking|waving|kicking|punching|chasing"
         r"|(?:staat|staan|loopt|lopen|zit|zitten) (?:hier |daar |er )?(?:\w+ ){0,3}met (?:een |n |hun |zijn |zn )?"
         r"(?:mes|messen|pistool|vuurwapen|machete|bijl|knuppel|blaffer|waffie|kettingzaag)\w*"
         r"|" + HUNTING_PEOPLE +
         r"|gewapende (?:man|mannen|overval\w*)|armed (?:man|men|robbery)"
         r"|(?:hakt|hakken|beukt|beuken|ramt|rammen|trapt|trappen|bonkt|bonken) (?:\w+ ){0,3}(?:op|tegen|in) (?:de|onze"
         r"|mijn|m'n|mn|hun|haar|zijn) (?:voor|achter)?deur|(?:trekken|trekt) (?:\w+ ){0,2}van (?:de|hun|haar) (?:fiets"
         r"|scooter)|" + DONT_HIT + "|" + DARIJA_CHASING +
         r"|(?:bije|pobil\w*|dov(?:du|duler|uyor|uyorlar)\w*|frappe|golpea|persigu\w*|prugeln|schlagen|schiesst)",
         violent=1.0, acting=1.0),
    rule("act.violent", r"schiet\w*|knal(?!pot|pijp)\w*|steekt|gestoken|steken|sla(?:an|at)|slaat|geslagen|schoppen"
         r"|schopt|gooi\w* (?:met \w+ )?(?:\w+ ){0,3}naar (?:voorbijgangers|mensen|agenten|hulpverleners)"
         r"|stampen|stampt|trappen|trapt|getrapt|in elkaar|duwt|vecht\w*|zwaai\w*|te zwaaien|achter \w+ \w+ aan"
         r"|achterna|hitting|beating|stabbing|shooting|fighting|attacking|rent \w+ \w+ \w+ met|beroofd|beroven"
         r"|met (?:een |hun |z'?n |zijn )?(?:mes|messen|pistool|blaffer|waffies?|machete|bijl|knuppels?"
         r"|hamers?|vuurwapen)"
         r"|with (?:a )?(?:knife|knives|gun)|gaat achter|klappen|geklapt|bedreigt|achtervolgd|gevolgd"
         r"|(?:hij|ze|zij) (?:heeft|hebben) (?:een|n) (?:mes|pistool|vuurwapen|machete|bijl|wapen)\b", violent=1.0),
    # Inside a relative's home: whoever it is, they are in (listed before the general "binnen bij").
    rule("now.inside", r"(?:ze|er|hij|zij) (?:zijn|is|zit|zitten) (?:nu )?binnen bij", now=1.0, inside=1.0),
    rule("now.gone_in", r"(?:is|zijn) (?:net|zojuist|zonet|daarnet|nu) (?:\S+ ){0,6}naar binnen (?:gegaan|geklommen"
         r"|geglipt|gekropen|gestapt)|(?:ging|gingen|klom|klommen|glipte|glipten) (?:net|zojuist|zonet) (?:\S+ ){0,4}"
         r"naar binnen", now=1.0, inside=1.0),
    rule("act.inside_home", r"binnen bij (?:mijn|mn|m'n|haar|zijn|onze) (?:\w+ )?(?:moeder|vader|oma|opa|buurvrouw"
         r"|buurman|ouders)\b", inside=1.0, athome=1.0),
    rule("act.inside_room", r"(?:loopt|lopen|staat|staan|zit|zitten|is) (?:\S+ ){0,4}(?:door|in) (?:mijn|ons|onze|het"
         r"|de) (?:woonkamer|slaapkamer|keuken|huis|woning)\b|(?:is|are) hiding in|hay \w+ (?:\w+ )?"
         r"dentro de|versucht (?:\w+ ){0,3}\w*(?:t[uü]r|fenster)\w* (?:aufzu\w+|zu [oö]ffnen)"
         r"|(?:schijnt|schijnen) (?:\S+ ){0,5}(?:door|in) (?:de|het|hun) (?:woonkamer|huis|kamer)", inside=1.0, now=1.0,
         athome=1.0),
    rule("act.inside", r"nog binnen|zijn nu \w* ?binnen|binnen bij|zaklamp\w*(?! (?:\w+ )?naar\b)|breaking into"
         r"|probeert \w+ \w+ open"
         r"|(?:hoor|horen) (?:\w+ ){0,3}(?:glas|ruit|rommelen|gerommel|gestommel|voetstappen|breken)"
         r"|(?:lichtjes|lampjes|licht) (?:\w+ ){0,2}bewe\w*|ramkraak|rammen|plofkraak"
         r"|(?:zijn|staan|zitten|lopen|zie ik) (?:\w+ ){0,4}in (?:mijn|ons|onze|het|de) \w*(?:winkel|zaak|huis|woning"
         r"|schuur|garage|bedrijf|pand)"
         r"|open te breken|openbreken|openbreekt|klimmen|klimt|climbing|went in|iemand beneden|in ons huis"
         r"|in (?:our|my) (?:house|home|bedroom|apartment|flat)|flashlight"
         r"|wordt ingebroken", inside=1.0),
    rule("act.wrongway", r"spookrij\w*|spoekrid\w*|pod pr[aą]d|wrong[- ]way|ghost driver"
         r"|tegen (?:het verkeer|de rijrichting) in"
         r"|geisterfahrer\w*|ters yon\w*|contresens|sentido contrario"
         r"|verkeerde kant (?:op|van de)", wrongway=1.0),
    rule("act.drunk", r"zwalk\w*|dronken|drunk|slinger\w*|lijkt te slapen|in slaap|raakt (?:steeds )?de (?:vangrail"
         r"|berm)"
         r"|weaving|wasted|hammered|pijan\w*|betrunken\w*|sarhos\w*|borracho|ivre|zygzak\w*|zigue-?zague|bebad[oa]"
         r"|sokran|sakran"
         r"|uyuyor|savrulu\w*"
         r"|onder invloed", drunk=1.0),
    # "staat in brand", "ontploffen steeds dingen": burning now, whoever has called the fire brigade.
    rule("act.burning", r"(?:staat|staan) (?:nu )?in (?:de )?(?:brand|fik)|(?:is|are) on fire"
         r"|ontploff(?:en|t) (?:nog )?(?:steeds|nu)|ontploffen (?:er )?(?:steeds )?dingen|in lichterlaaie"
         r"|(?:vuur|brand) (?:slaat|gaat) (?:zo |al )?over|(?:gaat|slaat) (?:zo |al )?over (?:op|naar)|staat vol rook"
         r"|p[lł]onie|p[lł]on[aą]|alevler\w*|brandt (?:richting|naar)"
         r"|(?:is|zijn) (?:er )?(?:net )?(?:eentje )?gaan branden"
         r"|smoke (?:is )?coming (?:out|from)|e \w+ ta yen di huma|prendiendo fuego|ardiendo|llamas llegan"
         r"|yang[iı]n ba[sş]l[iı]yor|duman [cç][iı]k[iı]yor|دخان\w* (?:\w+ )?يخرج|kayn dkhan"
         r"|(?:enorme|harde|grote) (?:knal|klap|explosie) (?:\S+ ){0,3}(?:brand|vlammen)"
         r"|vlammen (?:gaan|slaan|komen) (?:al )?(?:tegen|naar|over|uit|tot)"
         r"|rauchmelder (?:\w+ )?piept|rookmelder\w* (?:gaat|gaan|piept|piepen)|smoke alarm (?:is )?(?:going|beeping)",
         fire=1.0, now=1.0),
    rule("act.fire", r"in brand|vlammen|fire(?! drill| exit| lane| door)|brand|ik (?:zie|ruik) (?:\w+ )?(?:rook|brand)"
         r"|veel rook|zwarte rook"
         r"|rookwolk\w*|rook (?:\w+ ){0,2}uit (?:het|de|een|hun|ons) (?:\w+ )?(?:raam|ramen|woning|huis|dak|flat|gebouw"
         r"|school|gymzaal)"
         r"|smoke (?:coming )?(?:out of|from)"
         r"|uit (?:het|de) (?:\w+ )?(?:dak|raam|ramen|woning|loods|schuur|huis) (?:komt|komen|kwam) (?:\w+ )?"
         r"(?:rook|vlammen)", fire=1.0),
    # Setting a fire, told in the present tense.
    rule("act.arson", r"aansteker|benzine (?:over|tegen|door|in)|giet (?:\w+ ){0,5}(?:over|tegen|door)"
         r"|steekt (?:\S+ ){0,8}in brand|steken (?:\S+ ){0,8}in brand|atese ver\w*"
         r"|(?:gooit|gooien|gooide|gooiden) (?:een |n )?(?:fles|molotov\w*|brandbom|brandende \w+) (?:\S+ ){0,3}"
         r"(?:door|in|naar|tegen) (?:het|de|een|hun|haar|zijn) (?:raam|ramen|deur|voordeur|woning|huis|brievenbus)"
         r"|ch3l\w* (?:l)?3afya|pega kandela"
         r"|set(?:s|ting)? fire|pouring (?:petrol|gas)"
         r"|podpal\w*|z[uü]nde[tn] (?:\w+ ){0,3}an|steekt (?:\w+ ){0,3}in de fik|steken (?:\w+ ){0,3}in de fik"
         r"|brandend\w* (?:\w+ ){0,2}(?:door|in) (?:de|haar|zijn|hun|onze|mijn) brievenbus"
         r"(?! (?:\w+ )?(?:geduwd|gegooid|gestopt|gestoken|gepropt))",
         fire=1.0, arson=1.0),
    # Stones, bottles or heavy fireworks thrown at trains, boats, cars, houses or people: danger while it goes on
    # (eggs against a window are not in this list).
    rule("act.pelting", r"(?:stenen|stoeptegels|flessen|steine[n]?|stones|rocks|bricks|vuurwerk|nitraten|vuurpijlen"
         r"|fireworks|firecrackers|havai fi[sş]ek\w*|cobra'?s)(?: \w+){0,4}"
         r" (?:naar|op|tegen|auf|at|onder|den|in|into|onto) (?:\w+ ){0,3}"
         r"(?:trein\w*|auto'?s|geparkeerde|boten|boot|\w*boote|bus|bussen|mensen|voorbijgangers|cars|people|train"
         r"|huizen|kinderen|agenten|trapi|moskee|kerk|mosque|church|house|houses|brandweer\w*|ambulance\w*"
         r"|hulpverleners|firefighters)"
         r"|(?:vuurwerkbom\w*|cobra'?s|nitraten|zwaar vuurwerk) (?:\S+ ){0,8}(?:steken|steekt) (?:hem|ze|het|die) aan"
         r"|werfen (?:\w+ )?b[oö]ller|7tto cobra"
         r"|camiye (?:\w+ ){0,3}at[iı]yor", pelting=1.0),
    # A theft being committed as the citizen watches: sawing, loading up, sitting behind the wheel already.
    rule("act.relay_theft", r"(?:staan|staat|zijn|is|zitten|zit) (?:\w+ ){0,3}bij (?:mijn|mn|m'n|onze|de|het|zijn"
         r"|haar) (?:auto|busje|bus|scooter|motor|tesla|bmw|audi|mercedes|volkswagen)\b(?: \S+){0,6} met "
         r"(?:zo'?n |een )?(?:kastje|laptop|slijptol|koevoet|breekijzer)", inside=1.0, now=1.0),
    rule("act.being_stolen", r"(?:wordt|worden) (?:nu |net |op dit moment )?(?:(?:een|de|het|mijn|mn|onze|zijn|haar"
         r"|hun) (?:\w+ )?\w+ )?(?:gestolen|gejat|meegenomen)"
         r"|(?:is|are) being stolen", inside=1.0, now=1.0),
    rule("act.stealing_vehicle", r"(?:hangen|hangt|koppelen|koppelt) (?:\S+ ){0,8}achter (?:een|de|hun|zijn) (?:\w+ )?"
         r"(?:pick-?up|auto|bus|busje|truck|jeep)|(?:tappen|tapt) (?:\w+ ){0,3}(?:diesel|benzine|brandstof) af"
         r"|rijdt ermee weg|rijden ermee weg|wird (?:\S+ ){0,6}gestohlen", inside=1.0, now=1.0),
    rule("act.stealing", r"(?:ze|hij|zij) (?:zagen|zaagt|slijpen|slijpt) (?:nu |net )?(?:\w+ ){0,2}"
         r"(?:katalysator|slot|sloten|ketting|kettingen)\w*|(?:slot|sloten|ketting|kettingen|beugels?) (?:door|los) te"
         r" (?:slijpen|zagen|knippen)|estan (?:robando|subiendo|cargando)|trying (?:the )?(?:\w+ )?(?:windows?"
         r"|skylights?|back door|balcony door)"
         r"|(?:staat|staan|zit|zitten|zijn|is) (?:\w+ ){0,6}(?:te zagen|te slijpen|aan het zagen"
         r"|aan het slijpen|in te laden|aan het (?:in)?laden)|(?:laden|sjouwen) (?:\w+ ){0,6}(?:in|op) (?:een|de|hun)"
         r" (?:aanhanger|bus|busje|bestelbus|auto)|(?:zit|zitten) (?:er )?(?:al )?(?:eentje |een )?achter het stuur"
         r"|zitten ze er al in|met (?:een )?slijptol (?:te )?(?:werken|bezig|aan)|(?:lopen|loopt) (?:\w+ ){0,3}naar"
         r" binnen en (?:naar )?buiten|(?:is|are) (?:\w+ )?stealing|jumped into my car|[cç]al[iı]yor\w*"
         r"|(?:they'?re|are|is|he'?s) (?:\w+ )?(?:sawing|cutting)|still under (?:there|it|the car)"
         r"|" + AT_THE_WINDOW +
         r"|(?:met|with) (?:een |a )?(?:koevoet|breekijzer|crowbar|schroevendraaier) (?:\w+ ){0,3}(?:bij|aan|at)"
         r" (?:de|het|een|the) (?:achter|voor|balkon|keuken|kelder)?(?:deur|raam|door|window)"
         r"|(?:klimt|klimmen) (?:\w+ ){0,4}(?:naar|over|op|via|in) (?:het|de|een) (?:balkon|raam|dak|regenpijp"
         r"|schutting)"
         r"|carrying (?:\w+ ){0,2}out"
         r"|" + ALREADY_IN +
         r"|(?<=wlasnie )kradn\w*|(?<=teraz )kradn\w*|kradn\w* (?:\w+ ){0,2}(?:wlasnie|teraz)"
         r"|(?:evime|evine|eve|evimize|evlerine) (?:\S+ ){0,3}girdi\w*|iceride|alt katta dola[sş]\w*"
         r"|kesiyor|y[uü]kl[uü]yor|(?:are|is) loading (?:\w+ ){0,4}into|unzipping|ta h[oò]rta"
         r"|klaut (?:jemand|einer|er|sie)|klau\w* gerade"
         r"|ch(?:e)?fro daba|aan het (?:openmaken|openbreken|slopen|forceren|wrikken)|pr[oó]buje otworzy[cć]"
         r"|(?:hangt|klimt) (?:een man|iemand|een jongen|hij) (?:\S+ ){0,5}(?:balkon|gevel)\w*"
         r"|ze (?:stelen|jatten|pakken) (?:hem|m|haar|mijn \w+|onze \w+)\b|kay(?:7ml|hml)\w*",
         inside=1.0, now=1.0),
    # A fraud being committed as the citizen writes: on the phone with the scammer, the screen taken over, money going.
    rule("act.scam_live", r"(?:is|zit|zijn|ben) (?:nu |op dit moment |still |al \w+ (?:uur|min\w*) )?(?:aan de telefoon"
         r"|on the phone|aan het bellen)\b|(?:is|are) (?:\w+ ){0,2}(?:transferring|logging into)|live gescamd"
         r"|(?:scherm|screen) (?:\w+ )?overgenomen|(?:aan het|is) (?:geld )?overmaken|transferring (?:everything|money"
         r"|all)|przelewa\w*|na telefonie|geld van (?:haar|zijn|mijn) rekening (?:\w+ ){0,2}gaan|laten me niet gaan"
         r"|(?:kartını|kartini) (?:\w+ ){0,2}kesiyor|(?:op weg|onderweg) naar de bank"
         r"|on (?:his|her|the) way to the bank|(?:met|with) (?:\S+ ){0,3}aan de telefoon|aan de telefoon met"
         r"|(?:zit|is|zijn) (?:nog |nu )?(?:steeds )?aan de lijn met|telefonda|aktar[iı]yor|на телефоні|на телефоне"
         r"|(?:aan|bij) de balie van de bank",
         scam_live=1.0),
    # Blocked while the responders are on a call or the building is being evacuated: the life behind it counts.
    rule("act.at_station_exit", r"(?:voor|for) de uitrit van de brandweer\w*", station=1.0),
    rule("act.responding", r"sirenes? (?:gaan|gaat|loeien|aan)|(?:de )?pieper (?:is )?(?:gegaan|gaat)"
         r"|sirens? (?:going|on)|with sirens|(?:met )?zwaailicht\w*|(?:met )?loeiende sirene|brandalarm (?:\w+ )?"
         r"(?:gaat|afgaat|loeit)|fire alarm (?:is )?(?:going|ringing)|drukken tegen de deur", responding=1.0),
    # A person in danger of life without any violence: a missing young child, someone about to jump.
    rule("life.missing", r"(?:kind|kindje|dochter|dochtertje|zoon|zoontje|meisje|jongetje|kleine)(?: van \d+| \d+)?"
         r"(?: \(\d+\)| \d+ ?(?:jr|jaar))? (?:is )?(?:weg|kwijt|vermist|zoek)"
         r"|dement\w*\W+(?:\w+\W+){0,6}(?:weg|vermist|zoek|kwijt)|(?:we )?zoeken (?:al|overal)"
         r"|missing (?:child|kid|son|daughter|girl|boy)"
         r"|is vermist|staat op (?:de rand|het dak|de brug)|op de rand van"
         r"|leunt (?:steeds )?(?:verder )?(?:naar )?voren"
         r"|wil springen|dreigt te springen|about to jump|(?:gooien|gooit) (?:\w+ ){0,3}(?:van|vanaf) (?:het|de) "
         r"(?:viaduct|brug)|van het viaduct"
         # A small child or a baby shut in a car, people locked in a lorry.
         r"|(?:baby|kindje|peuter|kleuter)\w* (?:\w+ ){0,2}in (?:een|de|a|the) (?:\w+ )?(?:auto|car)\b"
         r"|(?:gestolen|stolen|gejat|meegenomen) met (?:mijn|mn|m'n|haar|zijn) (?:dochter|zoon|kind|baby)\w*"
         r"(?: \(\d+\)| van \d+)? (?:nog )?(?:achterin|erin)"
         r"|(?:mensen|people) (?:\w+ ){0,2}in (?:de|een|the) (?:laadruimte|vrachtwagen|container|truck|trailer)"
         r"|(?:geklop|gebonk|geschreeuw) (?:\w+ ){0,3}uit (?:een|de) (?:vrachtwagen|container|laadruimte)", life=1.0),
    # A caller posing as the bank or a utility who is inside an older person's home now: a crime in progress there
    # (one still at the door is not yet: most desks call that high).
    rule("act.at_home", r"bij (?:mijn|mn|m'n|haar|zijn|onze|de) (?:\w+ )?(?:moeder|vader|oma|opa|buurvrouw|buurman"
         r"|ouders|tante|oom)(?: \(\d+\)| van \d+)? (?:\w+ )?(?:binnen|in huis|aan tafel)|paden (?:e )?kas"
         r"|bij (?:haar|hem|hen|ons) in (?:de|het) (?:keuken|woonkamer|huis|kamer)"
         r"|(?:zit|zitten) (?:\w+ ){0,4}bij (?:mijn|mn|m'n|haar|zijn|onze) (?:\w+ )?(?:moeder|vader|oma|opa"
         r"|buurvrouw|buurman|ouders|tante|oom)\b|in (?:zijn|haar|hun) (?:keuken|huis|woonkamer)"
         r"|(?:zit|staat) (?:\S+ ){0,8}aan (?:de keuken)?tafel|(?:man|vrouw) is er nog"
         r"|(?:staat|zit|is|zijn) (?:nu |op dit moment )?(?:\S+ ){0,3}bij (?:haar|hem|hen|mijn|ons) (?:binnen"
         r"|in (?:de|het) (?:keuken|woonkamer|huis))",
         athome=1.0, inside=1.0),
    # A fake bank or police man at an older person's door now, collecting cards or cash: most authors of the newest
    # sets call that an emergency too (the earlier ones called it high).
    rule("act.at_door", r"(?:staat|staan) (?:nu |op dit moment )?(?:\S+ ){0,3}(?:bij|aan) (?:mijn|mn|m'n|haar|zijn|onze"
         r"|de) (?:\w+ )?(?:moeder|vader|oma|opa|buurvrouw|buurman|ouders|tante|oom)(?: \(\d+\)| van \d+)? (?:\w+ )?"
         r"(?:aan|voor) de deur|(?:is|are|man|woman|someone|guy) (?:\w+ )?at (?:my|his|her|our) (?:\w+'s )?"
         r"(?:front )?door|(?:is|are) letting (?:him|them|her) in"
         r"|stoi pod (?:jej|jego|moimi|naszymi) drzwiami|wpuszcza|(?:na|den) porta di (?:mi|su|nos) \w+"
         r"|(?:de )?deurbel gaat (?:net|nu)", athome=1.0),
    # A child being lured into a vehicle.
    rule("life.luring", r"(?:kinderen|kind|kindje|meisje|jongetje|kids?|child|my \d+ ?yo)\w* (?:\w+ ){0,4}in (?:de|zijn"
         r"|een|haar) (?:auto|bus|busje|car|van) te (?:krijgen|lokken|trekken)|asked (?:\w+ ){0,3}to get in"
         r"|in (?:de|zijn|een) (?:auto|bus|busje) te (?:krijgen|lokken)"
         r"|(?:auto|bus|busje|bestelbus|car|van) in te (?:praten|lokken|trekken|sleuren|krijgen)"
         r"|(?:roept|zegt|vraagt|roepen) (?:\w+ ){0,3}(?:dat ze )?(?:moeten |moet )?instappen"
         r"|telling (?:them|her|him|the kids) to get in"
         r"|lokt (?:\w+ ){0,6}naar (?:zijn|zn|z'n|de|een) (?:auto|bus|busje|van)"
         r"|(?:kinderen|kind\w*|meisjes?|jongetjes?) (?:\S+ ){0,8}mee te lokken"
         r"|roept (?:nu )?(?:een|het|mijn) (?:meisje|jongetje|kind\w*) naar (?:zijn|zn|z'n|het|de)"
         r" (?:raam|auto|bus|busje)"
         r"|probeer\w* (?:net |zojuist )?(?:een|het|mijn|ons|haar|zijn) (?:meisje|jongetje|kind\w*|dochter|zoon)"
         r" (?:\w+ ){0,4}mee te (?:trekken|nemen|sleuren|lokken)", child=1.0, lure=1.0),
    # Something or someone on the railway with trains coming.
    rule("life.track", r"(?:midden )?op (?:de|het) (?:spoorwegovergang|overweg|rails|spoor)\b"
         r"|on the (?:tram ?)?(?:tracks|railway|level crossing)|op (?:de|het) (?:trambaan|tramrails)|na torach\w*",
         track=1.0),
    rule("life.train_coming", r"(?:trein|treinen|train|tram)\w* (?:\w+ ){0,4}(?:langs|aan|coming)|(?:de )?bellen gaan"
         r"|(?:bomen|spoorbomen|slagbomen|barriers) (?:\w+ ){0,2}(?:dicht|omlaag|naar beneden|down|closing)"
         r"|nadje[zż]d[zż]a"
         r"|(?:slag|spoor)bomen", train=1.0),
    # Someone forced into a vehicle, in other words or languages.
    rule("life.abducted", r"forc(?:ing|es|ed) (?:a |the )?(?:woman|man|girl|boy|child|kid|someone) into"
         r"|dragg(?:ing|ed) (?:\w+ ){0,3}into|pulled into (?:a|the) (?:car|van)|wciag\w* (?:\w+ )?do (?:samochodu|auta)"
         r"|sleurt (?:\w+ ){0,3}mee|meegesleurd", life=1.0),
    # A weapon in someone's hands while they threaten or give orders: danger now, whatever the tense words.
    rule("act.armed", r"(?:heeft|has|hebben|have|houdt|holds) (?:een |a |zijn |his |n )?(?:mes|pistool|vuurwapen|gun"
         r"|knife|wapen|machete|bijl)\w*(?: in \w+ hand)? (?:en|and) (?:zegt|dreigt|says|threatens|roept|schreeuwt)"
         r"|met (?:een|zijn|n) (?:geweer|pistool|vuurwapen|mes|machete|bijl) (?:\w+ ){0,3}(?:binnengelopen"
         r"|binnengekomen"
         r"|naar binnen)|menace\w*|court apres|poursuit|persigue\w*",
         violent=1.0, acting=1.0),
    # A threat of what is still to come ("dat hij mijn huis in de fik gaat steken"): nothing is happening yet.
    rule("threat.arson", r"(?:in de fik|in brand) (?:gaat|gaan|zal|zullen) steken|(?:gaat|gaan|zal"
         r"|zullen) (?:\w+ ){0,3}"
         r"(?:in de fik|in brand) steken", threat=1.0, future=1.0),
    rule("high.threat", r"bedreig\w*|dreig\w*|afmaken|jij bent dood|ben jij dood|ik weet waar je woont|pas maar op"
         r"|weet (?:ik|we) je te vinden|ik vind je|je gaat eraan|i know where you live"
         r"|gaat steken|threat\w*|gestalkt|stalk\w*|achtervolgt|(?:we|wij) weten waar (?:je|jij|u|jullie) wo\w+"
         r"|spijt (?:van )?(?:gaat |zal )?krijgen|(?:dan )?(?:wel )?zie(?:t|n)? wat er (?:gaat )?gebeur\w*"
         r"|(?:in de fik|in brand) (?:\w+ )?steken", threat=1.0),
    rule("high.discovered", r"ontdekt\w*|thuisgekomen|thuiskwamen|(?:komen|kwamen|kom|kwam) (?:net )?terug"
         r"|net thuis|er net achter|achter gekomen|got back|came (?:back|home)"
         r"|got home|(?:has|had) been inside|net terug|came home to|just found|eve geldi\w*|bleek|bleken"
         r"|(?:kom|kwam) (?:net|vanochtend|vanmorgen) (?:aan )?bij (?:mijn|mn|m'n|onze|ons)\b",
         discovered=1.0),
    rule("normal.car_breakin", r"(?:auto|bus|busje)'?s? (?:\w+ ){0,2}opengebroken|zijruit|navigatie"
         r"|car (?:was |got )?broken into|broke into (?:my|our|the) car|ruit van (?:onze|mijn|de|m'?n|zijn) auto"
         r"|raampje van (?:onze|mijn|de|m'?n|zijn) auto|(?:auto|wagen) aufgebrochen|in de auto (?:van \w+ )?geweest"
         r"|window smashed|araba\w* cam\w*", car=1.0),
    rule("high.school", r"school\w*|lyceum|gymnasium|mavo|havo|vwo|vmbo|brugklas\w*|basisschool|klas|college"
         r"|leerlingen|scholieren|pupils|students"
         r"|\w+school", school=1.0),
    # Cards or valuables handed to someone at the door: the account can still be blocked today.
    rule("high.fraud_loss", r"pinpas\w*|bankpas\w*|pas (?:meegegeven|afgegeven)|koerier|veilige rekening|kluisrekening"
         r"|pasjes|safe account|(?:haar|zijn|mijn|je|de|hun) (?:bank)?passen"
         r"|bank ?cards?|debit cards?|pick up (?:his|her|my|the) (?:\w+ )?cards?", loss=1.0),
    rule("normal.attempt", r"geprobeerd|poging\w*|probeerde\w*|tried to|proberen te (?:wrikken|openen|forceren)"
         r"|(?:er )?niet (?:naar )?(?:in|binnen) ?gekomen|didn'?t get in|gemorreld|krasjes|krassen|te wrikken"
         r"|binnen is (?:niets|niks)|hat (?:\w+ )?versucht|hebelspuren", attempt=1.0),
    # The citizen only wants it known: an old or small matter, told for the record.
    rule("low.informing", r"(?:wil|wilde|wou) (?:het|dit) (?:\w+ ){0,3}(?:melden|gemeld hebben|laten weten)"
         r"|ter info\w*|zur info|fyi|just to let you know|for your information|heeft dat (?:nu )?(?:nog )?zin"
         r"|is it (?:still )?worth reporting", informing=1.0),
    rule("high.child", r"(?:spreekt|spreken) (?:\w+ )?kinderen aan|kinderen aan(?:spreken)?|snoep aan|naar meisjes"
         r"|snoep (?:uit)?(?:deelt|delen|wilde|wil|geeft)|mee (?:willen|wilde|wil|wou) (?:rijden|gaan|komen)"
         r"|(?:filmt|filmen|fotografeert) (?:de )?(?:kinderen|meisjes)|(?:sprak|spreekt) (?:\w+ ){0,2}(?:meisjes"
         r"|jongens|kinderen) aan|naar de kinderen (?:te )?(?:kijken|kijkt|staren|staart)"
         r"|foto'?s (?:te )?ma\w* van (?:de )?kinderen|(?:aangesproken|gevraagd) of (?:hij|ze|zij) mee (?:wilde|wou)"
         r"|(?:wil|wilde|wou) (?:hij|ze|zij) mee|puppy|(?:te )?lokken|gelokt|lokt|lokte",
         child=1.0),
    rule("high.inprogress", r"komt zo|staat op het punt|vandaag niet|ophalen", inprogress=1.0),
    # An explosion: happening now, or told afterwards ("vannacht een explosie bij de shisha lounge, alle ramen eruit").
    rule("life.blast", r"explosie\w*", object=1.0, blast=1.0),
    # Something that may explode: wires sticking out, a grenade, a bomb; still there, whenever it was found.
    rule("life.explosive", r"draden|draadjes|wires|(?:hand)?granaat|bom|bomb|explosief\w*"
         r"|knippert (?:een |er een )?(?:\w+ )?lampje",
         object=1.0, explosive=1.0),
    rule("high.object", r"koffer|koffertje|onbeheerd\w*|unattended|verdacht pakket|dicht ?geplakt met tape"
         r"|zonder eigenaar"
         r"|(?:rugzak|tas|sporttas|rolkoffer|pakket|doos|suitcase|bag|backpack)(?:je)? (?:\w+,? ){0,10}"
         r"(?:niemand (?:in de buurt|erbij|haalt|komt)|nobody(?:'s| is)? (?:around|claims)|no one around|on its own"
         r"|alleen op|zonder eigenaar)", object=1.0),
    # Someone trying door handles or prowling masked: urgent while it is going on.
    rule("high.prowling", r"(?:voelen|voelt|trekken|trekt|drukken|drukt|rammelen|rammelt) (?:\w+ ){0,4}"
         r"(?:klink|klinken|deurklink\w*|deurhendel\w*|poortjes|deuren|voordeuren|autodeuren)"
         r"|aan (?:de|alle) (?:klink|klinken|deurklinken|voordeuren|deuren|autodeuren|poortjes) (?:\w+ )?(?:te )?"
         r"(?:voelen|trekken|rammelen)|bivakmuts\w*|bivak"
         r"|balaclava\w*|trying (?:all )?(?:the )?(?:car )?doors|intentando abrir", prowl=1.0),
    rule("high.sextortion", r"naaktfoto\w*|nudes|verspreiden|verspreidt|gechanteerd|chanteert|chantage"
         r"|(?:foto'?s|fotos|filmpjes?|video|beelden) (?:\w+ ){0,5}(?:naar|to) (?:al )?(?:mijn|mn|m'n|my)"
         r" (?:contacten|school|ouders|familie|contacts)|or the video|als ik (?:\w+ ){0,2}(?:niet|geen) (?:\w+ ){0,6}"
         r"(?:betaal|overmaak|stuur)|if i don'?t pay|unless i pay",
         sextortion=1.0),
    rule("low.request", r"snelheidscontrole\w*|controle|controleren|gecontroleerd|handhaving|flits\w*|geflitst"
         r"|speed ?checks?|toezicht|check\b|checken|laser\w*|langs (?:willen )?komen|eens \w+ kijken|handhaven"
         r"|komen kijken|iemand (?:\w+ )?kijken|(?:eens|een keer|keer) (?:\w+ )?(?:gaan )?staan|langsrijden|langsgaan"
         r"|(?:eens|een keer) (?:iemand )?langs|letten op|sprawdza\w*|kontrol\w*|meten|gemeten|posten|rondrijden"
         r"|doe er (?:eens )?(?:wat|iets) aan|(?:eens|een keer) kijken(?: naar)?|look into it|verkeerscontrole\w*"
         r"|kiek'?n", check=1.0),
    # Damage, and dumped waste that is dangerous, are more than a minor nuisance.
    rule("low.damage", r"kapot\w*|stenen|vernield|lek gestoken|ingegooid|gebarsten|gesprongen|vuurwerk\w*"
         r"|asbest\w*|chemisch\w*"
         r"|nitra\w*|cobra\w*|fik|ingetrapt|omgetrapt|uitgetrokken|ingeslagen|hakenkruis\w*|\w*monument"
         r"|(?:fles|flessen|flesjes|blikjes|eieren) (?:\w+ ){0,3}(?:tegen|naar|door|over) (?:\w+ ){0,3}(?:ramen|raam"
         r"|ruit|ruiten|voorbijgangers|mensen|tuin|schutting)", damage=1.0),
    rule("low.minor", r"graffiti|afval|dumpt|vuilniszak\w*|muziek|herrie|schreeuw\w*|fissa|rommel|poepzak\w*"
         r"|vuilnisbak\w*|eieren|lachgas\w*|ballonnen|loud music|music|parties|partying|noise"
         r"|gedumpt|dumpen|dumping|huisvuil\w*|matras\w*|bouwafval|grofvuil|feest\w*|party|bassen|boombox\w*"
         r"|tags?|getagd|volgespoten|beklad\w*|\w*gekalkt|knalpot\w*|knalpijp\w*|lawaai\w*|toeter\w*|blaft|blaffen"
         r"|barking|bladblazer\w*|geschreeuw|troep|blikjes|flesjes|belletje trekken|housemuziek|voetbal\w*|stickers?"
         r"|\w*alarm|rotjes|karaoke|live ?muziek|live music|glasbak\w*|loeien|rondjes (?:draaien|rijden)",
         minor=1.0),
    rule("low.reported", r"wil\w* (?:het |dit )?(?:even |in ieder geval )?melden|opgehangen|pretty sure it'?s fake"
         r"|is this real|voor de zekerheid|staat al \d+ weken|bij deze gemeld|nice try|nep toch|is dit nep"
         r"|is dit oplichting|is this a scam|niet (?:betaald|geklikt|overgemaakt|ingetrapt)|(?:niks|niets) betaald"
         r"|didn'?t (?:pay|click|do it|fall for it)|did not (?:pay|click)"
         r"|(?:heb|hebben) (?:hem|het nummer|ze) geblokkeerd|blocked (?:the number|him|them)"
         r"|gelukkig (?:eerst|niet|op tijd)|hung up|ik reageer (?:er )?niet|(?:heb|had) niet gereageerd"
         r"|didn'?t respond|did not respond", reported=1.0),
    # The writer says it is minor: "geen schade", "niet gevaarlijk", "klein dingetje", "voor jullie statistiek".
    rule("low.said_minor", r"niet (?:heel |zo |echt )?erg|geen (?:grote )?schade|(?:niks|niets) ernstigs"
         r"|klein (?:ding|dingetje)|kleinigheid|small thing|not dangerous|niet gevaarlijk|niemand in gevaar|geen kwaad"
         r"|(?:nog )?(?:niks|niets) gebeurd|niet op mensen gericht|misschien (?:is het )?(?:niks|niets)"
         r"|voor (?:jullie|de) (?:statistiek|overzicht|administratie|volledigheid)|niemand geraakt"
         r"|no one (?:was )?hurt|nobody (?:was )?hurt|just annoying|gewoon irritant|niet op (?:\w+ )?geklikt"
         r"|nergens op geklikt|didn'?t reply|(?:niks|niets) mee gedaan", minor_said=1.0),
    # Progressive present ("staan te vechten", "is aan het"): only a cue for the trained emergency head.
    rule("now.progressive", r"(?:is|zijn|staat|staan|zit|zitten|ligt|liggen|loopt|lopen) (?:nu )?(?:aan het|te) \w+"
         r"|(?:is|zijn) (?:nu )?bezig|gaande|still (?:inside|there|going)|happening", present=1.0),
    # Arabic script: now, help, attacks, breaking a door in, screaming, and yesterday or every evening.
    rule("now.arabic", ARABIC_NOW, now=1.0),
    rule("now.plea_arabic", ARABIC_PLEA, plea=1.0),
    rule("act.violent_darija", DARIJA_HITTING, violent=1.0),
    # English present participles after their subject: the scene is being watched.
    rule("now.english_progressive", r"(?:is|are|someone|man|guy|guys|men|people|woman|they|he|she) (?:\w+ ){0,2}"
         r"(?:chasing|hitting|beating|kicking|stabbing|attacking|punching|dragging|strangling|choking)",
         now=1.0, violent=1.0),
    rule("act.violent_arabic", r"(?:و|س)?(?:ي|ت)(?:ضرب|هدد|طعن|هاجم)\w*", violent=1.0),
    rule("act.inside_arabic", r"(?:يكسرون|يكسر|يحاول كسر|يقتحم\w*) (?:ال)?باب\w*|يحاول فتح", inside=1.0),
    rule("life.arabic", r"صراخ\w*|(?:ت|ي)صرخ|ينزف|نزيف|يرتجف", life=1.0),
    rule("time.arabic", r"أمس|امس|البارحة|الليلة الماضية|صباح اليوم|مساء أمس", past=1.0, today=1.0),
    rule("time.recurring_arabic", r"كل (?:يوم|ليلة|مساء|مرة)|منذ", past=1.0),
    # Arabic: unconscious or barely breathing.
    rule("life.arabic_medical", r"فاقد (?:ال)?وعي|فقد (?:ال)?وعي|تنفس\w* ضعيف|لا يتنفس", life=1.0),
    # Someone (a fake official) inside a parent's or grandparent's home, in Arabic, German, Turkish and Ukrainian or
    # Russian.
    rule("act.at_home_other_language", r"في (?:بيت|منزل|شقة) (?:جدتي|جدي|أمي|امي|أبي|ابي|والدي|والدتي)"
         r"|bei (?:meiner|meinem|unserer|unserem) (?:\w+ )?(?:mutter|vater|oma|opa|nachbarin|nachbar)\w*"
         r"(?: \(\d+\))? (?:\w+ ){0,3}im (?:haus|wohnzimmer|schlafzimmer|k[uü]che)"
         r"|(?:babaannemin|anneannemin|annemin|babamin|dedemin|ninemin) evinde"
         r"|(?:у|в) квартир[іие] (?:моєї|мого|моей|моего)", athome=1.0, inside=1.0),
    # Ukrainian and Russian: now, pleas, screams and blood, fire spreading, beating or chasing, yesterday and today.
    rule("now.cyrillic", r"зараз|сейчас|прямо зараз", now=1.0),
    rule("now.plea_cyrillic", r"допоможіть|помогите|терміново|срочно|боюся|боюсь|приїжджайте|приезжайте", plea=1.0),
    rule("life.cyrillic", r"кричить|кричит|кров\w*|не дихає|не дышит", life=1.0),
    rule("act.burning_cyrillic", r"(?:вогонь|пожежа|огонь) (?:\w+ )?(?:перекину|діста|доход|досяга)\w*|горить|горит"
         r"|загорі\w*|загорел\w*", fire=1.0, now=1.0),
    rule("act.violent_cyrillic", CYRILLIC_BEATING, violent=1.0, acting=1.0),
    rule("act.stealing_cyrillic", r"перерізає|перерезает|викрадають|угоняют|крадуть|крадут", inside=1.0, now=1.0),
    rule("time.cyrillic", r"сьогодні|сегодня|вчора|вчера|вранці", past=1.0, today=1.0),
])  # fmt: skip

# Flags that say "this is happening now or someone is in danger", whatever the past-tense words.
_NOW_FLAGS = frozenset({"now", "plea", "life", "wrongway"})
# Flags that mean danger whatever the tense or medium.
_LIFE_FLAGS = frozenset({"life", "wrongway"})
# Flags that say so only when nothing in the text places the event in the past.
_FRESH_FLAGS = frozenset({"violent", "inside", "recent", "fire", "present", "inprogress", "witness"})


@dataclass(frozen=True, slots=True)
class UrgencyDecision:
    """The urgency, a short reason naming the rule that decided it, and its evidence."""

    urgency: Urgency
    reason: str
    evidence: tuple[Span, ...]
    # Present-tense or danger cues: a confident emergency model may only upgrade when there are some.
    danger_now: tuple[Hit, ...] = ()
    # The text places the event in the past, in a shared video or in the future, or tells a break-in found afterwards
    # or waste dumped: even a very confident model may not upgrade without a danger-now cue.
    dated: bool = False


def _flags(hits: list[Hit]) -> dict[str, list[Hit]]:
    flags: dict[str, list[Hit]] = {}
    for hit in hits:
        for label, _ in hit.rule.weights:
            flags.setdefault(label, []).append(hit)
    return flags


def decide(text: str, folded: str, categories: set[Category], hits: list[Hit] | None = None) -> UrgencyDecision:
    """Urgency of a reportable tip from its categories and time cues (``hits``: the ``URGENCY_RULES`` hits in the
    folded text, when the caller has them already)."""
    hits = URGENCY_RULES.scan(folded) if hits is None else hits
    turn = max((hit.end for hit in hits if hit.rule.name == "turn.serious"), default=0)
    flags = _flags([hit for hit in hits if hit.start >= turn] if turn else hits)
    cues = _danger_now(flags)
    # A break-in found on coming home is over too ("net thuis, voordeur geforceerd"): only a cue that someone is still
    # there may make it an emergency, not the model's hunch alone; so is dumped waste.
    dated = bool(flags.keys() & {"past", "told", "media", "future", "discovered", "trace"})
    for reason, keys in _ladder(flags, categories):
        spans = tuple(hit.span(text) for key in keys for hit in flags.get(key, ()))
        level = Urgency(reason.split(".")[0])
        return UrgencyDecision(level, reason, spans, cues, dated)
    return UrgencyDecision(Urgency.NORMAL, "normal.default", (), cues, dated)


def _danger_now(flags: dict[str, list[Hit]]) -> tuple[Hit, ...]:
    """The cues that make an emergency plausible: none when the text dates the event weeks back or tells its aftermath
    (someone lies in hospital, the police are there), only danger to life when the event is in a shared video or still
    to come ("gaat nu rond op snap", "morgen neemt hij een mes mee")."""
    if "old" in flags or "after" in flags:
        return ()
    if flags.keys() & {"media", "future"}:
        keys = _LIFE_FLAGS
    elif flags.keys() & {"past", "told"}:
        keys = _NOW_FLAGS
    else:
        keys = _NOW_FLAGS | _FRESH_FLAGS
    return tuple(hit for key in sorted(keys & flags.keys()) for hit in flags[key])


def acting_undated(flags: dict[str, list[Hit]]) -> bool:
    """Nothing in the text puts the act in the past, in a video or in the future."""
    return not flags.keys() & {"past", "told", "media", "future"}


def _ladder(flags: dict[str, list[Hit]], cats: set[Category]) -> list[tuple[str, tuple[str, ...]]]:
    """Rules in order of precedence; the first that holds decides."""
    undated = "past" not in flags and "future" not in flags
    now = "now" in flags or (bool(flags.keys() & {"plea", "witness"}) and undated)
    fresh = now or ("recent" in flags and "past" not in flags)
    danger = bool(cats & {Category.WEAPON, Category.VIOLENCE})
    # "net" (just now) only makes an emergency of the worst acts; "ik zag ze net" is not one.
    acting = "acting" in flags and acting_undated(flags)
    # "vorige maand beroofd met een mes ... nu zie ik hem op insta", "ligt nu in het ziekenhuis", "de politie is er nu":
    # a "nu" does not make an old attack, or one already in hospital or in police hands, happen now.
    # "op dit moment", "terwijl ik dit typ" outweigh a rant's history of last week's incidents.
    violent_now = "current" in flags or (
        not flags.keys() & {"media", "after"}
        and ("old" not in flags or "rightnow" in flags)
        and "violent" in flags
        and (now or acting or ("severe" in flags and fresh))
    )
    # Danger to life counts unless the text only speaks of the past ("gisteren ... bloedde").
    life_now = "life" in flags and (now or "recent" in flags or "past" not in flags) and "after" not in flags
    minor_only = "minor" in flags and "damage" not in flags
    checks: list[tuple[bool, str, tuple[str, ...]]] = [
        (
            "wrongway" in flags and (now or "past" not in flags) and "after" not in flags,
            "emergency.wrong_way_driver",
            ("wrongway",),
        ),
        # A drunk or sleeping driver told in the present tense is on the road now.
        (
            "drunk" in flags and (fresh or not flags.keys() & {"past", "told"}) and Category.TRAFFIC in cats,
            "emergency.drunk_driver",
            ("drunk", "recent"),
        ),
        (danger and violent_now, "emergency.violence_now", ("violent", "now", "recent", "plea")),
        (
            bool(cats & {Category.BURGLARY, Category.THEFT, Category.SUSPICIOUS})
            and "inside" in flags
            and now
            and ("old" not in flags or "rightnow" in flags),
            "emergency.burglars_inside",
            ("inside", "now"),
        ),
        (
            "fire" in flags
            and (now or bool(flags.keys() & {"life", "occupied"}) or ("arson" in flags and acting_undated(flags))),
            "emergency.fire",
            ("fire", "now", "life"),
        ),
        (life_now, "emergency.danger_to_life", ("life", "now", "recent")),
        (
            "pelting" in flags and ((acting_undated(flags) and "old" not in flags) or "rightnow" in flags),
            "emergency.thrown_at_people",
            ("pelting",),
        ),
        (
            bool(flags.keys() & {"blocked", "station"}) and "responding" in flags and "old" not in flags,
            "emergency.responders_blocked",
            ("blocked", "responding"),
        ),
        (
            ("explosive" in flags or ("blast" in flags and (now or "past" not in flags)))
            and not flags.keys() & {"after", "old", "media"}
            and bool(cats),
            "emergency.explosive",
            ("explosive", "blast"),
        ),
        (
            Category.FRAUD in cats
            and "scam_live" in flags
            and not flags.keys() & {"old", "after"}
            and ("future" not in flags or "rightnow" in flags),
            "emergency.fraud_in_progress",
            ("scam_live", "now"),
        ),
        (
            "lure" in flags
            and (now or "recent" in flags)
            and not flags.keys() & {"past", "old", "media"}
            and ("told" not in flags or "now" in flags),
            "emergency.child_lured_now",
            ("lure", "now"),
        ),
        (
            "track" in flags and ("train" in flags or now) and not flags.keys() & {"old", "after", "media"},
            "emergency.on_the_tracks",
            ("track", "train"),
        ),
        (
            Category.FRAUD in cats
            and "athome" in flags
            and (now or "recent" in flags or not flags.keys() & {"past", "told", "old"})
            and "future" not in flags,
            "emergency.fraudster_at_home",
            ("athome", "now", "recent"),
        ),
        (Category.WEAPON in cats, "high.weapon", ()),
        ("threat" in flags and (danger or Category.FRAUD in cats), "high.threat", ("threat",)),
        ("sextortion" in flags, "high.sextortion", ("sextortion",)),
        (Category.VIOLENCE in cats and "old" not in flags, "high.recent_violence", ("today",)),
        (
            Category.BURGLARY in cats
            and ("discovered" in flags or "today" in flags)
            and not flags.keys() & {"car", "attempt"},
            "high.burglary_discovered",
            ("discovered", "today"),
        ),
        (Category.DRUGS in cats and "school" in flags, "high.drugs_near_school", ("school",)),
        (
            Category.FRAUD in cats
            and "loss" in flags
            and bool(flags.keys() & {"today", "now", "inprogress", "recent", "future"})
            and "reported" not in flags,
            "high.fraud_loss_today",
            ("loss", "today"),
        ),
        (Category.SUSPICIOUS in cats and "object" in flags, "high.suspicious_object", ("object",)),
        # An ambulance or fire engine blocked, with no life said to be at stake: the car must go now, but most authors
        # call it high.
        ("blocked" in flags, "high.emergency_services_blocked", ("blocked",)),
        (Category.SUSPICIOUS in cats and "child" in flags, "high.children_approached", ("child",)),
        (
            Category.SUSPICIOUS in cats and "prowl" in flags and (now or "recent" in flags) and "past" not in flags,
            "high.prowling_now",
            ("prowl", "now", "recent"),
        ),
        # A "nu" alone does not make a theft urgent: "the tracker now shows it in Zaandam" is told afterwards.
        (
            "inprogress" in flags and bool(cats & {Category.FRAUD, Category.SUSPICIOUS, Category.THEFT}),
            "high.in_progress",
            ("inprogress",),
        ),
        (
            bool(cats) and not cats & {Category.WEAPON, Category.VIOLENCE, Category.BURGLARY} and "minor_said" in flags,
            "low.said_minor",
            ("minor_said",),
        ),
        (
            bool(cats) and cats <= {Category.PARKING, Category.TRAFFIC, Category.NUISANCE} and "check" in flags,
            "low.check_request",
            ("check",),
        ),
        (bool(cats) and cats <= {Category.PARKING}, "low.parking", ()),
        (cats == {Category.NUISANCE} and minor_only, "low.minor_nuisance", ("minor",)),
        (
            bool(cats) and cats <= {Category.FRAUD, Category.THEFT} and "old" in flags and not now,
            "low.old_theft_or_fraud",
            ("old",),
        ),
        (
            cats == {Category.FRAUD} and "reported" in flags and "today" not in flags,
            "low.attempt_reported",
            ("reported",),
        ),
        (
            bool(cats)
            and cats <= {Category.FRAUD, Category.THEFT, Category.NUISANCE, Category.PARKING, Category.TRAFFIC}
            and "informing" in flags
            and not now,
            "low.for_the_record",
            ("informing",),
        ),
    ]
    return [(reason, keys) for holds, reason, keys in checks if holds]
