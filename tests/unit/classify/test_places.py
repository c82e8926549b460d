from __future__ import annotations

import pytest

from services.classify import landmarks
from services.classify.classifier import Classifier
from shared.reference import load_reference


def place(classifier: Classifier, text: str, received_on: str = "@politie") -> str | None:
    result = classifier.gazetteer.resolve(text, received_on)
    return result.place.municipality if result.place else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fiets gestolen in Zevenaar", "Zevenaar"),
        ("overlast in doetinchem centrum", "Doetinchem"),
        ("Portemonnee gerold in de tram in Den Haag", "'s-Gravenhage"),
        ("speed checks in The Hague please", "'s-Gravenhage"),
        ("mijn scooter is weg uit de stalling in Den Bosch", "'s-Hertogenbosch"),
        ("auto opengebroken in Hoofddorp", "Haarlemmermeer"),
        ("we wonen in Emmeloord", "Noordoostpolder"),
        ("Apeldoorn-Zuid, bij de Jumbo", "Apeldoorn"),
        ("een inbraak in Osdorp", "Amsterdam"),
    ],
)
def test_municipalities_villages_and_aliases(classifier: Classifier, text: str, expected: str) -> None:
    assert place(classifier, text) == expected


def test_schilderswijk_is_the_hague(classifier: Classifier) -> None:
    assert place(classifier, "Schilderswijk blijft Schilderswijk") == "'s-Gravenhage"


def test_velp_is_resolved_by_the_receiving_unit(classifier: Classifier) -> None:
    # Velp exists in Rheden (Oost-Nederland) and Land van Cuijk (Oost-Brabant).
    assert place(classifier, "inbraak in Velp", "@politie_oostnederland") == "Rheden"


def test_ambiguous_village_without_hint_is_left_open(classifier: Classifier) -> None:
    result = classifier.gazetteer.resolve("schuur opengebroken in Beek", "@politie")
    assert result.place is None
    assert result.ambiguous == ("Beek",)


def test_ambiguous_village_with_unit_hint(classifier: Classifier) -> None:
    assert place(classifier, "schuur opengebroken in Beek", "@politie_limburg") == "Beek (L.)"


def test_zuidoost_needs_amsterdam_in_the_text(classifier: Classifier) -> None:
    assert place(classifier, "een busje rijdt rond in Zuidoost", "@politie_amsterdam") is None
    assert place(classifier, "a gun in my building in Amsterdam Zuidoost") == "Amsterdam"


def test_where_it_happened_beats_where_they_went(classifier: Classifier) -> None:
    assert place(classifier, "spookrijder richting Arnhem bij Duiven") == "Duiven"


@pytest.mark.parametrize(
    "text",
    [
        "Buren in de straat, check je camera's aub",
        "de brievenbus van de buren is ontploft",
        "echt heel best vervelend dit",
        "er sliep iemand in een auto achter de sporthal",
        "op de duiven schieten met een luchtbuks",
        "twee mannen klimmen over het hek",
        "zijn profiel heet Kevin de Vries",
        "Zeeland op z'n mooist",
        "bij ons in de wijk wordt ingebroken",
    ],
)
def test_everyday_words_are_not_places(classifier: Classifier, text: str) -> None:
    assert place(classifier, text) is None


def test_everyday_word_place_counts_with_a_capital_or_preposition(classifier: Classifier) -> None:
    assert place(classifier, "we wonen in Best, bij het station") == "Best"
    assert place(classifier, "bij de Jumbo in Echt staan ze weer") == "Echt-Susteren"


