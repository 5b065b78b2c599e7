"""City maps drawn as inline SVG by the server (graphics.svg_maps and
templates/components/city_map.html): valid SVG, each city in its country's drawn outline,
one named link per city and the same links in the list, Arabic labels right to left on an
unmirrored map, hostile names escaped. No database: a query would fail the test."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from graphics.maps import Projection, contains, country_polygons
from graphics.svg_maps import MAX_LABELLED_POINTS, MapPoint, city_map, clipped_path

SVG = "{http://www.w3.org/2000/svg}"

CITIES = [
    MapPoint("Tangier", "/en/cities/tangier/", -5.80, 35.76, "MA", "3 endorsements"),
    MapPoint("Tunis", "/en/cities/tunis/", 10.18, 36.81, "TN"),
    MapPoint("Beirut", "/en/cities/beirut/", 35.50, 33.89, "LB", "1 endorsement"),
    MapPoint("Lyon", "/en/cities/lyon/", 4.84, 45.76, "FR"),
    MapPoint("Amman", "/en/cities/amman/", 35.93, 31.95, "JO"),
    MapPoint("Dakar", "/en/cities/dakar/", -17.45, 14.69, "SN"),
    MapPoint("Barcelona", "/en/cities/barcelona/", 2.17, 41.39, "ES"),
]
ARABIC_LABELS = ["طنجة", "تونس", "بيروت", "ليون", "عمّان", "داكار", "برشلونة"]


def render(svg_map, caption="Cities that endorsed the campaign", language="en"):
    with translation.override(language):
        return render_to_string("components/city_map.html", {"map": svg_map, "caption": caption})


def parse_figure(html):
    """The rendered figure as XML: the component writes well-formed markup throughout."""
    return ET.fromstring(re.search(r"<figure.*</figure>", html, re.S).group(0))


def parse_svg(html):
    return ET.fromstring(re.search(r"<svg.*</svg>", html, re.S).group(0))


def drawn_points(svg):
    """{href: (cx, cy) of its dot} of the points' links in the svg."""
    return {
        link.get("href"): tuple(
            float(link.find(f"{SVG}circle[@class='city-map__dot']").get(name))
            for name in ("cx", "cy")
        )
        for link in svg.iter(f"{SVG}a")
    }


@pytest.fixture(scope="module")
def english_map():
    return city_map(CITIES)


def test_the_map_renders_as_valid_svg(english_map):
    svg = parse_svg(render(english_map))
    assert svg.tag == f"{SVG}svg"
    assert svg.get("viewBox") == "0 0 960 540"
    assert (svg.get("width"), svg.get("height")) == ("960", "540")
    assert svg.get("role") == "group"
    # Labelled by the figcaption, which exists.
    figure = parse_figure(render(english_map))
    caption = figure.find("figcaption")
    assert caption.get("id") == svg.get("aria-labelledby")
    assert caption.text == "Cities that endorsed the campaign"
    # Land is decorative.
    lands = list(svg.iter(f"{SVG}path"))
    assert lands
    assert svg.find(f"{SVG}g[@class='city-map__lands']").get("aria-hidden") == "true"


@pytest.mark.parametrize("city", CITIES, ids=lambda city: city.label)
def test_each_city_is_drawn_within_its_countrys_drawn_outline(english_map, city):
    svg = parse_svg(render(english_map))
    x, y = drawn_points(svg)[city.url]
    assert 0 <= x <= english_map.width and 0 <= y <= english_map.height
    projection = Projection(english_map.box, (english_map.width, english_map.height))
    lon, lat = projection.invert(x, y)
    # 0.5° spares a coastal city off the simplified coast and the rounding to 0.1 px.
    assert contains(country_polygons(city.country), lon, lat, tolerance=0.5)
    # And that country is drawn, highlighted, with exactly that projection (clipped to the
    # picture: French Guiana is not drawn on a map of the Mediterranean).
    size = (english_map.width, english_map.height)
    expected = clipped_path(country_polygons(city.country), projection, size)
    drawn = {
        path.get("d"): path.get("class")
        for path in svg.iter(f"{SVG}path")
        if path.get("data-country") == city.country
    }
    assert drawn.get(expected) == "city-map__land city-map__land--highlighted"


