"""The tone of each statement towards each person and country it names.

The targets of a statement are the person and country mentions the pipeline found inside its
content (``quote.start`` .. ``quote.end``). The model (:class:`~analysis.tone.targeted.ToneModel`,
trained on single news sentences) reads, for each target, the part of the content inside the
target's sentence, once for all targets of that part; all statements of an article go in one
batched call. Sentences of a content that name no target are not read.
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


def _unit(quote: Quote, mention: EntityMention, sentences: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The stretch the model reads for a target: the content inside the target's sentence."""
    for start, end in sentences:
        if start <= mention.start < end:
            return max(start, quote.start), min(end, quote.end)
    return quote.start, quote.end


def target_tones(
    text: str,
    quotes: Sequence[Quote],
    mentions: Sequence[EntityMention],
    model: ToneModel | None,
    sentences: Sequence[tuple[int, int]] = (),
) -> list[tuple[tuple[str, str, str], ...]]:
    """Return, per quote, its (kind, key, polarity) per target, targets in order of first mention.

    Args:
        text: The article text all offsets index.
        quotes: The article's statements.
        mentions: The article's entity and place mentions.
        model: The tone model; None (its file is missing) gives no tones.
        sentences: The article's sentence spans; without them the whole content is read.
    """
    targets = [statement_targets(quote, mentions) if model is not None else [] for quote in quotes]
    units: dict[tuple[int, int], list[tuple[int, EntityMention]]] = {}
    for i, found_here in enumerate(targets):
        for mention in found_here:
            units.setdefault(_unit(quotes[i], mention, sentences), []).append((i, mention))
    items = [(text[start:end], [(m.start - start, m.end - start) for _i, m in members])
             for (start, end), members in units.items()]
    polarities = model.polarities(items) if items else []
    votes: list[dict[tuple[str, str], list[str]]] = [{} for _ in quotes]
    for members, labels in zip(units.values(), polarities, strict=True):
        for (i, mention), label in zip(members, labels, strict=True):
            votes[i].setdefault((mention.kind, mention.key), []).append(label)
    return [tuple((kind, key, Counter(labels).most_common(1)[0][0]) for (kind, key), labels in sorted(
        per_target.items(), key=lambda item: _first(targets[i], item[0]))) for i, per_target in enumerate(votes)]


def _first(mentions: list[EntityMention], target: tuple[str, str]) -> int:
    return next(n for n, m in enumerate(mentions) if (m.kind, m.key) == target)