def test_place_evidence_points_at_the_name(classifier: Classifier) -> None:
    text = "graffiti op het bushokje in Vlissingen"
    result = classifier.gazetteer.resolve(text, None)
    assert result.place is not None
    assert result.place.evidence is not None
    assert text[result.place.evidence.start : result.place.evidence.end] == "Vlissingen"
    municipality = load_reference().municipality_by_name("Vlissingen")
    assert municipality is not None
    assert result.place.municipality_code == municipality.code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dumping aan de rand van Nispen, al weken", "Roosendaal"),
        ("in het buitengebied van Zevenbergen liggen asbestplaten", "Moerdijk"),
        ("tassenroller in de Lange Delft in Middelburg", "Middelburg (Z.)"),
        ("fiets stellen by it stasjon yn Ljouwert", "Leeuwarden"),
        ("auto iepenbrutsen yn Snits", "Súdwest-Fryslân"),
        ("lachgas op de parkeerplaats van de Posbank", "Rheden"),
        ("the dealer at the Javaplein is back", "Amsterdam"),
        ("bij de Zuiderpark in Lelystad scheurt een scooter", "Lelystad"),
    ],
)
def test_area_phrases_frisian_names_streets_and_landmarks(classifier: Classifier, text: str, expected: str) -> None:
    assert place(classifier, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ze hangen elke avond rond bij de vijver in het Zuiderpark",
        "het is in het buitengebied, geen huizen in de buurt behalve de boerderij",
    ],
)
def test_a_park_many_towns_have_and_houses_in_a_rural_area_name_no_place(classifier: Classifier, text: str) -> None:
    assert place(classifier, text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("spookrijder op de N35 tussen Wierden en Nijverdal", None),
        ("zakkenroller in de trein van Zwolle naar Kampen", None),
        ("someone on the night bus from Utrecht to Amersfoort stole my phone", None),
        ("steekpartij in de trein van Utrecht naar Den Bosch, trein staat stil in Geldermalsen", "West Betuwe"),
        ("tussen de flats in Assen en bij de Jumbo hangen ze rond", "Assen"),
    ],
)
def test_a_route_between_two_towns_is_in_neither(classifier: Classifier, text: str, expected: str | None) -> None:
    assert place(classifier, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hij schiet in de lucht. strijen, bij de molen", "Hoeksche Waard"),
        ("ze slaan hem met een knuppel. volendam bij de haven", "Edam-Volendam"),
        ("ik zie twee mannen over het hek klimmen bij de buren", None),
        ("hij wordt al maanden gepest door 3 anderen, leraren doen niks", None),
    ],
)
def test_a_lowercase_village_signing_off_a_message_is_its_place(
    classifier: Classifier, text: str, expected: str | None
) -> None:
    assert place(classifier, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lachgas op de parkeerplaats bij het strand van Cadzand", "Sluis"),
        ("vrachtwagens met 70 door de kern van Yerseke", "Reimerswaal"),
        ("inbraak bij 3 huizen in de Bloemenbuurt in Uden vannacht", "Maashorst"),
        ("spookrijder op de rondweg van Winschoten", "Oldambt"),
        ("سرقوا دراجتي من أمام المسجد في Gouda أمس", "Gouda"),  # Arabic script has no capitals: not shouting
    ],
)
def test_a_place_after_an_area_word_inside_a_town_or_in_arabic_script(
    classifier: Classifier, text: str, expected: str
) -> None:
    assert place(classifier, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mijn buurvrouw Erica wordt al weken lastiggevallen door haar ex",
        "een audi rijdt langzaam door de straat en stopt bij huizen waar het licht uit is",
    ],
)
def test_a_person_named_like_a_village_and_a_plural_name_no_place(classifier: Classifier, text: str) -> None:
    assert place(classifier, text) is None


