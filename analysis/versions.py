"""Versions of one story: near-duplicate articles, and the statements they repeat.

News sites publish a story several times as it develops (the BBC's "Kilroy launches 'Veritas'
party" twice, 950 and 2,472 words), and each copy repeats the same quotes, so counts of
statements would count them twice. Two articles are versions of one story when

- their ledes (first :data:`LEDE_WORDS` words) share at least :data:`LEDE_OVERLAP` of their
  word 3-grams (the smaller lede's), found with MinHash LSH (``datasketch``) so the pairs come
  without comparing every article with every other, and
- their whole texts share at least :data:`TEXT_JACCARD` of their word 5-grams (Jaccard),
  checked exactly on the candidates.

Distinct stories that reuse a background paragraph (a follow-up with the same quotes, two
stories of one conference) have different ledes and stay apart. In each story the longest
version comes first; a statement of a later version that repeats one of an earlier version
(word Jaccard at least :data:`STATEMENT_JACCARD`) is a repeat, and so is a statement quoted
again word for word by the same speaker in another article (a follow-up story re-reporting
it) or in the same one (a scraped page that repeats its lede under the headline: 9 statements
of the 300 shared articles were counted twice so): repeats are counted once when the user asks
for that (the default in the app). Pure
Python on the loaded frames and the article texts; nothing is stored.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

#: The lede: the first this many words of an article (read from its first LEDE_CHARS characters).
LEDE_WORDS, LEDE_CHARS = 60, 800
#: Texts are read this many at a time.
READ_CHUNK = 1_000
#: Share of the smaller lede's word 3-grams the other lede must have.
LEDE_OVERLAP = 0.5
#: Jaccard of the whole texts' word 5-grams two versions must reach.
TEXT_JACCARD = 0.25
#: Word-set Jaccard at which a statement repeats another of its story.
STATEMENT_JACCARD = 0.8
#: A story with more statements than this compares new ones by their exact words only (bounded time).
MAX_COMPARED = 2_000
#: A statement this long or longer quoted again word for word in another article is a repeat
#: (shorter ones, "We will see", are said again and again).
MIN_REPEAT_WORDS = 6
#: MinHash permutations and LSH bands x rows: ledes whose 3-gram Jaccard is 1/3 (the least two
#: ledes of equal size sharing half of their 3-grams have) become candidates with probability
#: 1 - (1 - (1/3)^2)^32 = 0.98 (0.996 at 0.4); candidates are checked exactly afterwards.
NUM_PERM, BANDS, ROWS = 64, 32, 2
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lower-cased words (letters and digits) of ``text``."""
    return _WORD.findall(str(text or "").lower())


def shingles(tokens: list[str], size: int) -> set[str]:
    """The word ``size``-grams of ``tokens`` (the whole text when it is shorter)."""
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def _overlap(a: set, b: set) -> float:
    """Share of the smaller set found in the other."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass(frozen=True)
class Versions:
    """Stories with two or more versions.

    Attributes:
        stories: Each story's article ids, the longest version first.
        story_of: article id -> index in ``stories`` (only articles with another version).
    """

    stories: tuple[tuple[str, ...], ...] = ()
    story_of: dict[str, int] = field(default_factory=dict)

    def others(self, article_id: str) -> tuple[str, ...]:
        """The other versions of ``article_id``'s story (none when it has no other)."""
        story = self.story_of.get(article_id)
        return () if story is None else tuple(a for a in self.stories[story] if a != article_id)


