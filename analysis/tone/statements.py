"""The tone of each statement towards each person and country it names.

The targets of a statement are the person and country mentions the pipeline found inside its
content (``quote.start`` .. ``quote.end``); the content alone goes through
:class:`~analysis.tone.targeted.ToneModel`, all statements of an article in one batched call.
A statement that names the same target twice gets the polarity most of its mentions get (on
a tie, the first mention's). Statements without targets cost nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from analysis.records import EntityMention, Quote
from analysis.tone.targeted import ToneModel

#: Mention kinds a statement's tone is measured towards.
TARGET_KINDS = ("person", "country")


def statement_targets(quote: Quote, mentions: Sequence[EntityMention]) -> list[EntityMention]:
    """Return the person and country mentions inside a statement's content, in text order."""
    return [m for m in mentions if m.kind in TARGET_KINDS and quote.start <= m.start and m.end <= quote.end]


def target_tones(
    text: str, quotes: Sequence[Quote], mentions: Sequence[EntityMention], model: ToneModel | None
) -> list[tuple[tuple[str, str, str], ...]]:
    """Return, per quote, its (kind, key, polarity) per target, targets in order of first mention.

    Args:
        text: The article text all offsets index.
        quotes: The article's statements.
        mentions: The article's entity and place mentions.
        model: The tone model; None (its file is missing) gives no tones.
    """
    targets = [statement_targets(quote, mentions) if model is not None else [] for quote in quotes]
    asked = [i for i, found in enumerate(targets) if found]
    items = []
    for i in asked:
        start, end = quotes[i].start, quotes[i].end
        items.append((text[start:end], [(m.start - start, m.end - start) for m in targets[i]]))
    polarities = model.polarities(items) if items else []
    found: list[tuple[tuple[str, str, str], ...]] = [() for _ in quotes]
    for i, labels in zip(asked, polarities, strict=True):
        votes: dict[tuple[str, str], list[str]] = {}
        for mention, label in zip(targets[i], labels, strict=True):
            votes.setdefault((mention.kind, mention.key), []).append(label)
        found[i] = tuple((kind, key, Counter(labels).most_common(1)[0][0]) for (kind, key), labels in votes.items())
    return found