@pytest.mark.parametrize(
    ("text", "received_on", "expected"),
    [
        # Winsum lies in Het Hogeland (Groningen) and Waadhoeke (Fryslân): both in police unit Noord-Nederland.
        ("snelheidscontrole graag bij de school in Winsum", "@politie_groningen", "Het Hogeland"),
        ("snelheidscontrole graag bij de school in Winsum", "@politie_fryslan", "Waadhoeke"),
        # Geesteren: Tubbergen (safety region Twente) or Berkelland (Noord- en Oost-Gelderland), both in Oost-Nederland.
        ("schuur opengebroken in Geesteren", "@politie_twente", "Tubbergen"),
        ("schuur opengebroken in Geesteren", "@politie_achterhoek", "Berkelland"),
        ("schuur opengebroken in Geesteren", "@politie_oostnederland", None),
    ],
)
def test_an_ambiguous_village_is_settled_by_the_narrowest_area_the_account_names(
    classifier: Classifier, text: str, received_on: str, expected: str | None
) -> None:
    assert place(classifier, text, received_on) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Anderen ook last van die nepbezorgers?",
        "Dieren horen niet in een hete auto",
        "er staan rijen auto's op de stoep",
        "goor gedrag van die gasten",
    ],
)
def test_more_everyday_words_are_not_places(classifier: Classifier, text: str) -> None:
    assert place(classifier, text) is None


def test_an_everyday_place_name_signs_a_message_off_as_its_capitalised_last_word(classifier: Classifier) -> None:
    assert place(classifier, "ze probeerden de schuur open te breken. Rijen") == "Gilze en Rijen"
    assert place(classifier, "ze probeerden de schuur open te breken. Rijen van auto's") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("het politiebureau van Franeker is dicht", "Waadhoeke"),
        ("de wijkagent van hoensbroek komt niet", "Heerlen"),
        ("net gezien bij de afslag leidschendam, spookrijder", "Leidschendam-Voorburg"),
    ],
)
def test_a_town_after_an_owner_or_an_exit(classifier: Classifier, text: str, expected: str) -> None:
    assert place(classifier, text) == expected


def test_a_surname_after_van_is_still_a_person(classifier: Classifier) -> None:
    assert place(classifier, "mijn buurman Jan van Franeker belt jullie") is None


def test_an_article_place_name_before_a_house_number_is_a_street(classifier: Classifier) -> None:
    assert place(classifier, "Op de Wijk 2 bij de haven op Urk staan vrachtwagens op de stoep") == "Urk"


def test_a_neighbourhood_name_many_towns_share_needs_the_towns_account(classifier: Classifier) -> None:
    assert place(classifier, "inbraak in de Vogelbuurt vannacht") is None
    assert place(classifier, "inbraak in de Vogelbuurt vannacht", "@politie_amsterdam") == "Amsterdam"
    assert place(classifier, "inbraak in de Vogelbuurt in Uden") == "Maashorst"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kan er geflitst worden in tilbrug?", "Tilburg"),
        ("gisteren een fiets gestolen in Swifterband", "Dronten"),
        ("jongens gooien stenen in delfziel", "Eemsdelta"),
        ("zakkenroller op 't Vriethof", "Maastricht"),
    ],
)
def test_misspelt_swapped_dialect_and_village_names(classifier: Classifier, text: str, expected: str) -> None:
    assert place(classifier, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "MIJN BUURMAN STAPT NU IN ZN AUTO MET ZN 2 KINDEREN ACHTERIN, rijdt zo weg",
        "auto's op het fietspad bij de sportschool op de Oudedijk",
    ],
)
def test_words_in_capitals_and_street_names_are_not_misspelt_villages(classifier: Classifier, text: str) -> None:
    assert place(classifier, text) is None


@pytest.mark.parametrize(
    ("text", "received_on", "expected"),
    [
        ("spookrijder op de A2 ter hoogte van Maarssen richting Amsterdam", "@politie", "Stichtse Vecht"),
        ("onze sloep is gestolen uit de jachthaven van Lemmer", "@politie", "De Fryske Marren"),
        ("heb het meteen gedaan 👍 #Hardenberg", "@politie", "Hardenberg"),
        ("een man bij de voordeur, middernacht, lemelerveld. de buren slapen", "@politie", "Dalfsen"),
        ("Het is een basisschool in Bergen", "@politie_noordholland", "Bergen (NH.)"),
        ("Het is een basisschool in Bergen", "@politie_limburg", "Bergen (L.)"),
    ],
)
def test_routes_owners_hashtags_sign_offs_and_bare_names(
    classifier: Classifier, text: str, received_on: str, expected: str
) -> None:
    assert place(classifier, text, received_on) == expected