def test_only_the_cities_countries_are_highlighted(english_map):
    highlighted = {shape.code for shape in english_map.land if shape.highlighted}
    assert highlighted == {city.country for city in CITIES}
    assert {"DZ", "IT", "EG"} <= {shape.code for shape in english_map.land}


def test_each_city_is_one_named_link_in_the_map_and_in_the_list(english_map):
    figure = parse_figure(render(english_map))
    svg = figure.find(f"{SVG}svg")
    links = list(svg.iter(f"{SVG}a"))
    assert [link.get("href") for link in links] == [city.url for city in CITIES]
    for link, city in zip(links, CITIES, strict=True):
        name = f"{city.label} — {city.detail}" if city.detail else city.label
        assert link.get("aria-label") == name
        assert link.find(f"{SVG}title").text == name
        label = link.find(f"{SVG}text")
        assert (label.text, label.get("aria-hidden")) == (city.label, "true")
    items = figure.find("ul[@class='city-map__list']").findall("li")
    assert [(item.find("a").get("href"), item.find("a").text) for item in items] == [
        (city.url, city.label) for city in CITIES
    ]
    assert items[0].find("span").text == "— 3 endorsements"


def test_arabic_labels_run_right_to_left_on_the_same_geometry(english_map):
    arabic = [
        MapPoint(label, city.url, city.lon, city.lat, city.country)
        for label, city in zip(ARABIC_LABELS, CITIES, strict=True)
    ]
    with translation.override("ar"):
        arabic_map = city_map(arabic)
    english_svg = parse_svg(render(english_map))
    arabic_svg = parse_svg(render(arabic_map, caption="المدن", language="ar"))
    assert drawn_points(arabic_svg) == drawn_points(english_svg)
    assert arabic_svg.get("direction") == "ltr"  # the picture itself is never mirrored
    english_labels = list(english_svg.iter(f"{SVG}text"))
    arabic_labels = list(arabic_svg.iter(f"{SVG}text"))
    assert [label.text for label in arabic_labels] == ARABIC_LABELS
    for english, arabic in zip(english_labels, arabic_labels, strict=True):
        assert (english.get("direction"), arabic.get("direction")) == ("ltr", "rtl")
        # Right of its dot, a label starts at the same x: its start in English, its end
        # (the left, where Arabic text ends) in Arabic.
        assert english.get("x") == arabic.get("x")
        assert {english.get("text-anchor"), arabic.get("text-anchor")} == {"start", "end"}


def test_numbers_are_not_localized_into_the_geometry(english_map):
    """French writes 12,5: the SVG keeps 12.5."""
    assert drawn_points(parse_svg(render(english_map, language="fr"))) == drawn_points(
        parse_svg(render(english_map))
    )


def test_hostile_names_are_escaped():
    label = "<script>alert('x')</script> & \"Co\""
    url = '/cities/?a=1&b="2"><script>'
    hostile = city_map([MapPoint(label, url, 10.18, 36.81, "TN", detail="<b>1</b>")])
    html = render(hostile, caption="<i>caption</i>")
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    figure = parse_figure(html)
    (link,) = figure.find(f"{SVG}svg").iter(f"{SVG}a")
    assert link.get("href") == url
    assert link.get("aria-label") == f"{label} — <b>1</b>"
    assert link.find(f"{SVG}text").text == label
    assert figure.find("figcaption").text == "<i>caption</i>"
    assert figure.find("ul/li/a").text == label


def test_no_points_no_map():
    assert city_map([]) is None
    assert render(None).strip() == ""


def test_a_single_city_gets_a_regional_map_of_its_country():
    dakar = CITIES[5]
    single = city_map([dakar])
    assert single.box.east - single.box.west >= 12
    assert {shape.code for shape in single.land if shape.highlighted} == {"SN"}
    (point,) = single.points
    assert point.inside
    assert (point.x, point.y) == (single.width / 2, single.height / 2)
    (label,) = parse_svg(render(single)).iter(f"{SVG}text")
    assert label.text == "Dakar"


