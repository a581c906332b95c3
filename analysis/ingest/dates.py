"""Publication dates and outlets read from the article itself, where it gives them.

- :func:`parse_date`: a date-like value ("2024-06-12T09:30:00Z", "12 June 2024", "June 12,
  2024", "Tue, 03 Mar 2015 10:00:00 GMT", a bare year) as an ISO date, else None.
- :func:`date_in_text`: a date stated at the top of a text: a "Published 12 June 2024" /
  "Updated: ..." / "Date: ..." line, a date alone on one of the first lines, or a dateline with
  a year ("LONDON, March 3, 2024 (Reuters) -"). A dateline without a year ("KIEV, October 25 (RIA
  Novosti) -") gives no date: guessing the year would put statements in the wrong period.
- :func:`outlet_in_text`: the news agency of a dateline ("(Reuters) -", "WARSAW (AFP) -").
- :func:`html_metadata`: ``article:published_time``, ``og:site_name`` and their kin from an HTML
  page's ``<meta>`` tags, JSON-LD (``datePublished``, ``publisher.name``) and ``<time datetime>``.
- :func:`with_found_metadata`: an article with its missing date and outlet filled from these.

Only the first :data:`HEAD_CHARS` characters of a text are read: a date further down is about
something else ("the war began on 24 February 2022").
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from analysis.records import Article

#: Where a text states its own date and dateline.
HEAD_CHARS = 600
#: Dates outside these years are not news dates (a typo, a number).
YEARS = (1800, 2100)

_MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
#: "12 June 2024", "June 12, 2024", "Jun. 12 2024", "2024-06-12", "12.06.2024" (day first).
_DATE_FORMS = [
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)"),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:1[89]|20)\d\d)\b"),
]
_LABELLED = re.compile(r"^\s*(?:published|posted|updated|first published|date|dated|last updated)"
                       r"(?:\s+on)?\s*[:\-–—]?\s*(?P<rest>.{6,80})$", re.I | re.M)
#: "LONDON, March 3, 2024 (Reuters) -", "SIMFEROPOL, Ukraine (AFP) -", "(ANSA) - Rome, January 24 -":
#: a place in capitals, optionally a country or date after it, the agency in parentheses, a dash.
_AGENCY = r"\((?P<agency>[A-Z][\w.&' -]{1,30}?|[A-ZČŠŽ]{2,6})\)"
_PLACE = r"[A-Z][A-Z.'-]+(?:[ /][A-Z][A-Z.'-]+)*"
_DATELINE = re.compile(rf"^\s*{_PLACE}(?:,?\s+(?P<when>[A-Z][\w.]*(?:,?\s+[\w.]+){{0,3}}))?,?\s*{_AGENCY}\s*[-–—]",
                       re.M)
_AGENCY_FIRST = re.compile(rf"^\s*{_AGENCY}\s*[-–—]", re.M)
#: Agencies as datelines abbreviate them.
AGENCIES = {"AP": "Associated Press", "AFP": "Agence France-Presse", "UPI": "United Press International",
            "DPA": "Deutsche Presse-Agentur", "CTK": "ČTK", "ČTK": "ČTK", "PAP": "Polish Press Agency",
            "ANSA": "ANSA", "EFE": "EFE", "IANS": "IANS", "PTI": "Press Trust of India", "TASS": "TASS",
            "ITAR-TASS": "ITAR-TASS", "RIA NOVOSTI": "RIA Novosti", "REUTERS": "Reuters", "BLOOMBERG": "Bloomberg"}
#: Words in parentheses after a place that are not agencies ("LONDON (update 2) -").
_NOT_AGENCIES = re.compile(r"^(?:update|updated|corrected|refile|repeat|photos?|video|live|\d+)\b", re.I)


def _valid(year: int, month: int, day: int) -> str | None:
    """The ISO date when it exists and lies in :data:`YEARS`, else None."""
    if not YEARS[0] <= year <= YEARS[1]:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(match: re.Match) -> str | None:
    month = match.group("month")
    number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
    return _valid(int(match.group("year")), number, int(match.group("day")))


def parse_date(value) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date-like value, a bare year as 1 January, else None.

    Reads ISO dates and timestamps, "12 June 2024", "June 12, 2024", "12.06.2024" (day
    first), RFC 2822 ("Tue, 03 Mar 2015 10:00:00 GMT") and a year alone. Never raises.
    """
    if value is None:
        return None
    text = str(value).strip()[:200]
    if not text:
        return None
    bare = re.fullmatch(r"((?:1[89]|20)\d\d)", text)
    if bare:
        return _valid(int(bare.group(1)), 1, 1)
    for form in _DATE_FORMS:
        match = form.search(text)
        if match:
            found = _from_match(match)
            if found:
                return found
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _valid(parsed.year, parsed.month, parsed.day) if parsed else None


