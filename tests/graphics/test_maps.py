"""Maps drawn by the site (graphics.maps): Natural Earth's countries decoded from TopoJSON, the
projection, which country a point lies in, and the raster map. No database."""

import math

import pytest

from graphics import maps
from graphics.drawing import rgb

TANGIER = (-5.80, 35.77)


def test_the_topojson_decodes_into_the_worlds_countries():
    countries = maps.countries()
    assert len(countries) > 170
    names = {country.name for country in countries}
    assert {"Morocco", "Spain", "Tunisia", "Jordan", "Lebanon", "Brazil"} <= names
    morocco = maps.country("Morocco")
    assert (morocco.code, morocco.alpha2) == ("504", "MA")
    # Every ring is closed and lies on the globe.
    for country in countries:
        for polygon in country.polygons:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == pytest.approx(ring[-1])
                assert all(-90 <= lat <= 90 for _lon, lat in ring)


def test_arcs_are_delta_decoded_scaled_and_stitched_in_either_direction():
    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
        # Arc 0: (0,0) (4,0) (4,4); arc 1: (4,4) (0,4) (0,0); arc 2 a lone square.
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[4, 4], [-4, 0], [0, -4]], [[8, 8], [1, 0], [0, 1]]],
    }
    arcs = maps.decode_arcs(topology)
    assert arcs[0] == [(10, 20), (12, 20), (12, 21)]
    ring = maps.stitch_ring([0, 1], arcs)
    assert ring == ((10, 20), (12, 20), (12, 21), (10, 21), (10, 20))
    # ~1 is arc 1 reversed: (0,0) (0,4) (4,4), then arc 0 reversed back to the start.
    assert maps.stitch_ring([~1, ~0], arcs) == tuple(reversed(ring))
    polygon = {"type": "Polygon", "arcs": [[0, 1]]}
    multi = {"type": "MultiPolygon", "arcs": [[[0, 1]], [[~1, ~0]]]}
    assert maps.geometry_polygons(polygon, arcs) == ((ring,),)
    assert len(maps.geometry_polygons(multi, arcs)) == 2
    assert maps.geometry_polygons({"type": "Point", "coordinates": [0, 0]}, arcs) == ()


@pytest.mark.parametrize("key", ["MA", "ma", "MAR", "504", 504, "Morocco", "morocco"])
def test_a_country_is_found_by_iso_code_or_name(key):
    assert maps.country(key).name == "Morocco"
    assert maps.country_polygons(key) is maps.country("MA").polygons


def test_an_unknown_country_is_an_error():
    with pytest.raises(LookupError):
        maps.country("Atlantis")
    with pytest.raises(LookupError):
        maps.country("ZZ")


def test_tangier_projected_on_the_mediterranean_lies_in_morocco_not_spain():
    size = (1600, 900)
    projection = maps.Projection(maps.REGIONS["mediterranean"], size)
    x, y = maps.project(*TANGIER, maps.REGIONS["mediterranean"], size)
    assert (x, y) == projection(*TANGIER)

    def projected(key):
        return [
            [projection.ring(ring) for ring in polygon] for polygon in maps.country_polygons(key)
        ]

    # On Morocco's simplified coast (within a pixel), well away from Spain's.
    assert maps.contains(projected("MA"), x, y, tolerance=1.5)
    assert not maps.contains(projected("ES"), x, y, tolerance=5)
    assert maps.distance_to_polygons(projected("ES"), x, y) > 8


def test_the_country_at_a_point():
    assert maps.country_at(-5.0, 34.03).alpha2 == "MA"  # Fès, inland: inside the polygon
    assert maps.country_at(*TANGIER).alpha2 == "MA"  # on the coast: the nearest country
    assert maps.country_at(-3.70, 40.42).alpha2 == "ES"  # Madrid
    assert maps.country_at(16.37, 48.21).alpha2 == "AT"  # Vienna
    assert maps.country_at(-30.0, 30.0) is None  # the Atlantic
    assert maps.country_at(-175.0, 66.0).alpha2 == "RU"  # beyond the antimeridian


def test_rings_crossing_the_antimeridian_are_continuous():
    """Drawn flat, a jump from 180 to -180 would cross the whole map. Antarctica's ring,
    around the pole, runs along the map's bottom edge instead: flat already."""
    for country in maps.countries():
        if country.name == "Antarctica":
            continue
        for polygon in country.polygons:
            for ring in polygon:
                for (lon1, _), (lon2, _) in zip(ring, ring[1:], strict=False):
                    assert abs(lon1 - lon2) < 180, country.name


def test_the_projection_fits_the_box_in_the_picture_and_inverts():
    box = maps.REGIONS["mediterranean"]
    size = (1600, 900)
    projection = maps.Projection(box, size)
    centre = ((box.west + box.east) / 2, (box.south + box.north) / 2)
    assert projection(*centre) == pytest.approx((800, 450))
    for lon, lat in ((box.west, box.south), (box.east, box.north)):
        x, y = projection(lon, lat)
        assert -0.01 <= x <= 1600.01 and -0.01 <= y <= 900.01
        assert projection.invert(x, y) == pytest.approx((lon, lat))
    visible = projection.visible_box()
    assert visible.west <= box.west and visible.east >= box.east
    assert visible.south <= box.south + 1e-9 and visible.north >= box.north - 1e-9


def test_a_box_fitted_around_points_has_the_pictures_proportions():
    points = [(-9.14, 38.72), (35.93, 31.95)]  # Lisbon, Amman
    box = maps.fit_box(points, (1600, 900))
    for lon, lat in points:
        assert box.west < lon < box.east and box.south < lat < box.north
    stretch = math.cos(math.radians((box.south + box.north) / 2))
    assert (box.east - box.west) * stretch / (box.north - box.south) == pytest.approx(16 / 9)
    lone = maps.fit_box([TANGIER], (1600, 900), min_span=30)
    assert lone.east - lone.west == pytest.approx(30)


def test_cities_are_linked_into_one_network_by_their_shortest_links():
    points = [(0, 0), (10, 0), (20, 0), (100, 0)]
    assert maps.network_links(points) == [(0, 1), (1, 2), (2, 3)]
    assert maps.network_links(points[:1]) == []


def test_an_svg_path_has_one_closed_subpath_per_ring():
    projection = maps.Projection(maps.REGIONS["mediterranean"], (800, 450))
    polygons = maps.country_polygons("IT")
    path = maps.svg_path(polygons, projection)
    assert path.startswith("M") and path.endswith("Z")
    assert path.count("M") == sum(len(polygon) for polygon in polygons)


def test_a_map_has_its_size_sea_land_and_cities():
    size = (480, 270)
    tunis = ("Tunis", 10.18, 36.81)
    picture = maps.draw_map(
        "mediterranean", [tunis, ("Madrid", -3.70, 40.42)], size=size, highlight=["TN"]
    )
    assert picture.size == size and picture.mode == "RGB"
    colours = {colour for _count, colour in picture.getcolors(maxcolors=size[0] * size[1])}
    assert len(colours) > 20  # sea, land, borders, links, cities, and their smooth edges
    assert rgb("brand") in colours and rgb("paper") in colours
    x, y = maps.project(tunis[1], tunis[2], maps.REGIONS["mediterranean"], size)
    # The city's dot (its colour within what smoothing the edges shifts).
    dot = picture.getpixel((round(x), round(y)))
    assert all(abs(a - b) <= 8 for a, b in zip(dot, rgb("mark-2"), strict=True))