def test_labels_show_only_for_few_cities_and_stay_inside_the_picture():
    many = [MapPoint(f"City {i}", f"/c/{i}/", -10 + 3 * i, 30 + i, "") for i in range(13)]
    assert city_map(many[:MAX_LABELLED_POINTS]).show_labels
    crowded = city_map(many)
    assert not crowded.show_labels
    assert not list(parse_svg(render(crowded)).iter(f"{SVG}text"))
    assert city_map(many, labels=True).show_labels
    # A city at the right edge of a given box has its label on its left.
    edge = city_map([MapPoint("Beirut", "/b/", 35.50, 33.89, "LB")], box=(10, 28, 36, 40))
    (point,) = edge.points
    assert point.x > edge.width - 50
    assert point.label_side == "left" and point.label_x < point.x


def test_a_city_outside_a_given_box_is_listed_not_drawn():
    svg_map = city_map(CITIES[:2], box=(-12, 27, 2, 40))  # Tangier in, Tunis out
    assert [point.inside for point in svg_map.points] == [True, False]
    figure = parse_figure(render(svg_map))
    assert [a.get("href") for a in figure.find(f"{SVG}svg").iter(f"{SVG}a")] == [CITIES[0].url]
    assert len(figure.findall("ul/li")) == 2


def test_outlines_are_computed_once_per_box_and_size(english_map):
    again = city_map(CITIES)
    assert [shape.d for shape in again.land] == [shape.d for shape in english_map.land]
    assert again.land[0].d is english_map.land[0].d  # the cached string itself


def test_a_map_across_the_antimeridian_does_not_break():
    pacific = city_map(
        [MapPoint("Suva", "/s/", 178.44, -18.14, "FJ"), MapPoint("Apia", "/a/", -171.76, -13.83)]
    )
    assert parse_svg(render(pacific)).tag == f"{SVG}svg"


def test_neighbouring_cities_labels_do_not_cover_each_other_or_a_dot():
    from graphics.svg_maps import CHARACTER_WIDTH

    neighbours = [
        MapPoint("Lyon", "/lyon/", 4.8357, 45.7640, "FR"),
        MapPoint("Turin", "/turin/", 7.6869, 45.0703, "IT"),
        MapPoint("Geneva", "/geneva/", 6.1432, 46.2044, "CH"),
        MapPoint("Madrid", "/madrid/", -3.7038, 40.4168, "ES"),
        MapPoint("Lisbon", "/lisbon/", -9.1393, 38.7223, "PT"),
        MapPoint("Dakar", "/dakar/", -17.4467, 14.6928, "SN"),
        MapPoint("Vienna", "/vienna/", 16.3738, 48.2082, "AT"),
    ]
    drawn = city_map(neighbours)
    font, radius = drawn.label_font_size, drawn.dot_radius

    def label(point):
        width = len(point.label) * font * CHARACTER_WIDTH
        left = point.label_x if point.label_side == "right" else point.label_x - width
        return (left, point.label_y - font * 0.6, left + width, point.label_y + font * 0.6)

    def crosses(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    labels = [label(point) for point in drawn.points]
    dots = [(p.x - radius, p.y - radius, p.x + radius, p.y + radius) for p in drawn.points]
    for i, box in enumerate(labels):
        assert not any(crosses(box, other) for other in labels[i + 1 :])
        assert not any(crosses(box, dot) for dot in dots)


def test_each_dot_opens_its_own_city_even_where_cities_are_drawn_close():
    # Amman and Beirut, Tangier and Barcelona… on a world-wide picture: a few pixels apart.
    from graphics.svg_maps import TARGET_RADIUS

    crowded = city_map(CITIES, box=(-180, -60, 180, 80))
    svg = parse_svg(render(crowded))
    targets = {
        link.get("href"): tuple(
            float(link.find(f"{SVG}circle[@class='city-map__target']").get(name))
            for name in ("cx", "cy", "r")
        )
        for link in svg.iter(f"{SVG}a")
    }
    assert len(targets) == len(CITIES)
    assert any(r < TARGET_RADIUS * crowded.width / 960 for _x, _y, r in targets.values())
    for href, (x, y, r) in targets.items():
        assert r > 0
        for other, (ox, oy, other_r) in targets.items():
            if other != href:
                # Targets never overlap: a click is in one city's target at most.
                assert r + other_r <= ((x - ox) ** 2 + (y - oy) ** 2) ** 0.5, (href, other)
    # A city alone keeps the whole target (24 CSS px across even on a phone's third-size map).
    alone = city_map(CITIES[:2])
    assert all(p.target_radius == TARGET_RADIUS for p in alone.points)