def find_versions(ids: list[str], texts: list[str] | None = None,
                  read: Callable[[list[str]], dict[str, str]] | None = None) -> Versions:
    """Group articles into stories with several versions (see the module docstring).

    Args:
        ids: Article ids.
        texts: Their texts, in the same order; or None with ``read``.
        read: Gives the texts of some ids (the app reads them from the store in chunks of
            :data:`READ_CHUNK`, so all texts are never in memory at once: ledes first, then
            the whole texts of the few candidates).
    """
    import zlib

    from datasketch import MinHash, MinHashLSH

    if read is None:
        by_id = dict(zip(ids, texts or [], strict=True))

        def read(chunk: list[str]) -> dict[str, str]:
            return {a: by_id.get(a) or "" for a in chunk}

    ledes: list[set[str]] = []
    for begin in range(0, len(ids), READ_CHUNK):
        chunk_ids = ids[begin:begin + READ_CHUNK]
        chunk = read(chunk_ids)
        # A lede's words come from the start of the text only: tokenising whole texts is the slow part.
        ledes += [shingles(words((chunk.get(a) or "")[:LEDE_CHARS])[:LEDE_WORDS], 3) for a in chunk_ids]
    # Identical ledes (copies) are candidates without hashing; one of each goes into the LSH.
    first_of: dict[frozenset, int] = {}
    candidates = []
    for position, lede in enumerate(ledes):
        if lede:
            first = first_of.setdefault(frozenset(lede), position)
            if first != position:
                candidates.append((first, position))
    distinct = sorted(first_of.values())
    # crc32 instead of datasketch's default sha1: the same signatures' quality for this job, in
    # less time (benchmarks/versions_and_search.py).
    hashes = MinHash.bulk(([s.encode("utf-8") for s in ledes[i]] for i in distinct), num_perm=NUM_PERM, seed=1,
                          hashfunc=zlib.crc32)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    with lsh.insertion_session() as session:
        for position, minhash in zip(distinct, hashes, strict=True):
            session.insert(position, minhash)
    for position, minhash in zip(distinct, hashes, strict=True):
        candidates += [(position, other) for other in lsh.query(minhash)
                       if other > position and _overlap(ledes[position], ledes[other]) >= LEDE_OVERLAP]
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    needed = sorted({i for pair in candidates for i in pair})
    lengths: dict[int, int] = {}
    texts_5: dict[int, set[str]] = {}
    for begin in range(0, len(needed), READ_CHUNK):
        chunk = read([ids[i] for i in needed[begin:begin + READ_CHUNK]])
        for i in needed[begin:begin + READ_CHUNK]:
            tokens = words(chunk.get(ids[i]) or "")
            lengths[i], texts_5[i] = len(tokens), shingles(tokens, 5)
    for position, other in candidates:
        if root(other) != root(position) and _jaccard(texts_5[position], texts_5[other]) >= TEXT_JACCARD:
            parent[root(other)] = root(position)
    groups: dict[int, list[int]] = defaultdict(list)
    for position in range(len(ids)):
        groups[root(position)].append(position)
    stories = sorted(tuple(ids[i] for i in sorted(members, key=lambda i: (-lengths[i], ids[i])))
                     for members in groups.values() if len(members) > 1)
    return Versions(tuple(stories), {a: n for n, story in enumerate(stories) for a in story})


def repeated_statements(quotes: pd.DataFrame, versions: Versions) -> np.ndarray:
    """Boolean mask over ``quotes``: True for a statement that repeats one counted already.

    Two kinds of repeat: a statement of a later version of a story whose word set has Jaccard
    at least :data:`STATEMENT_JACCARD` with one of an earlier version (versions longest first);
    and a statement of :data:`MIN_REPEAT_WORDS` words or more quoted again word for word (same
    words, same speaker) after its first row, in another article or the same one.
    """
    mask = np.zeros(len(quotes), dtype=bool)
    if quotes.empty:
        return mask
    article_ids = quotes["article_id"].astype(object).to_numpy()
    texts = quotes["text"].astype(object).to_numpy()
    in_story = np.flatnonzero(pd.Series(article_ids).isin(versions.story_of.keys()).to_numpy())
    rows_of: dict[str, list[int]] = defaultdict(list)
    for row in in_story:
        rows_of[article_ids[row]].append(row)
    for story in versions.stories:
        kept: list[set[str]] = []
        kept_keys: set[frozenset[str]] = set()
        for rank, article_id in enumerate(story):
            seen_here = []
            for row in rows_of.get(article_id, []):
                bag = set(words(texts[row]))
                # The same words: a set lookup; only other statements are compared one by one.
                if rank and bag and (frozenset(bag) in kept_keys or (
                        len(kept) <= MAX_COMPARED
                        and any(_jaccard(bag, earlier) >= STATEMENT_JACCARD for earlier in kept))):
                    mask[row] = True
                else:
                    seen_here.append(bag)
            kept.extend(seen_here)
            kept_keys.update(frozenset(bag) for bag in seen_here)
    # Word for word again: the same words (vectorised: lower case, runs of non-word characters as
    # one space) by the same speaker, after the first row to quote them (in any article).
    keys = pd.Series(texts, dtype="str").str.lower().str.replace(r"[\W_]+", " ", regex=True).str.strip()
    long_enough = (keys.str.count(" ") + 1 >= MIN_REPEAT_WORDS).to_numpy() & (keys != "").to_numpy()
    speakers = quotes["speaker"].astype(object).where(quotes["speaker"].notna(), "").to_numpy()
    frame = pd.DataFrame({"key": keys.to_numpy(), "speaker": speakers})
    again = frame[long_enough & ~mask].duplicated(["key", "speaker"]).to_numpy()
    mask[np.flatnonzero(long_enough & ~mask)[again]] = True
    return mask


def attach_versions(corpus, read: Callable[[list[str]], dict[str, str]]) -> Versions:
    """Find the versions of ``corpus``'s articles once and keep them, with the repeat mask, in
    ``corpus.derived`` (``"versions"``, ``"repeated_statements"``): :func:`analysis.query.filter_quotes`
    leaves the repeats out when asked to count versions once.

    Args:
        corpus: A loaded :class:`~analysis.store.Corpus`.
        read: Gives the texts of some article ids (the app does not keep texts in memory).
    """
    versions = corpus.derived.get("versions")
    if versions is None:
        versions = find_versions(corpus.articles["article_id"].astype(object).tolist(), read=read)
        corpus.derived["repeated_statements"] = repeated_statements(corpus.quotes, versions)
        corpus.derived["versions"] = versions
    return versions
