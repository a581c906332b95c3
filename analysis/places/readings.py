"""Choosing one reading of a place name that several places share, from the article's context.

A reading is a place a surface can denote: ``Reading("USA", "US-TX", 24782, "city")`` for
"Paris". The choice, in order:

1. a qualifier right after the name decides ("Paris, Texas", "London, Ont.", "Athens, Greece"),
   also for a town the gazetteer lacks ("London, Ky." is in Kentucky, whatever namesakes exist);
   a surface once qualified keeps that reading in the rest of the article (one sense per
   discourse: "London, Ky." then "London");
2. otherwise the reading with the most support from the article's unambiguous mentions wins:
   2 points when the article names the reading's state or province (or another place in it),
   1 point when it names the reading's country ("Athens" beside "Atlanta" is in Georgia, US).
   A small namesake (under :data:`MIN_POPULATION`) gets its country's point only when that
   country dominates the article (:data:`DOMINANT_SHARE` of its unambiguous mentions: local
   news), so "Geneva" in a US report on talks with Iran stays in Switzerland. A country's own
   name, seat or capital gets 2 points for being one, and so does a state, county or small town of the
   country that dominates the article ("Lebanon" beside "Boone County" is the town; "Jamaica's
   prime minister" in a US report is not Jamaica, Queens);
3. ties go to the larger prior: a country's own name first, then population (capitals count
   double, as the news names them more often). When the two best readings are in different
   countries, equally supported and the larger less than :data:`DOMINANCE` times the other
   ("Richmond": Virginia 227k, British Columbia 210k; "Punjab": India, Pakistan), the name
   gives nothing.

A small place (under :data:`MIN_POPULATION`) is reported only when a qualifier or the context
chose it; without them its larger namesake wins.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Population from which a city resolves to its country without a qualifier or context.
MIN_POPULATION = 100_000
#: How many times larger a reading's prior must be than a rival's in another country to win without context.
DOMINANCE = 2
#: The qualifier of a name followed by a US town's institution ("Paris High School"); ignored
#: when another country dominates the article.
US_TOWN = ("USA", "US")
#: Share of an article's unambiguous country mentions from which one country dominates it.
DOMINANT_SHARE = 0.75
#: Prior of a reading that is a country's own name or demonym, above every city.
NAME_PRIOR = 10**10


#: Which kind of reading names a place when all readings are in one country ("Berlin" the
#: capital, not the state; "Scotland" the nation's name).
KIND_ORDER = ("name", "demonym", "seat", "institution", "capital", "city", "state", "county")


@dataclass(frozen=True)
class Reading:
    """One place a surface can denote.

    Attributes:
        iso3: The country.
        region: ISO 3166-2-like code of the state or province ("US-TX", "CA-ON"), or "".
        prior: Population, or a fixed prior for states and countries' own names.
        kind: "name", "demonym", "capital", "seat", "institution", "city", "state" or "county".
    """

    iso3: str
    region: str
    prior: int
    kind: str


@dataclass
class Candidate:
    """A place-name match of an article waiting for its reading."""

    start: int
    end: int
    surface: str
    readings: tuple[Reading, ...]
    qualifier: tuple[str, str] | None = None  # (iso3, region) written right after the name
    own_name: bool = False  # a country's own unambiguous name: "Russia, Georgia and Ukraine" is a list

    @property
    def unambiguous(self) -> Reading | None:
        """The reading when all readings name one place (same country and region), else None."""
        places = {(r.iso3, r.region) for r in self.readings}
        return max(self.readings, key=lambda r: r.prior) if len(places) == 1 else None


def apply_qualifier(candidate: Candidate) -> Reading | None:
    """The reading a qualifier after the name picks, or None when it picks none.

    A state or province qualifier may name a place the gazetteer does not know ("Turkey, Texas",
    "London, Ky."), except after a country's own unambiguous name (``candidate.own_name``).
    """
    if candidate.qualifier is None:
        return None
    iso3, region = candidate.qualifier
    same_region = [r for r in candidate.readings if region and r.region == region]
    if same_region:
        return max(same_region, key=lambda r: r.prior)
    if "-" not in region:  # a country ("Athens, Greece") or only the country known ("Paris High School")
        same_country = [r for r in candidate.readings if r.iso3 == iso3]
        if same_country:
            return max(same_country, key=lambda r: r.prior)
    if region and not candidate.own_name:
        return Reading(iso3, region if "-" in region else "", 0, "city")
    return None


def support_of(reading: Reading, regions: set[str], countries: set[str], dominant: str | None = None) -> int:
    """Points of context for a reading (see the module docstring)."""
    points = 2 * (bool(reading.region) and reading.region in regions)
    if reading.iso3 in countries and (reading.prior >= MIN_POPULATION or reading.iso3 == dominant):
        points += 1
    if reading.prior >= NAME_PRIOR or reading.kind == "capital":
        points += 2
    elif reading.iso3 == dominant and (reading.kind in {"state", "county"} or reading.prior < MIN_POPULATION):
        points += 2  # local news names its own towns and states
    return points


def dominant_country(anchors: list[tuple[str, str]]) -> str | None:
    """The country of at least :data:`DOMINANT_SHARE` of the anchors, else None."""
    counts: dict[str, int] = {}
    for iso3, _region in anchors:
        counts[iso3] = counts.get(iso3, 0) + 1
    total = sum(counts.values())
    best = max(counts, key=counts.get, default=None)
    return best if best is not None and counts[best] >= DOMINANT_SHARE * total else None


def choose(candidate: Candidate, regions: set[str], countries: set[str], dominant: str | None = None) -> Reading | None:
    """Pick the reading of an unqualified candidate from the article's anchors (see module doc)."""
    scored = sorted(
        ((support_of(r, regions, countries, dominant), r.prior, r) for r in candidate.readings),
        key=lambda item: (item[0], item[1]),
        reverse=True,
    )
    if not scored:
        return None
    support, prior, best = scored[0]
    rivals = [item for item in scored[1:] if item[0] == support and item[2].iso3 != best.iso3]
    if rivals and prior < DOMINANCE * rivals[0][1]:
        return None
    if best.kind == "city" and prior < MIN_POPULATION and not support:
        return None
    return best


