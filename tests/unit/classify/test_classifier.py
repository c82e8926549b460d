"""Behaviour of the whole classifier on sentences written for these tests (not from the dev set)."""

from __future__ import annotations

import pytest

from services.classify.classifier import Classifier, default_classifier
from shared.contracts import Classification, Urgency


def run(classifier: Classifier, text: str, received_on: str = "@politie") -> Classification:
    return classifier.classify("t-1", text, received_on)


@pytest.mark.parametrize(
    ("family", "text"),
    [
        ("criticism", "jullie dansen maar terwijl bij mij in de straat elke week een auto wordt opengebroken"),
        ("praise", "Respect voor jullie, gisteren zo snel bij die vechtpartij, top gedaan 👏"),
        ("joke", "ik wil aangifte doen want mijn broertje heeft mijn chips gejat haha 😂"),
        ("lyrics", "wie kent dit nummer nog, 'blaffer in de whip' 🔥"),
        ("game", "deze achtervolging lijkt wel gta 😭 wie speelt er vanavond"),
        ("howto", "hoe meld ik eigenlijk een gestolen fiets? online of op het bureau?"),
        ("howto", "mag je een zakmes bij je hebben in de trein?"),
        ("negation", "bij ons in de wijk gelukkig geen inbraken meer sinds de camera's er hangen"),
        ("hypothetical", "als er ooit iemand bij mij inbreekt bel ik jullie niet eens"),
        ("news", "las in de krant over die schietpartij, wanneer gaat de politiek eens iets doen"),
        ("vague", "het is nergens meer veilig, overal messen en drugs in dit land"),
    ],
)
def test_hard_negatives_are_not_reportable(classifier: Classifier, family: str, text: str) -> None:
    result = run(classifier, text)
    assert not result.reportable, f"{family}: {text}"
    assert result.categories == ()
    assert result.urgency is None


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Vannacht is de schuur van mijn buurman opengebroken, twee e-bikes weg", "burglary"),
        ("mn fiets is gejat bij het station in Ede, zwarte cortina met krat", "theft"),
        ("elke avond wordt er gedeald bij het hek van de speeltuin aan de Lindenlaan", "drugs"),
        ("Kunnen jullie een snelheidscontrole doen op de Dorpsstraat? Ze rijden daar 80 waar 30 mag", "traffic"),
        ("er staat al een week een camper op de invalidenplek bij de apotheek", "parking"),
        ("Mijn oma kreeg een hoi mam appje en heeft 800 euro overgemaakt", "fraud"),
        ("iemand trekt al 2 nachten aan de deurklinken van de auto's in onze straat", "suspicious"),
        ("elke nacht zwaar vuurwerk en cobra's bij de flats in Zwolle, ruit van de portiek gesprongen", "nuisance"),
    ],
)
def test_concrete_reports_get_their_category(classifier: Classifier, text: str, category: str) -> None:
    result = run(classifier, text)
    assert result.reportable
    assert category in result.category_names
    assert all(label.evidence for label in result.categories)


@pytest.mark.parametrize(
    "text",
    [
        "NU schoten bij de flats aan de Vlierstraat, mensen rennen weg!!",
        "er slaan nu drie jongens een man in elkaar voor de snackbar, kom snel",
        "Spookrijder op de A1 bij Deventer!!",
        "ze zijn nog binnen bij de buren, ik zie zaklampen, nu!!",
        "Net iemand neergestoken bij het station, hij bloedt heel erg",
        "Dronken bestuurder zwalkt net over de weg richting Zwolle, grijze Opel",
    ],
)
def test_emergencies(classifier: Classifier, text: str) -> None:
    result = run(classifier, text)
    assert result.reportable
    assert result.urgency == Urgency.EMERGENCY, result.urgency_reason


def test_weapon_seen_yesterday_is_high_not_emergency(classifier: Classifier) -> None:
    result = run(classifier, "Gisteren zag ik een jongen met een pistool bij de Jumbo aan de Kerkstraat")
    assert result.urgency == Urgency.HIGH


def test_parking_is_low(classifier: Classifier) -> None:
    result = run(classifier, "Elke ochtend staan ouders dubbel geparkeerd voor de school aan de Beukenlaan")
    assert result.urgency == Urgency.LOW


def test_classification_carries_versions_and_scores(classifier: Classifier) -> None:
    result = run(classifier, "fiets gestolen bij de Albert Heijn in Goes, vanmiddag rond 3 uur")
    assert result.model_version == classifier.model_version
    assert result.model_version.endswith(classifier.model.version)
    assert 0.5 <= result.reportable_score <= 1.0
    assert result.place is not None
    assert result.place.municipality == "Goes"
    assert result.reportable_evidence


def test_default_classifier_is_cached() -> None:
    assert default_classifier() is default_classifier()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mijn fiets is gestolen bij het station", "nl"),
        ("My bike got stolen in front of the station last night", "en"),
        ("Unser Auto wurde heute auf dem Parkplatz aufgebrochen", "other"),
        ("Dzień dobry, ktoś ukradł mój rower przy dworcu", "other"),
        ("Fannacht is by ús yn 'e strjitte in auto iepenbrutsen, hat immen wat sjoen?", "other"),
        ("Mi hanno rubato la bici davanti alla stazione di Leiden, era blu", "other"),
        ("Bună ziua, cineva a furat bicicleta fiului meu din fața școlii în Venlo", "other"),
        ("Olá, roubaram a minha mala no comboio para Utrecht hoje", "other"),
        ("wallah had l video dyal lbolis zwina bzaf", "other"),
        ("mijn e-bike is weg bij de Jumbo, het is een blauwe met een kinderzitje", "nl"),
    ],
)
def test_language(classifier: Classifier, text: str, language: str) -> None:
    assert run(classifier, text).language == language


@pytest.mark.parametrize(
    "text",
    [
        "al een uur rijdt er een donkere auto stapvoets door de straat, steeds dezelfde twee mannen",
        "twee jongens lopen langs de huizen en gluren over de schuttingen in de tuinen van de Eikenlaan",
        "a van keeps driving around our street in Ede since 10pm, slowly, lights off",
    ],
)
def test_circling_and_peering_are_suspicious(classifier: Classifier, text: str) -> None:
    result = run(classifier, text)
    assert result.reportable, text
    assert "suspicious" in result.category_names


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("bij tramhalte Centrum staat al uren een sporttas die niemand ophaalt, beetje eng", "suspicious"),
        ("Op het schoolplein van de Regenboog ligt sinds vanmiddag een pakket, niemand weet van wie", "suspicious"),
        (
            "bij het winkelcentrum gooien ze elke avond vuurwerk naar mensen die langslopen, gisteren bijna een kind geraakt",
            "nuisance",
        ),
    ],
)
def test_left_behind_objects_and_fireworks_at_people_are_reported(
    classifier: Classifier, text: str, category: str
) -> None:
    result = run(classifier, text)
    assert result.reportable, text
    assert category in result.category_names
