"""Comparing two selections for the Compare page: which statements each side holds, the numbers
(:mod:`analysis.compare`) and their charts (no streamlit here).

A side is one value of one dimension (``by``): a speaker, a country, a topic or a period of
article dates (``2014-01-01..2014-06-30``), taken within the sidebar's filters.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.compare import (
    Z95,
    Distinctive,
    MeanDifference,
    ShareDifference,
    informative_prior,
    log_odds_dirichlet,
    proportion_difference,
)
from analysis.keywords.shown import OwnNames, own_names, shown_phrases
from analysis.query import Filters, phrase_counts, strings
from analysis.store import Corpus
from ui.charts import FONT, short_label
from ui.labels import country_name, topic_label
from ui.safe import plotly_text

#: What can be compared: ``by`` -> label.
BY = {"speaker": "Speakers", "country": "Countries", "topic": "Topics", "period": "Periods"}
COLOR_A, COLOR_B = "#0072B2", "#D55E00"
#: The distinctive phrases a page keeps of each end of a comparison's ranking (it draws 12 a side).
PHRASES_KEPT = 50


def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """``"2014-01-01..2014-06-30"`` -> the two dates (in order); None when it is not two ISO dates."""
    parts = str(text).split("..")
    if len(parts) != 2:
        return None
    try:
        start, end = (dt.date.fromisoformat(p.strip()) for p in parts)
    except ValueError:
        return None
    return (start, end) if start <= end else (end, start)


def format_period(start: dt.date, end: dt.date) -> str:
    """The URL form of a period: ``2014-01-01..2014-06-30``."""
    return f"{start.isoformat()}..{end.isoformat()}"


def side_label(by: str, value: str) -> str:
    """How a side is named on the page ("Germany", "Diplomacy & relations", "2014-01-01 to 2014-06-30")."""
    if by == "country":
        return country_name(value)
    if by == "topic":
        return topic_label(value)
    if by == "period":
        period = parse_period(value)
        return f"{period[0]} to {period[1]}" if period else value
    return value


def side_quotes(quotes: pd.DataFrame, by: str, value: str) -> pd.DataFrame:
    """The statements of ``quotes`` on one side: by the speaker, naming the country or topic, or
    from an article dated within the period (undated statements belong to no period).

    Raises:
        ValueError: For an unknown ``by`` or a period that is not two ISO dates.
    """
    if by == "speaker":
        return quotes[(strings(quotes["speaker"]) == value).to_numpy()]
    if by == "country":
        return quotes[[value in codes for codes in quotes["countries"]]]
    if by == "topic":
        return quotes[[value in topics for topics in quotes["topics"]]]
    if by == "period":
        period = parse_period(value)
        if period is None:
            raise ValueError(f"a period is two ISO dates joined by '..', not {value!r}")
        dates = pd.to_datetime(strings(quotes["date"]), errors="coerce")
        inside = (dates >= pd.Timestamp(period[0])) & (dates < pd.Timestamp(period[1]) + pd.Timedelta(days=1))
        return quotes[inside.to_numpy()]
    raise ValueError(f"cannot compare by {by!r}; expected one of {sorted(BY)}")


@dataclass(frozen=True)
class Side:
    """What one side holds: statements, named speakers, articles."""

    label: str
    statements: int
    speakers: int
    articles: int


@dataclass(frozen=True)
class Comparison:
    """Two sides side by side (see :func:`compare`)."""

    a: Side
    b: Side
    phrases: list[Distinctive]
    topics: list[ShareDifference]
    countries: list[ShareDifference]
    tone: MeanDifference


def side_counts(corpus: Corpus, quotes: pd.DataFrame) -> dict:
    """What a comparison needs of one side's statements ``quotes`` (rows of ``corpus.quotes``), in the
    shape of :meth:`analysis.engine.Engine.side_counts`: ``statements``, named ``speakers``,
    ``articles``, ``topics`` and ``countries`` (value -> statements naming it), ``phrases`` (key
    phrase -> statements holding it) and ``tone`` (values, mean, sample variance).
    """
    tone = pd.to_numeric(quotes["tone"], errors="coerce").dropna().to_numpy(dtype=float)
    counts = {name: dict(Counter(v for row in quotes[name] for v in set(row))) for name in ("topics", "countries")}
    return {"statements": len(quotes), "speakers": int(strings(quotes["speaker"]).nunique()),
            "articles": int(quotes["article_id"].nunique()), "phrases": phrase_counts(corpus, quotes),
            "tone": (len(tone), float(tone.mean()) if len(tone) else None,
                     float(tone.var(ddof=1)) if len(tone) > 1 else None), **counts}


def _shares(count_a: dict[str, int], n_a: int, count_b: dict[str, int], n_b: int) -> list[ShareDifference]:
    """:func:`analysis.compare.share_differences` from counts: largest absolute difference first."""
    if not n_a or not n_b:
        return []
    out = []
    for value in sorted(set(count_a) | set(count_b)):
        k_a, k_b = count_a.get(value, 0), count_b.get(value, 0)
        difference, low, high = proportion_difference(k_a, n_a, k_b, n_b)
        out.append(ShareDifference(value, k_a, k_b, k_a / n_a, k_b / n_b, difference, low, high))
    out.sort(key=lambda s: (-abs(s.difference), s.value))
    return out


def _tone(tone_a: tuple, tone_b: tuple) -> MeanDifference:
    """:func:`analysis.compare.mean_difference` from (n, mean, sample variance) of each side."""
    (n_a, mean_a, var_a), (n_b, mean_b, var_b) = tone_a, tone_b
    mean_a, mean_b = (mean_a if n_a else None), (mean_b if n_b else None)
    if n_a < 2 or n_b < 2:
        difference = mean_a - mean_b if mean_a is not None and mean_b is not None else None
        return MeanDifference(mean_a, mean_b, difference, None, None)
    error = math.sqrt(var_a / n_a + var_b / n_b)
    difference = mean_a - mean_b
    return MeanDifference(mean_a, mean_b, difference, difference - Z95 * error, difference + Z95 * error)


def ends(phrases: list[Distinctive], keep: int) -> list[Distinctive]:
    """The first and the last ``keep`` of ``phrases`` (each once, in order): all a chart of at most
    ``keep`` phrases a side takes of them (A's first ones with z > 0, B's last ones with z < 0).
    """
    return list(phrases) if len(phrases) <= 2 * keep else [*phrases[:keep], *phrases[len(phrases) - keep:]]


def side_names(filters: Filters, by: str, a: str, b: str) -> OwnNames:
    """The names a comparison's phrases leave out: of the sidebar's filter values and of the two
    sides (comparing Russia with Ukraine, "Russia" sets A apart by definition, not as news).
    """
    sides = (a, b)
    return own_names(filters.countries + (sides if by == "country" else ()),
                     filters.speakers + (sides if by == "speaker" else ()),
                     filters.topics + (sides if by == "topic" else ()))


def comparison(a: dict, b: dict, phrases: list[Distinctive], label_a: str, label_b: str,
               names: OwnNames | None = None) -> Comparison:
    """Two sides' counts (:func:`side_counts`, ``phrases`` not needed) with their ranked ``phrases``;
    with ``names`` (:func:`side_names`, the pages' and briefs' case), less numbers, function words and
    the names of what is compared or filtered on (:func:`analysis.keywords.shown.shown_phrases`:
    ranked high by a side's use, they tell nothing). Without, the ranking as it is (what the engine's
    :meth:`~analysis.engine.Engine.distinctive_phrases` is checked against).
    """
    return Comparison(
        a=Side(label_a, a["statements"], a["speakers"], a["articles"]),
        b=Side(label_b, b["statements"], b["speakers"], b["articles"]),
        phrases=list(phrases) if names is None else shown_phrases(phrases, names, text=lambda d: d.term),
        topics=_shares(a["topics"], a["statements"], b["topics"], b["statements"]),
        countries=_shares(a["countries"], a["statements"], b["countries"], b["statements"]),
        tone=_tone(a["tone"], b["tone"]),
    )


def compare_counts(a: dict, b: dict, background: dict[str, int], label_a: str, label_b: str,
                   background_total: int | None = None, names: OwnNames | None = None) -> Comparison:
    """Counts, distinctive key phrases, topic and country shares and tone of two sides, each
    given by :func:`side_counts` (or the engine's), against the ``background`` phrase counts of
    the whole corpus (Monroe et al. 2008: an informative prior, scaled to A and B together).

    ``background`` may hold only the phrases of A and B when ``background_total`` gives the whole
    corpus's sum (what the prior needs of the rest): a large store's every phrase is not read.
    """
    scale = sum(a["phrases"].values()) + sum(b["phrases"].values())
    terms = set(a["phrases"]) | set(b["phrases"])
    total = background_total if background_total is not None else sum(v for v in background.values() if v > 0)
    prior = informative_prior({t: background[t] for t in terms if t in background}, scale=scale,
                              total=total) if scale else {}
    return comparison(a, b, log_odds_dirichlet(a["phrases"], b["phrases"], prior, prior_total=scale if prior else None),
                      label_a, label_b, names)


def compare(corpus: Corpus, quotes_a: pd.DataFrame, quotes_b: pd.DataFrame, label_a: str, label_b: str,
            names: OwnNames | None = None) -> Comparison:
    """Counts, distinctive key phrases (less the ``names``, see :func:`comparison`), topic and
    country shares and tone of two selections.

    The phrases' prior is the whole corpus's phrase counts scaled to the size of A and B together
    (Monroe et al. 2008: an informative prior as strong as the data).
    """
    return compare_counts(side_counts(corpus, quotes_a), side_counts(corpus, quotes_b),
                          phrase_counts(corpus, corpus.quotes), label_a, label_b, names=names)


#: |z| from which a key phrase's difference is one the counts can tell at 95%.
CLEAR_Z = Z95


def phrases_figure(phrases: list[Distinctive], label_a: str, label_b: str, top: int = 12) -> go.Figure:
    """Bars of z-scores: A's most distinctive phrases to the right, B's to the left."""
    a_side = [d for d in phrases if d.z > 0][:top]
    b_side = [d for d in reversed(phrases) if d.z < 0][:top]
    chosen = sorted(a_side + b_side, key=lambda d: d.z)
    names = [plotly_text(short_label(d.term, 28)) for d in chosen]
    fig = go.Figure(go.Bar(
        x=[d.z for d in chosen], y=names, orientation="h",
        marker_color=[COLOR_A if d.z > 0 else COLOR_B for d in chosen],
        customdata=[[d.count_a, d.count_b] for d in chosen],
        hovertemplate=(f"%{{y}}<br>z = %{{x:.2f}}<br>{plotly_text(label_a)}: %{{customdata[0]}} statements"
                       f"<br>{plotly_text(label_b)}: %{{customdata[1]}} statements<extra></extra>"),
    ))
    fig.update_xaxes(title=f"← more {plotly_text(label_b)} · z-score · more {plotly_text(label_a)} →",
                     zeroline=True, zerolinecolor="#888")
    # Where a difference becomes one the counts can tell (95%): bars short of it are not (session 18, qa4).
    for edge in (-CLEAR_Z, CLEAR_Z):
        fig.add_vline(x=edge, line_dash="dot", line_color="#555", line_width=1)
    fig.update_layout(title=dict(text="Distinctive key phrases (log-odds, informative Dirichlet prior)", x=0),
                      height=max(260, 22 * len(chosen) + 120), font=FONT, margin=dict(l=10, r=10, t=50, b=10))
    return fig


def shares_figure(shares: list[ShareDifference], names: dict[str, str], label_a: str, label_b: str,
                  title: str, top: int = 12) -> go.Figure:
    """The largest differences of share (A minus B, percentage points) with their 95% intervals."""
    chosen = sorted(shares[:top], key=lambda s: s.difference)
    labels = [plotly_text(short_label(names.get(s.value, s.value), 30)) for s in chosen]
    fig = go.Figure(go.Scatter(
        x=[100 * s.difference for s in chosen], y=labels, mode="markers",
        marker=dict(size=10, color=[COLOR_A if s.difference > 0 else COLOR_B for s in chosen],
                    line=dict(width=[2 if s.clear else 0 for s in chosen], color="#222")),
        error_x=dict(type="data", symmetric=False, array=[100 * (s.high - s.difference) for s in chosen],
                     arrayminus=[100 * (s.difference - s.low) for s in chosen], color="#777", thickness=1.5),
        customdata=[[100 * s.share_a, s.count_a, 100 * s.share_b, s.count_b, 100 * s.low, 100 * s.high]
                    for s in chosen],
        hovertemplate=(f"%{{y}}<br>{plotly_text(label_a)}: %{{customdata[0]:.1f}}% (%{{customdata[1]}})"
                       f"<br>{plotly_text(label_b)}: %{{customdata[2]:.1f}}% (%{{customdata[3]}})"
                       "<br>difference %{x:+.1f} points, 95% interval %{customdata[4]:+.1f} to "
                       "%{customdata[5]:+.1f}<extra></extra>"),
    ))
    fig.add_vline(x=0, line_color="#888", line_width=1)
    # Two lines: on one, the title ran past a half-width chart's edge ("... (points of shar", qa4).
    fig.update_xaxes(title=f"{plotly_text(short_label(label_a, 18))} minus {plotly_text(short_label(label_b, 18))}"
                           "<br>(points of share)")
    fig.update_layout(title=dict(text=title, x=0), height=max(240, 26 * len(chosen) + 120), font=FONT,
                      margin=dict(l=10, r=10, t=50, b=10), showlegend=False)
    return fig


def share_names(by: str, shares: list[ShareDifference]) -> dict[str, str]:
    """Display names of the values of a share table (countries or topics)."""
    return {s.value: (country_name(s.value) if by == "country" else topic_label(s.value)) for s in shares}