@pytest.mark.parametrize(
    "text",
    [
        "mijn buurman Kees van Lemmer belt jullie zo",
        "de familie van Beek is verhuisd",
        "volg @kz.zwijndrecht eens",
        "Het is een basisschool in Bergen",
        "we gaan op vakantie naar de bergen",
    ],
)
def test_surnames_handles_and_bare_names_without_an_account_are_not_places(classifier: Classifier, text: str) -> None:
    assert place(classifier, text) is None


@pytest.mark.parametrize(
    ("text", "received_on", "expected"),
    [
        ("ruzie bij de frituur in Heerle, kom snel", "@politie_limburg", "Heerlen"),
        ("ruzie bij de frituur in Heerle, kom snel", "@politie_westbrabant", "Roosendaal"),
        ("brandende container in de Kruiskamp", "@politie_eemland", "Amersfoort"),
        ("brandende container in de Kruiskamp", "@politie_denbosch", "'s-Hertogenbosch"),
        ("Goor, achter de Hengevelderstraat is ingebroken", "@wijkagent_goor", "Hof van Twente"),
    ],
)
def test_a_name_of_two_places_is_settled_by_the_account(
    classifier: Classifier, text: str, received_on: str, expected: str
) -> None:
    assert place(classifier, text, received_on) == expected


@pytest.mark.parametrize(
    ("text", "received_on"),
    [
        ("Man in oranje hesje belt overal aan", "@politie"),
        ("er staat een man benzine over de deur te gieten", "@politie"),
        ("met vuurwerk naar huizen gegooid", "@politie"),
        ("Best wel knap hoe jullie dat deden", "@wijkagent_best"),
        ("Echt waar, jullie zijn top", "@wijkagent_echt"),
        ("brandende container in de Kruiskamp", "@politie"),
        ("iemand loopt door de Bomenbuurt te gluren", "@politie"),
    ],
)
def test_words_that_only_look_like_places(classifier: Classifier, text: str, received_on: str) -> None:
    assert place(classifier, text, received_on) is None


@pytest.mark.parametrize(
    ("text", "received_on", "expected"),
    [
        ("In Oosterhout hangen elke avond jongeren met lachgas", "@politie_nijmegen", "Overbetuwe"),
        ("In Oosterhout hangen elke avond jongeren met lachgas", "@politie", "Oosterhout"),
        ("in Steenbergen gooien ze vuurwerk tegen het dorpshuis", "@politie_drenthe", "Noordenveld"),
        ("in Steenbergen gooien ze vuurwerk tegen het dorpshuis", "@politie_westbrabant", "Steenbergen"),
    ],
)
def test_a_municipality_name_on_another_regions_account_is_that_regions_village(
    classifier: Classifier, text: str, received_on: str, expected: str
) -> None:
    assert place(classifier, text, received_on) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik woon in Zutphen maar werk in Deventer, daar is mijn fiets gejat", "Deventer"),
        ("ik woon zelf in Zuidlaren maar vannacht is in Groningen ingebroken", "Groningen"),
        ("Mijn moeder woont in Heerlen, ik zit in Utrecht: er zijn mannen binnen", "Heerlen"),
        ("We live in Schiedam, our neighbour posts a gun", "Schiedam"),
    ],
)
def test_the_writers_home_set_against_the_incidents_town(classifier: Classifier, text: str, expected: str) -> None:
    assert place(classifier, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apeldorn: vanmiddag is onze kinderwagen meegenomen", "Apeldoorn"),
        ("Helmondt centrum NU: jongeren slaan ruiten in", "Helmond"),
        ("Alle jûnen steane der auto's op it fytspaad yn Harlingen", "Harlingen"),
        ("auto het kanaal in gereden bij de sluis van eefde", "Lochem"),
    ],
)
def test_labels_frisian_locatives_and_areas_of_a_village(classifier: Classifier, text: str, expected: str) -> None:
    assert place(classifier, text) == expected


