"""Statements framed by the article's layout or by a set phrase, not by a reporting verb.

- the title line naming its speaker in Title Case (:func:`title_attributions`: "Nuland Claims
  ...", "..., Garcia Says", "...: Polish PM") and the answers of an interview run into one
  paragraph (:func:`interview_turns`: "... Afghanistan? N.Mladenov: The government has ...");
- "according to X" (:func:`according_to`), but not "according to their capabilities";
- what is no statement: a question put to the subject (:func:`asked_of_subject`: "He was asked
  if ...") and any cue inside it (:func:`in_asked_question`: "Asked if he thought that ..."), the
  dateline a content opens with (:func:`skip_datelines`: "WARSAW (AFP) - ") or runs into
  (:func:`cut_at_datelines`: "... ‘civil war’ Moscow, Nov.17 (ČTK) — ") and what describes the
  saying after a closing attribution (:func:`says_when_or_how`: "..., Tusk said Thursday, after ...");
- what reports no words: a refusal to speak (:func:`withholds_speech`: "declined to comment"),
  kept as an attribution, PolNeAR's, whose ``act`` is a stance (:mod:`analysis.quotes.acts`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from analysis.names.shape import is_common_word
from analysis.quotes.attribution import Attribution
from analysis.quotes.lexicon import question_verbs, reporting_verbs, word_list
from analysis.quotes.syntax import doc_text, noun_phrase, trim_span

#: Opening quotation marks: "according to X, “...”" reports the quotation after it.
_QUOTE_OPENERS = set("\"“„«‘'`")
#: A dateline opening a story's first sentence: "WARSAW (AFP) - ", "WASHINGTON (Sputnik) — ", "MOSCOW,
#: August 8 (RIA Novosti) — " (a date only with an agency after it).
_DATELINE = re.compile(
    r"[A-Z][A-Z.'-]+(?:[ ,]+[A-Z][A-Z.'-]+)*"
    r"(?:(?:,\s*(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s?\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*\([A-Za-z .-]+\))?\s*[-—–―]+\s+"
)
#: A dateline a title line ran into, inside a content: "... a ‘civil war’ Moscow, Nov.17 (ČTK) — ", "KIEV
#: (Reuters) - ": a place, then a date and a dash or an agency in brackets, or in capitals with its agency
#: and a dash (or the content's end): "the IOC (International Olympic Committee) members" is none.
_INNER_DATELINE = re.compile(
    r"\s(?P<line>[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2},\s+(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)"
    r"[a-z]*\.?\s?\d{1,2}(?:,\s*\d{4})?\s*(?:\(\w[^()\n]{0,30}\)\s*[-—–―]*|[-—–―]+)"
    r"|[A-Z][A-Z.'-]{2,}(?:\s[A-Z][A-Z.'-]+){0,2}\s*\(\w[^()\n]{0,30}\)(?:\s*[-—–―]+|\s*$))(?=\s|$)"
)


#: A title naming its speaker after the statement: "..., Garcia Says", "...: Polish PM".
_TITLE_SPEAKER_AFTER = re.compile(
    r"(?P<content>.{12,}?)(?:, (?P<source>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}) (?P<cue>[A-Z][a-z]+)"
    r"|: (?P<label>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}))[.!]?[ \t]*$"
)
#: A title in Title Case opening with its speaker and verb: "Nuland Claims 400-500 Soldiers Killed".
_TITLE_SPEAKER_BEFORE = re.compile(
    r"(?P<source>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}) (?P<cue>[A-Z][a-z]+) "
    r"(?P<content>[A-Z0-9“\"‘'].{8,}?)[.!]?[ \t]*$"
)


def title_attributions(doc: Doc) -> list[Attribution]:
    """Find the statement of an article's title line that names its speaker in Title Case:
    "Nuland Claims 400-500 Russian Soldiers Killed", "Shining Path Rebels Have Formed New Urban
    Front, Garcia Says", "Ukraine leader Yanukovych willing to hold early elections: Polish PM".

    The parser reads Title Case verbs as names, so the title (the first line, followed by a
    line break) is matched by form; the verb must be a reporting verb ("Says", "Claims"),
    and the speaker is resolved like any other (a headline naming nobody is dropped).
    """
    text = doc_text(doc)
    end = text.find("\n")
    if end < 0:
        return []
    line = text[:end]
    match = _TITLE_SPEAKER_AFTER.fullmatch(line) or _TITLE_SPEAKER_BEFORE.fullmatch(line)
    if match is None:
        return []
    verb = match.groupdict().get("cue")
    if verb is not None and not _is_reporting(verb):
        return []
    group = "source" if match.groupdict().get("source") else "label"
    source = doc.char_span(match.start(group), match.end(group), alignment_mode="expand")
    if source is None or source.text.lower() in word_list("headline_non_sources.txt"):
        return []
    last = source[-1].text
    if last[-1:] == "s" and re.search(rf"(?<![\w-]){re.escape(last.lower())}(?![\w-])", text):
        return []  # "Third World Countries Urge ...": a group the article names in lower case, no one source
    # the verb, or the colon before a trailing label ("...: Polish PM")
    cue_span = (match.start("cue"), match.end("cue")) if verb is not None else (match.start(group) - 2,
                                                                                 match.start(group) - 1)
    start, stop = trim_span(text, match.start("content"), match.end("content"))
    if stop - start < 10:
        return []
    return [Attribution(start, stop, source, cue_span, headline=True)]


def _is_reporting(word: str) -> bool:
    """Whether a Title Case headline verb ("Says", "Claims", "Urge") is a reporting verb."""
    lower = word.lower()
    return lower in ("says", "say") or lower.removesuffix("s") in reporting_verbs() or lower in reporting_verbs()


#: A turn of an interview run into one paragraph: "... Afghanistan? N.Mladenov: The government has ...".
_INLINE_TURN = re.compile(
    r"(?:(?<=[.?!…] )|(?<=[.?!…]  )|^)"
    r"(?P<label>(?:[A-Z]\.[ ]?)?[A-Z][a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*)?): (?=[A-Z“\"])",
    re.MULTILINE,
)


def interview_turns(doc: Doc) -> list[Attribution]:
    """Find the answers of an interview laid out inline, "Name: text" after a sentence end.

    A label counts when its surname labels two turns or more and is no common word
    ("Nickolay Mladenov: ...", "N.Mladenov: ..."; not "Host: ..."); its answer runs to the next
    label or the end of the paragraph. Questions (a turn ending with "?") are no statements.
    """
    text = doc_text(doc)
    turns = list(_INLINE_TURN.finditer(text))
    if len(turns) < 3:
        return []
    surnames = [t.group("label").split(".")[-1].split()[-1] for t in turns]
    found = []
    for index, (turn, surname) in enumerate(zip(turns, surnames, strict=True)):
        if surnames.count(surname) < 2 or is_common_word(surname):
            continue  # "Host: ..." is a role, no name
        paragraph_end = text.find("\n", turn.end())
        end = min(turns[index + 1].start() if index + 1 < len(turns) else len(text),
                  len(text) if paragraph_end < 0 else paragraph_end)
        start, stop = trim_span(text, turn.end(), end)
        source = doc.char_span(turn.start("label"), turn.end("label"), alignment_mode="expand")
        if source is None or stop - start < 10 or text[start:stop].rstrip().endswith("?"):
            continue
        found.append(Attribution(start, stop, source, (turn.end("label"), turn.end("label") + 1), transcript=True))
    return found


def asked_of_subject(verb: Token) -> bool:
    """Whether a question verb is passive before a yes/no or why question ("he was asked if ...",
    "Asked why ..., he said"): its subject is the one asked, so the question is no statement of
    theirs. ("Asked to describe ...", "was asked how ..." stay: PolNeAR counts them.)
    """
    if verb.lemma_.lower() not in question_verbs() or verb.tag_ != "VBN":
        return False
    question = any(_is_question(c, verb) for c in verb.children)
    return question and (any(c.dep_ == "auxpass" for c in verb.children) or not any(
        c.dep_ in ("nsubj", "aux") for c in verb.children))


def in_asked_question(token: Token) -> bool:
    """Whether a word stands in the question of an "Asked if ..." ("Asked by EURACTIV if he thought
    that ..., Yatseniuk said"): the question is the journalist's, and a cue inside it reports nobody.
    """
    child = token
    for ancestor in token.ancestors:  # through the question itself, not "Following claims that ..., X was asked if"
        if ancestor.tag_ == "VBN" and _is_question(child, ancestor) and asked_of_subject(ancestor):
            return True
        child = ancestor
    return False


def _is_question(clause: Token, verb: Token) -> bool:
    """Whether a clause is the yes/no or why question a question verb asks ("asked if ...")."""
    opener = clause.left_edge.lower_
    return clause.dep_ in ("ccomp", "advcl") and clause.i > verb.i and opener in ("if", "whether", "why")


def according_to(doc: Doc, according: Token) -> Attribution | None:
    """Build the attribution of "according to X": content is the rest of the clause."""
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    if objects[0].lemma_.lower() in word_list("according_non_sources.txt"):
        return None  # "according to their capabilities": a measure, no source
    source = noun_phrase(objects[0])
    cue = (according.idx, to.idx + len(to.text))
    sent = according.sent
    phrase_end = source.end_char
    text = doc_text(doc)
    after_start, after_end = trim_span(text, phrase_end, sent.end_char)
    before_start, before_end = trim_span(text, sent.start_char, according.idx)
    opens_quotation = text[after_start : after_start + 1] in _QUOTE_OPENERS
    set_off = text[: according.idx].rstrip().endswith(",") and text[phrase_end : phrase_end + 1] == ","
    if according.i - sent.start <= 2 or opens_quotation or before_end - before_start < 10:
        start, end = after_start, after_end
    elif set_off and after_end - after_start >= 12:
        # "At the heart of the trouble, according to X, was a decision ...": PolNeAR annotates the
        # whole sentence around the interjection (12 of 30 on train; 7 stop before it).
        start, end = before_start, after_end
    else:
        start, end = before_start, before_end
    if start >= end:
        return None
    return Attribution(start, end, source, cue)


def skip_datelines(text: str, attributions: list[Attribution]) -> None:
    """Start a content after the dateline it opens with (the place and agency are no speech)."""
    for attribution in attributions:
        match = _DATELINE.match(text, attribution.start, attribution.end)
        if match is not None and match.end() < attribution.end:
            attribution.start = match.end()

#: A live blog's time stamp opening an entry: "19:31 - ", "10.55 GMT – ".
_TIME_STAMP = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*(?:GMT|BST|CET|EST|UTC|local time|[ap]\.?m\.?))?\s*[-–—]\s+")


def cut_at_datelines(text: str, attributions: list[Attribution]) -> None:
    """End a content before a dateline that a title line without its line break ran into ("...
    a ‘civil war’ Moscow, Nov.17 (ČTK) — Czech President ..."): what follows the dateline is the
    story, not the statement; a content before its cue starts after such a dateline instead, and
    after a live blog's time stamp ("19:31 - ").
    """
    for attribution in attributions:
        stamp = _TIME_STAMP.match(text, attribution.start, attribution.end)
        if stamp is not None and attribution.cue is not None and stamp.end() <= attribution.cue[0]:
            attribution.start = stamp.end()  # "19:31 - Two soldiers have been killed ..., according to AFP"
        match = _INNER_DATELINE.search(text, attribution.start, attribution.end)
        if match is None or attribution.cue is None or attribution.kind == "direct":
            continue  # a quotation holds no dateline: its marks bound it
        if match.start("line") >= attribution.cue[1] and match.start() > attribution.start:
            attribution.end = trim_span(text, attribution.start, match.start())[1]
        elif match.end() <= attribution.cue[0]:
            attribution.start = match.end()


def withholds_speech(verb: Token) -> bool:
    """Whether a verb of refusing takes an infinitive of speaking ("declined to comment",
    "refused to say whether ..."): the subject said nothing, a stance, not speech.
    """
    return verb.lemma_.lower() in word_list("refusal_verbs.txt") and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in reporting_verbs() for c in verb.children
    )


def says_when_or_how(first: Token, verb: Token) -> bool:
    """Whether the words after a closing attribution ("..., X said Thursday, ...") start with a
    participle or an adverbial clause or phrase of its verb.
    """
    if first.tag_ == "VBG" and first.head.i == verb.i:
        return True
    if first.dep_ == "mark" and first.head.dep_ == "advcl" and first.head.head.i == verb.i:
        return True
    return first.dep_ == "prep" and first.head.i == verb.i