def date_in_text(text: str) -> str | None:
    """The date a text states for itself at its top (see the module docstring), else None."""
    head = str(text or "")[:HEAD_CHARS]
    for match in _LABELLED.finditer(head):
        found = parse_date(match.group("rest"))
        if found and not re.fullmatch(r"\s*\d{4}\s*", match.group("rest")):
            return found
    match = _DATELINE.search(head)
    if match and match.group("when"):
        found = _full_date(match.group("when"))
        if found:
            return found
    for line in head.split("\n")[:5]:
        line = line.strip(" \t·|-–—")
        if 6 <= len(line) <= 40:
            found = _full_date(line)
            if found and len(re.sub(r"[\W\d_]+", " ", line).split()) <= 3:  # a date line, not a sentence
                return found
    return None


def _full_date(text: str) -> str | None:
    """A date with day, month and year written in ``text`` (no bare years), else None."""
    for form in _DATE_FORMS:
        match = form.search(text)
        if match:
            return _from_match(match)
    return None


def outlet_in_text(text: str) -> str | None:
    """The agency of a dateline at the top of a text ("KIEV (Reuters) -" -> "Reuters"), else None."""
    head = str(text or "")[:HEAD_CHARS]
    for pattern in (_AGENCY_FIRST, _DATELINE):
        match = pattern.search(head)
        if match and match.start() < 200:
            agency = match.group("agency").strip()
            if _NOT_AGENCIES.match(agency):
                continue
            return AGENCIES.get(agency.upper(), agency)
    return None


class _Meta(HTMLParser):
    """Collect ``<meta>`` name/property -> content, JSON-LD scripts and the first ``<time datetime>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self.time: str | None = None
        self._in_json = False

    def handle_starttag(self, tag, attrs):  # noqa: D102
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and values.get("content") and key not in self.meta:
                self.meta[key] = values["content"].strip()
        elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self._in_json = True
            self.json_ld.append("")
        elif tag == "time" and self.time is None and values.get("datetime"):
            self.time = values["datetime"]

    def handle_endtag(self, tag):  # noqa: D102
        if tag == "script":
            self._in_json = False

    def handle_data(self, data):  # noqa: D102
        if self._in_json:
            self.json_ld[-1] += data


_META_DATES = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
               "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
               "parsely-pub-date", "article:modified_time")
_META_OUTLETS = ("og:site_name", "application-name", "publisher", "dc.publisher", "article:publisher",
                 "twitter:site")


def _json_ld_fields(blocks: list[str]) -> tuple[str | None, str | None]:
    """(datePublished, publisher name) from JSON-LD blocks (objects, lists, ``@graph``)."""
    found_date, found_outlet = None, None
    stack: list = []
    for block in blocks:
        try:
            stack.append(json.loads(block[:200_000]))
        except (ValueError, RecursionError):
            continue
    seen = 0
    while stack and seen < 500:
        seen += 1
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if found_date is None and isinstance(item.get("datePublished"), str):
                found_date = item["datePublished"]
            publisher = item.get("publisher")
            if found_outlet is None and isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                found_outlet = publisher["name"]
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return found_date, found_outlet


def html_metadata(markup: str) -> dict[str, str]:
    """``{"date": ISO date, "outlet": name}`` (keys only when found) from an HTML page's metadata."""
    parser = _Meta()
    try:
        parser.feed(str(markup or "")[:2_000_000])
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; a broken page gives no metadata
        return {}
    ld_date, ld_outlet = _json_ld_fields(parser.json_ld)
    found: dict[str, str] = {}
    for value in [*(parser.meta.get(k) for k in _META_DATES), ld_date, parser.time]:
        parsed = parse_date(value) if value else None
        if parsed:
            found["date"] = parsed
            break
    for value in [*(parser.meta.get(k) for k in _META_OUTLETS), ld_outlet]:
        if value and not re.match(r"https?://", value):
            found["outlet"] = value.lstrip("@").strip()[:120]
            break
    return found


def with_found_metadata(article: Article, markup: str | None = None) -> Article:
    """``article`` with a missing date or outlet taken from the HTML ``markup``'s metadata or
    from its text (see :func:`date_in_text`, :func:`outlet_in_text`); given values are kept.
    """
    if article.date and article.outlet:
        return article
    meta = html_metadata(markup) if markup else {}
    found_date = article.date or meta.get("date") or date_in_text(article.text)
    found_outlet = article.outlet or meta.get("outlet") or outlet_in_text(article.text)
    if found_date == article.date and found_outlet == article.outlet:
        return article
    return dataclasses.replace(article, date=found_date, outlet=found_outlet)