def _merged(readings) -> tuple[Reading, ...]:
    """One reading per (country, region), the largest prior kept, in first-seen order."""
    best: dict[tuple[str, str], Reading] = {}
    for reading in readings:
        key = (reading.iso3, reading.region)
        if key not in best or reading.prior > best[key].prior:
            best[key] = reading
    return tuple(best.values())


def resolve(candidates: list[Candidate], anchors: list[tuple[str, str]],
            demonyms: tuple[str, ...] = ()) -> list[tuple[Candidate, Reading]]:
    """Resolve every candidate of one article.

    A surface is read the same way throughout the article unless a qualifier says otherwise
    (one sense per discourse): its readings are pooled over its occurrences before choosing.

    Args:
        candidates: The place-name matches.
        anchors: (iso3, region) of the article's other unambiguous mentions (region may be "").
        demonyms: Countries the article names through their people ("Russian"): they support
            their country's readings but do not make a country dominate the article.

    Returns:
        (candidate, chosen reading) for each candidate that resolves, in input order.
    """
    before = dominant_country(anchors)
    chosen: dict[int, Reading] = {}
    sense: dict[str, Reading] = {}
    pooled: dict[str, tuple[Reading, ...]] = {}
    for index, candidate in enumerate(candidates):
        pooled[candidate.surface] = _merged(pooled.get(candidate.surface, ()) + candidate.readings)
        if candidate.qualifier == (US_TOWN[0], US_TOWN[1]) and before not in (None, US_TOWN[0]):
            candidate.qualifier = None  # "Manchester High School" in British news
        reading = apply_qualifier(candidate)
        if reading is not None:
            chosen[index] = reading
            sense.setdefault(candidate.surface, reading)
    qualified = set(sense)
    regions = {region for _iso3, region in anchors if region}
    countries = {iso3 for iso3, _region in anchors} | set(demonyms)
    unambiguous = list(anchors)
    for surface, readings in pooled.items():
        if surface in sense:
            reading = sense[surface]
        elif len({r.iso3 for r in readings}) == 1 and not any(r.kind == "city" and r.prior < MIN_POPULATION
                                                               for r in readings):
            reading = min(readings, key=lambda r: (KIND_ORDER.index(r.kind), -r.prior))  # Berlin: capital
        else:
            continue
        sense.setdefault(surface, reading)
        countries.add(reading.iso3)
        unambiguous += [(reading.iso3, "")] * sum(1 for c in candidates if c.surface == surface)
        if len({r.region for r in readings}) == 1 or surface in qualified:
            regions.add(reading.region)
    regions.discard("")
    dominant = dominant_country(unambiguous)
    for surface, readings in pooled.items():
        if surface not in sense:
            reading = choose(Candidate(0, 0, surface, readings), regions, countries, dominant)
            if reading is not None:
                sense[surface] = reading
    for index, candidate in enumerate(candidates):
        if index in chosen:
            continue
        reading = sense.get(candidate.surface)
        if reading is not None and candidate.surface not in qualified and all(
            r.iso3 != reading.iso3 for r in candidate.readings
        ):
            continue  # this occurrence cannot be the article's reading of the name (a vetoed capital)
        if reading is not None:
            chosen[index] = reading
    return [(candidates[i], chosen[i]) for i in sorted(chosen)]
