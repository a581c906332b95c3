"""Dates and outlets read from the article (analysis.ingest.dates), table-driven with texts that give none."""

import json

import pytest

from analysis.ingest import read_bytes
from analysis.ingest.dates import date_in_text, html_metadata, outlet_in_text, parse_date

PARSE = [
    ("2024-06-12", "2024-06-12"),
    ("2024-06-12T09:30:00Z", "2024-06-12"),
    ("2024-6-3", "2024-06-03"),
    ("12 June 2024", "2024-06-12"),
    ("June 12, 2024", "2024-06-12"),
    ("Jun. 12 2024", "2024-06-12"),
    ("3rd March 2015", "2015-03-03"),
    ("Sept 9, 1991", "1991-09-09"),
    ("12.06.2024", "2024-06-12"),
    ("Tue, 03 Mar 2015 10:00:00 GMT", "2015-03-03"),
    ("1991", "1991-01-01"),
    # must give nothing
    ("", None), (None, None), ("yesterday", None), ("June 12", None), ("31 February 2024", None),
    ("2024-13-01", None), ("12/06/2024", None), ("3000", None), ("1066", None), ("Monday", None),
    ("x" * 10_000, None),
]


@pytest.mark.parametrize(("value", "expected"), PARSE)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


TEXTS = [
    ("Published 12 June 2024\n\nThe minister said ...", "2024-06-12"),
    ("Posted on: June 3, 2015 | By A Reporter\n\nText", "2015-06-03"),
    ("Updated - 2024-06-12T10:00\nText", "2024-06-12"),
    ("Title of the story\n12 June 2024\n\nThe minister said ...", "2024-06-12"),
    ("LONDON, March 3, 2024 (Reuters) - The minister said ...", "2024-03-03"),
    ("WASHINGTON, Sept. 9, 1991 (AP) - Senators said ...", "1991-09-09"),
    # must give nothing
    ("KIEV, October 25 (RIA Novosti) - The ceasefire ...", None),  # no year in the dateline
    ("Moscow, Nov.17 (ČTK) — Czech president says ...", None),
    ("The war began on 24 February 2022, the minister said, and it goes on.", None),  # a date in a sentence
    ("The minister said the talks would resume.\n" + "Filler sentence. " * 60 + "\nPublished 12 June 2024", None),
    ("Published in 2019 by the ministry, the report says ...", None),
    ("In 1997 Labour won the seat.", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), TEXTS)
def test_date_in_text(text, expected):
    assert date_in_text(text) == expected


OUTLETS = [
    ("LONDON, March 3 (Reuters) - The minister said", "Reuters"),
    ("WARSAW (AFP) - Ukraine's President said", "Agence France-Presse"),
    ("KIEV, October 25 (RIA Novosti) - The ceasefire", "RIA Novosti"),
    ("(ANSA) - Rome, January 24 - Italy requested", "ANSA"),
    ("SIMFEROPOL, Ukraine (AFP) - Russian flags", "Agence France-Presse"),
    ("WASHINGTON (AP) — Senators said", "Associated Press"),
    # must give nothing
    ("The minister (Labour) - who spoke first - said", None),
    ("LONDON (update 2) - The minister said", None),
    ("Tony Blair has said he looks forward (see below) - to it.", None),
    ("No dateline at all. (Reuters) - appears only later" + " filler" * 60 + "\nPARIS (Reuters) - x", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), OUTLETS)
def test_outlet_in_text(text, expected):
    assert outlet_in_text(text) == expected


HTML = [
    ('<meta property="article:published_time" content="2024-06-12T08:00:00+00:00">'
     '<meta property="og:site_name" content="The Daily Example">',
     {"date": "2024-06-12", "outlet": "The Daily Example"}),
    ('<meta name="pubdate" content="20240612"><meta name="date" content="June 12, 2024">', {"date": "2024-06-12"}),
    ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2015-03-03",'
     ' "publisher": {"@type": "Organization", "name": "Example News"}}]}</script>',
     {"date": "2015-03-03", "outlet": "Example News"}),
    ('<p>Posted <time datetime="2019-05-04T10:00">4 May</time></p>', {"date": "2019-05-04"}),
    ('<meta name="twitter:site" content="@examplenews">', {"outlet": "examplenews"}),
    # must give nothing
    ('<meta property="og:site_name" content="https://evil.example">', {}),
    ('<script type="application/ld+json">{not json</script><meta name="date" content="soon">', {}),
    ("<p>Published 12 June 2024</p>", {}),  # text, not metadata (the text reader finds it)
    ("", {}),
]


@pytest.mark.parametrize(("markup", "expected"), HTML)
def test_html_metadata(markup, expected):
    assert html_metadata(markup) == expected


def test_readers_fill_dates_and_outlets_where_fields_are_missing():
    page = (b'<html><head><title>Talks</title><meta property="article:published_time" content="2024-06-12">'
            b'<meta property="og:site_name" content="Example News"></head><body><p>The minister said the talks '
            b'would resume next week.</p></body></html>')
    article = read_bytes(page, "page.html").articles[0]
    assert (article.date, article.outlet) == ("2024-06-12", "Example News")
    text = read_bytes(b"KIEV, May 2, 2014 (Reuters) - The minister said the talks would resume.", "a.txt").articles[0]
    assert (text.date, text.outlet) == ("2014-05-02", "Reuters")
    plain = read_bytes(b"The minister said the talks would resume next week.", "b.txt").articles[0]
    assert (plain.date, plain.outlet) == (None, None)
    records = [{"text": "The minister said the talks would resume.", "publishedAt": "12 June 2024",
                "source": {"id": "x", "name": "Example Wire"}},
               {"text": "KIEV (Reuters) - Another minister said no.", "date": "1 May 2014", "outlet": "Given"},
               {"text": "KIEV, May 2, 2014 (AFP) - A third minister said yes."}]
    read = read_bytes("\n".join(json.dumps(r) for r in records).encode(), "x.jsonl").articles
    assert [(a.date, a.outlet) for a in read] == [("2024-06-12", "Example Wire"), ("2014-05-01", "Given"),
                                                 ("2014-05-02", "Agence France-Presse")]
