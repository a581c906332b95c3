"""The chosen values of one filter side by side (session 20).

The Countries and Topics pages leave a filtered country or topic out of their charts: with one value
it is on every statement, its bar the total. With two or more values of one filter
(``?country=DEU&country=FRA``) that also left out the split between them, said only in a caption.
:func:`show_chosen` draws it: a bar for each chosen value that the statements carry, with two of them
the statements carrying both as their own hatched part, and a link to compare the two.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.chart_style import FONT
from ui.charts import country_color
from ui.components import chart
from ui.labels import country_name, topic_color, topic_label
from ui.layout import page_url, plural
from ui.safe import md, plotly_text

#: For each filter: the key column of its counts, the Compare page's ``by``, the value's name and colour,
#: and the plural noun.
KINDS = {
    "country": ("iso3", "country", country_name, country_color, "countries"),
    "topic": ("topic", "topic", topic_label, topic_color, "topics"),
}


def chosen_split(counts: pd.DataFrame, key: str, chosen: tuple[str, ...], both: int | None) -> pd.DataFrame:
    """The rows of ``counts`` (``key``, ``statements``) of the ``chosen`` values, in the filter's order,
    with ``only`` (statements carrying no other chosen value) and ``shared`` (the rest). ``both``: the
    statements carrying both of two values (None: not known, every count in ``only``).
    """
    rows = counts[counts[key].isin(chosen)].set_index(key).reindex([v for v in chosen if v in set(counts[key])])
    statements = rows["statements"].astype(int)
    shared = pd.Series(0 if both is None else int(both), index=rows.index).clip(upper=statements)
    return pd.DataFrame({key: rows.index, "statements": statements.to_numpy(),
                         "only": (statements - shared).to_numpy(), "shared": shared.to_numpy()})


def chosen_bars(split: pd.DataFrame, key: str, name, color, title: str, shared_verb: str = "") -> go.Figure:
    """Horizontal bars of ``split`` (:func:`chosen_split`), the first value on top, each in its colour:
    the statements of that value alone ("22 only"), then, hatched, those it shares with the other
    value, written after the bar ("7 also naming France": ``shared_verb`` "also naming").
    """
    data = split.iloc[::-1]
    names = [plotly_text(name(v)) for v in data[key]]
    colors = [color(v) for v in data[key]]
    sharing = bool(data["shared"].any())
    traces = [go.Bar(x=data["only"], y=names, orientation="h", marker_color=colors, showlegend=False,
                     text=[(f"{n:,} only" if n else "") if sharing else f"{n:,}" for n in data["only"]],
                     textposition="inside" if sharing else "outside", insidetextanchor="start", cliponaxis=False,
                     hovertemplate="%{y}: %{x} statements of no other chosen value<extra></extra>")]
    if sharing:
        others = [plotly_text(name(v)) for v in data[key].iloc[::-1]]  # two values: each bar's other one
        notes = [f"{n:,} {shared_verb} {other}" for n, other in zip(data["shared"], others, strict=True)]
        traces.append(go.Bar(x=data["shared"], y=names, orientation="h", showlegend=False, text=notes,
                             textposition="outside", cliponaxis=False, customdata=notes,
                             marker=dict(color=colors, pattern=dict(shape="/", fgcolor="#ffffff", solidity=0.4)),
                             hovertemplate="%{y}: %{customdata}<extra></extra>"))
    top = int(data["statements"].max()) if len(data) else 1
    return go.Figure(traces, layout=dict(
        title=dict(text=title, x=0, xanchor="left"), height=110 + 40 * len(data), font=FONT, barmode="stack",
        margin=dict(l=10, r=10, t=50, b=10), uniformtext=dict(mode="hide", minsize=10),
        xaxis=dict(title=dict(text="Statements"), tickformat=",d", dtick=1 if top <= 10 else None,
                   range=[0, top * (1.45 if sharing else 1.1)]),
        yaxis=dict(title=dict(text=""))))


def chosen_note(param: str, counts: pd.DataFrame, chosen: tuple[str, ...]) -> str:
    """For a page that leaves the chosen values out and has no room for :func:`show_chosen` (the
    Overview): "The chosen countries: Germany in 29 statements, France in 12 (side by side on the
    Countries page)."; "" for fewer than two carried values.
    """
    column, _by, name, _color, noun = KINDS[param]
    rows = chosen_split(counts, column, chosen, None)
    if len(rows) < 2:
        return ""
    parts = [f"{md(name(v))} in {n:,}" for v, n in zip(rows[column], rows["statements"], strict=True)]
    parts[0] += " statement" if rows["statements"].iloc[0] == 1 else " statements"
    return f"The chosen {noun}: {', '.join(parts)} (side by side on the {noun.title()} page)."


def _shared_note(param: str, names: list[str], split: pd.DataFrame, both: int) -> str:
    """"7 statements name both Germany and France; 22 name only Germany, 5 only France." (topics: "are on")."""
    a, b = (md(n) for n in names)
    only_a, only_b = (int(n) for n in split["only"])
    if param == "country":
        return (f"{plural(both, 'statement')} {'names' if both == 1 else 'name'} both {a} and {b}; "
                f"{only_a:,} {'names' if only_a == 1 else 'name'} only {a}, {only_b:,} only {b}.")
    return (f"{plural(both, 'statement')} {'is' if both == 1 else 'are'} on both {a} and {b}; "
            f"{only_a:,} {'is' if only_a == 1 else 'are'} on {a} only, {only_b:,} on {b} only.")


def show_chosen(param: str, counts: pd.DataFrame, chosen: tuple[str, ...], total: int, key: str,
                both: int | None = None) -> bool:
    """On a page of ``counts`` (statements per ``param`` value, ``country`` or ``topic``) of a selection
    of ``total`` statements filtered by ``chosen``: when two or more chosen values are carried, their
    bars side by side, what two of them share, and a link to compare those two; returns whether drawn.

    ``both``: the statements carrying both of two carried values. By default the sum of the two counts
    less ``total``, right when every statement carries one or both (values of a filter are "any of
    them"); a country page passes the pair's count of countries named together, which also holds when
    the countries are those the statements are "about" and the counts those they name.
    """
    column, by, name, color, noun = KINDS[param]
    present = [v for v in chosen if v in set(counts[column])]
    if len(present) < 2:
        return False
    if len(present) == 2 and both is None:
        both = int(counts[counts[column].isin(present)]["statements"].sum()) - total
    elif len(present) > 2:
        both = None
    split = chosen_split(counts, column, tuple(present), both)
    names = [name(v) for v in present]
    shared_verb = "also naming" if param == "country" else "also on"
    chart(chosen_bars(split, column, name, color, f"The chosen {noun} side by side", shared_verb), key=key)
    if both is None:
        st.caption(f"A statement of several of the {len(present)} chosen {noun} is counted in the bar of each.")
        return True
    st.caption(_shared_note(param, names, split, both))
    st.link_button(f"Compare {names[0]} and {names[1]}", page_url("compare", by=by, a=present[0], b=present[1]),
                   icon=":material/compare_arrows:")
    return True
