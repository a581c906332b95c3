"""Quote Atlas analysis: who said what, about which country, on which topic.

Pure Python (spaCy, NLTK, VADER); never imports streamlit. Entry points:
:func:`analysis.pipeline.analyse_texts` and the command line ``python -m analysis``.
"""

from analysis.records import ANALYSIS_VERSION

__all__ = ["ANALYSIS_VERSION"]
