"""What a PDF page holds for a table reader, read with PDFium (pypdfium2): characters with their boxes, ruling lines.

Coordinates are points from the top-left corner of the page (y grows downwards), as a reader sees
the page. A character's box is PDFium's "loose" box: from the origin across the advance width, as
high as the font size — so the gap between two characters is the white space a reader sees, and
`size` is the font size the character is set in. Ruling lines are the horizontal and vertical
stretches of the page's path objects (strokes, filled thin rectangles, rectangle outlines), also
inside form XObjects.

PDFium is called through functions bound here without ctypes' per-call argument conversion (three
times faster than pypdfium2's checked bindings): arguments are only handles PDFium returned, Python
ints (C int) and `ctypes.byref` of ctypes values.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pypdfium2_raw.bindings as pdfium_bindings

_AXIS = 1.0  # a segment this close to horizontal (or vertical) is a ruling line
_FORM_DEPTH = 4  # form XObjects nested deeper than this are not searched for lines
Line = tuple[float, float, float]  # horizontal: (top, x0, x1); vertical: (x, top, bottom)


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    blank: bool = False  # a space the document itself holds (word boundary), not one PDFium inferred


@dataclass
class PageContent:
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    horizontal: list[Line] = field(default_factory=list)
    vertical: list[Line] = field(default_factory=list)


def read_page(page: pdfium.PdfPage) -> PageContent:
    """The characters and ruling lines of one page."""
    left, bottom, right, top = page.get_bbox()
    content = PageContent(right - left, top - bottom)
    textpage = page.get_textpage()
    try:
        content.chars = _chars(textpage.raw, left, top)
    finally:
        textpage.close()
    _Lines(content, left, top).page(page.raw)
    return content


_LIBRARY = pdfium_bindings._libs["pdfium"]


def _bind(name: str, restype: Any) -> Any:
    function = _LIBRARY[name]  # a new function object: no argtypes, unlike pypdfium2's
    function.restype = restype
    return function


_HANDLE = ctypes.POINTER(ctypes.c_ubyte)
_count_chars = _bind("FPDFText_CountChars", ctypes.c_int)
_unicode = _bind("FPDFText_GetUnicode", ctypes.c_uint)
_loose_box = _bind("FPDFText_GetLooseCharBox", ctypes.c_int)
_is_generated = _bind("FPDFText_IsGenerated", ctypes.c_int)
_count_objects = _bind("FPDFPage_CountObjects", ctypes.c_int)
_get_object = _bind("FPDFPage_GetObject", _HANDLE)
_object_type = _bind("FPDFPageObj_GetType", ctypes.c_int)
_get_matrix = _bind("FPDFPageObj_GetMatrix", ctypes.c_int)
_get_bounds = _bind("FPDFPageObj_GetBounds", ctypes.c_int)
_form_count = _bind("FPDFFormObj_CountObjects", ctypes.c_int)
_form_object = _bind("FPDFFormObj_GetObject", _HANDLE)
_count_segments = _bind("FPDFPath_CountSegments", ctypes.c_int)
_segment = _bind("FPDFPath_GetPathSegment", _HANDLE)
_point = _bind("FPDFPathSegment_GetPoint", ctypes.c_int)
_segment_type = _bind("FPDFPathSegment_GetType", ctypes.c_int)
_closes = _bind("FPDFPathSegment_GetClose", ctypes.c_int)
_SPACES = frozenset(code for code in range(0x20, 0x3001) if chr(code).isspace())
_SPECIAL = _SPACES | {0xFFFE, 0xFFFF, 0xFEFF}  # and PDFium's mark for an unmapped glyph, byte order marks
_PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
_MOVETO, _LINETO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO


def _chars(textpage: Any, left: float, top: float) -> list[Char]:
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    chars: list[Char] = []
    append = chars.append
    for index in range(_count_chars(textpage)):
        code = _unicode(textpage, index)
        blank = False
        if code < 0x21 or code in _SPECIAL or (code > 0xD7FF and (code <= 0xDFFF or code > 0x10FFFF)):
            if code not in _SPACES or _is_generated(textpage, index) == 1:
                continue  # line breaks and spaces PDFium inserted, control codes, unmapped glyphs
            blank = True
        if _loose_box(textpage, index, rect_ref):
            r_top, r_bottom = rect.top, rect.bottom
            if r_top > r_bottom:
                x0, x1 = rect.left - left, rect.right - left
                append(Char(chr(code), x0, x1, top - r_top, top - r_bottom, r_top - r_bottom, blank))
    return chars


class _Lines:
    """Collects the ruling lines of a page's path objects into a PageContent."""

    def __init__(self, content: PageContent, left: float, top: float) -> None:
        self.content, self.left, self.top = content, left, top
        self.matrix = pdfium_c.FS_MATRIX()
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.bounds = [ctypes.c_float() for _ in range(4)]
        self.refs = (ctypes.byref(self.matrix), ctypes.byref(self.x), ctypes.byref(self.y))
        self.bound_refs = [ctypes.byref(b) for b in self.bounds]

    def page(self, page: Any) -> None:
        identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        for index in range(_count_objects(page)):
            self.object(_get_object(page, index), identity, 0)

    def object(self, obj: Any, outer: tuple[float, ...], depth: int) -> None:
        kind = _object_type(obj)
        if (kind != _PATH and kind != _FORM) or not _get_matrix(obj, self.refs[0]):
            return
        m = self.matrix
        matrix = (m.a, m.b, m.c, m.d, m.e, m.f)
        if depth:
            matrix = _compose(matrix, outer)
        if kind == _FORM:
            if depth < _FORM_DEPTH:
                for index in range(_form_count(obj)):
                    self.object(_form_object(obj, index), matrix, depth + 1)
            return
        count = _count_segments(obj)
        if count == 5 and matrix[1] == 0 and matrix[2] == 0 and depth == 0 and self.rectangle(obj, matrix):
            return
        self.path(obj, matrix, count)

    def point(self, obj: Any, index: int, matrix: tuple[float, ...]) -> tuple[tuple[float, float] | None, Any]:
        segment = _segment(obj, index)
        if not segment or not _point(segment, self.refs[1], self.refs[2]):
            return None, segment
        a, b, c, d, e, f = matrix
        x, y = self.x.value, self.y.value
        return (a * x + c * y + e - self.left, self.top - (b * x + d * y + f)), segment

    def rectangle(self, obj: Any, matrix: tuple[float, ...]) -> bool:
        """A five-point path (the `re` operator) whose first and third points are opposite corners of its bounds.

        Its four sides are taken from those two points, without reading the other three. The matrix
        only scales and moves (checked by the caller); compared in PDF space, then turned to the page's.
        """
        _, x_ref, y_ref = self.refs
        first, third = _segment(obj, 0), _segment(obj, 2)
        if not first or not third or not _point(first, x_ref, y_ref):
            return False
        x_a, y_a = self.x.value, self.y.value
        if not _point(third, x_ref, y_ref) or not _get_bounds(obj, *self.bound_refs):
            return False
        x_b, y_b = self.x.value, self.y.value
        a, _, _, d, e, f = matrix
        x0, x1 = sorted((a * x_a + e, a * x_b + e))
        y0, y1 = sorted((d * y_a + f, d * y_b + f))
        left, bottom, right, top = (b.value for b in self.bounds)
        slack = 3.0  # the bounds include half the stroke width
        if not (-0.01 <= x0 - left <= slack and -0.01 <= right - x1 <= slack):
            return False
        if not (-0.01 <= y0 - bottom <= slack and -0.01 <= top - y1 <= slack):
            return False
        x0, x1, top0, bottom0 = x0 - self.left, x1 - self.left, self.top - y1, self.top - y0
        if x1 - x0 >= 1:
            self.content.horizontal += ((top0, x0, x1), (bottom0, x0, x1))
        if bottom0 - top0 >= 1:
            self.content.vertical += ((x0, top0, bottom0), (x1, top0, bottom0))
        return True

    def path(self, obj: Any, matrix: tuple[float, ...], count: int) -> None:
        start = current = None
        for index in range(count):
            point, segment = self.point(obj, index, matrix)
            if point is None:
                return
            kind = _segment_type(segment)
            if kind == _MOVETO:
                start = point
            elif kind == _LINETO and current is not None:
                self.add(current, point)
            current = point
            if _closes(segment) and start is not None:
                self.add(current, start)
                current = start

    def add(self, p: tuple[float, float], q: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = p, q
        if abs(y1 - y0) <= _AXIS and abs(x1 - x0) >= 1:
            self.content.horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= _AXIS and abs(y1 - y0) >= 1:
            self.content.vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `inner` then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
