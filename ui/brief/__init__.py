"""The brief: one page (A4 or slide) by default, a long form with everything, as HTML and PDF.

``model`` (records and page formats), ``select`` (what goes in), ``figures`` (its charts),
``render`` (the long form and shared HTML pieces), ``onepage`` (the one-page sheet),
``export`` (the file in a format and theme, its page count). ``ui/pdf.py`` prints it.
"""

from ui.brief.export import brief_html, page_estimate, page_summary
from ui.brief.model import FORMATS, THEMES, UNKNOWN_SPEAKER, Brief, BriefQuote, BriefSource, PageFormat, SpeakerGroup
from ui.brief.render import brief_filename, brief_json, chips_html, ink_on, quote_card_html
from ui.brief.select import (
    brief_sources,
    build_brief,
    country_evidence,
    key_quote_order,
    quote_context,
    representative_order,
    speaker_groups,
)

__all__ = ["FORMATS", "THEMES", "UNKNOWN_SPEAKER", "Brief", "BriefQuote", "BriefSource", "PageFormat", "SpeakerGroup",
           "brief_filename", "brief_html", "brief_json", "brief_sources", "build_brief", "chips_html",
           "country_evidence", "ink_on", "key_quote_order", "page_estimate", "page_summary", "quote_card_html",
           "quote_context", "representative_order", "speaker_groups"]
