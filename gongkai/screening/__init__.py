"""Screening before publication (发布前筛查): secrecy markings, personal data, 错敏词 and dates.

Pure Python, no Django. The public API::

    from gongkai.screening import ScreeningContext, screen_text
    findings = screen_text(text, context=ScreeningContext(year=2024))

``Screener`` keeps a compiled automaton for many texts; ``load_dictionary`` reads an agency's own TSV
list; ``extract_text`` reads TXT, HTML, DOCX, DOC and PDF files; ``Automaton`` is the multi-pattern engine.
"""

from gongkai.screening.dictionaries import (
    Dictionary,
    DictionaryError,
    Entry,
    EntryKind,
    builtin_dictionaries,
    load_dictionary,
    parse_dictionary,
)
from gongkai.screening.engine import Automaton, available_backends
from gongkai.screening.extract import ExtractedDocument, ExtractionError, extract_text
from gongkai.screening.findings import Category, Finding, ScreeningContext, Severity, locate
from gongkai.screening.screener import Screener, default_screener, screen_text

__all__ = [
    "Automaton",
    "Category",
    "Dictionary",
    "DictionaryError",
    "Entry",
    "EntryKind",
    "ExtractedDocument",
    "ExtractionError",
    "Finding",
    "Screener",
    "ScreeningContext",
    "Severity",
    "available_backends",
    "builtin_dictionaries",
    "default_screener",
    "extract_text",
    "load_dictionary",
    "locate",
    "parse_dictionary",
    "screen_text",
]