def test_a_capitalised_name_after_a_demonstrative_is_a_person(classifier: Classifier) -> None:
    assert place(classifier, "Die Axel uit onze straat rijdt kinderen van de stoep") is None


def test_where_a_ghost_driver_heads_beside_a_route_is_not_the_place(classifier: Classifier) -> None:
    assert place(classifier, "SPOOKRIJDER op de A58 tussen Goes en Kapelle, rijdt richting Vlissingen") is None


def test_the_curated_landmarks_each_name_one_municipality_and_no_other_village() -> None:
    reference = load_reference()
    official = {municipality.name for municipality in reference.municipalities.values()}
    code_of = {municipality.name: municipality.code for municipality in reference.municipalities.values()}
    villages = {(place.name.casefold(), place.municipality_code) for place in reference.places}
    rows = landmarks.curated()
    assert len(rows) > 800
    seen: dict[str, str] = {}
    for municipality, name in rows:
        assert municipality in official, municipality
        assert seen.setdefault(name.casefold(), municipality) == municipality, name
        clashes = {code for village, code in villages if village == name.casefold()}
        assert clashes <= {code_of[municipality]}, name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rond de Grolsch Veste staat de hele wijk vol bij een thuiswedstrijd", "Enschede"),
        ("vanaf de Waalbrug zag ik een jongen in het water springen", "Nijmegen"),
        ("visited Flushing last summer", "Vlissingen"),
        ("drill clip bij de piushaven met een machete", "Tilburg"),
        ("elke vrijdag races op de Maasvlakte", "Rotterdam"),
        ("fiets gejat bij de stalling op Zernike", "Groningen"),
    ],
)
def test_curated_landmarks_name_their_municipality(classifier: Classifier, text: str, expected: str) -> None:
    assert place(classifier, text) == expected


@pytest.mark.parametrize(
    ("text", "received_on", "expected"),
    [
        ("Bergen: op de parkeerplaats worden ruiten ingeslagen", "@politie_noordholland", "Bergen (NH.)"),
        ("Leek: bij de Lidl wordt gedeald", "@politie_groningen", "Westerkwartier"),
        ("ik werk op Maastricht Aachen Airport, katalysatoren gestolen", "@politie", "Beek (L.)"),
        ("Best Kept Secret tickets were fake, we're at the gate", "@politie", "Hilvarenbeek"),
        ("ramkraak bij de juwelier in Hardinxveld", "@politie", "Hardinxveld-Giessendam"),
        ("enorme knal bij de pinautomaat in het Stadshart van Zoetermeer", "@politie", "Zoetermeer"),
        ("spookrijder op de A2 ter hoogte van Maarssen richting Amsterdam", "@politie", "Stichtse Vecht"),
    ],
)
def test_message_labels_airports_festivals_and_short_names(
    classifier: Classifier, text: str, received_on: str, expected: str
) -> None:
    assert place(classifier, text, received_on) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Willen jullie de familie Van Buren bedanken?",
        "Een zekere 'Kees van Houten' verkoopt nepkaartjes",
        "Hup Oranje 🧡 zijn jullie ook supporters?",
        "Net thuis en ingebroken. Buren: check aub je camera's!",
        "er wordt van alles in en uit geladen achter de sporthal",
        "A16 van Breda richting Dordt: een Range Rover haalt in over de vluchtstrook",
    ],
)
def test_surnames_teams_addresses_participles_and_routes_are_not_places(classifier: Classifier, text: str) -> None:
    assert place(classifier, text) is None
