"""The typefaces of the official-document layout (GB/T 9704-2012) and the free fonts that stand in for them.

Agencies' Word files name the fonts as installed on their machines (方正小标宋简体, 仿宋_GB2312, 黑体,
楷体_GB2312); browsers fall back along `css_stack`, Word along the font table the DOCX renderer
writes. The PDF renderer must embed real font files: `font_file(role)` finds the installed
stand-in — Noto Serif/Sans CJK SC (Debian fonts-noto-cjk) and AR PL UKai (fonts-arphic-ukai), both
installed by `.ci/run` — and `truetype_subset` cuts from it the glyphs a document uses, with
Noto's CFF outlines made TrueType: PDF readers built on pdfminer (pdfplumber among them) cannot
decode the text of the CID-keyed CFF fonts fpdf2 would otherwise embed.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path


class Role(StrEnum):
    TITLE = "title"  # 公文标题：2号小标宋体
    BODY = "body"  # 正文：3号仿宋体
    HEADING1 = "heading1"  # 一级标题：黑体
    HEADING2 = "heading2"  # 二级标题：楷体
    NUMBER = "number"  # 页码：4号半角宋体


# (font name as agencies write it, names of the same face on other systems)
OFFICIAL_FONTS: dict[Role, tuple[str, tuple[str, ...]]] = {
    Role.TITLE: ("方正小标宋简体", ("FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "华文中宋", "STZhongsong", "SimSun")),
    Role.BODY: ("仿宋_GB2312", ("FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "华文仿宋")),
    Role.HEADING1: ("黑体", ("SimHei", "STHeiti", "Microsoft YaHei", "微软雅黑")),
    Role.HEADING2: ("楷体_GB2312", ("KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "华文楷体")),
    Role.NUMBER: ("宋体", ("SimSun", "STSong", "华文宋体")),
}
_GENERIC = {Role.TITLE: "serif", Role.BODY: "serif", Role.HEADING1: "sans-serif", Role.HEADING2: "serif"}
_FREE = {
    Role.TITLE: ("Noto Serif CJK SC", "Source Han Serif SC"),
    Role.BODY: ("Noto Serif CJK SC", "Source Han Serif SC"),
    Role.HEADING1: ("Noto Sans CJK SC", "Source Han Sans SC"),
    Role.HEADING2: ("AR PL UKai CN", "Noto Serif CJK SC"),
    Role.NUMBER: ("Noto Serif CJK SC",),
}


def css_stack(role: Role) -> str:
    """A CSS font-family list: the official name, its aliases, the free stand-ins, a generic family."""
    name, aliases = OFFICIAL_FONTS[role]
    names = [name, *aliases, *_FREE[role]]
    return ", ".join(f'"{n}"' for n in names) + f", {_GENERIC.get(role, 'serif')}"


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int  # face number inside a .ttc collection


# (file under a font directory, the face to take from a collection); Debian's locations first,
# GONGKAI_CJK_FONT_DIR names another directory to look in (same file names)
_CANDIDATES: dict[Role, tuple[tuple[str, str], ...]] = {
    Role.TITLE: (
        ("opentype/noto/NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC"),
        ("opentype/noto/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    ),
    Role.BODY: (("opentype/noto/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),),
    Role.HEADING1: (
        ("opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
        ("opentype/noto/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    ),
    Role.HEADING2: (
        ("truetype/arphic/ukai.ttc", "AR PL UKai CN"),
        ("opentype/noto/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    ),
    Role.NUMBER: (("opentype/noto/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),),
}
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")


class FontMissing(RuntimeError):
    """No CJK font to embed: install Debian's fonts-noto-cjk (`.ci/run` does)."""


@cache
def font_file(role: Role) -> FontFile:
    dirs = [d for d in (os.environ.get("GONGKAI_CJK_FONT_DIR"), *_FONT_DIRS) if d]
    for relative, family in _CANDIDATES[role]:
        for directory in dirs:
            for path in (Path(directory) / relative, Path(directory) / Path(relative).name):
                if path.is_file():
                    return FontFile(path, _face_index(path, family))
    raise FontMissing("找不到可嵌入PDF的中文字体：请安装 fonts-noto-cjk（Debian）或设置 GONGKAI_CJK_FONT_DIR")


@cache
def _face_index(path: Path, family: str) -> int:
    """The number of the face named `family` in a font collection (0 for a single font)."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(path), lazy=True)
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == family:
            return index
    return 0


_CACHE_VERSION = "1"  # change when truetype_subset makes different fonts
_cached: dict[Role, tuple[frozenset[str], Path | bytes]] = {}  # this process's fonts: characters, file or bytes


def cached_font(role: Role, chars: set[str]) -> Path | bytes:
    """A TrueType font of the role's face holding at least `chars` and ASCII: a file in the cache, or its bytes.

    Cutting glyphs from the large CJK collections and making their outlines TrueType takes most of
    a second, so it is done once: the font is kept in the cache directory (GONGKAI_CACHE_DIR, else
    $XDG_CACHE_HOME/gongkai or ~/.cache/gongkai) and grows by the characters of each document that
    needs more — reports share most of their characters. The PDF embeds only the glyphs it uses
    (fpdf2 subsets the font it is given). Without a writable cache the font is kept in memory.
    """
    wanted = frozenset(chars) | _ASCII
    known = _cached.get(role)
    if known is None:
        known = _load_cached(role)
    if known is not None and wanted <= known[0]:
        _cached[role] = known
        return known[1]
    covered = wanted | (known[0] if known is not None else frozenset())
    data = truetype_subset(role, set(covered))
    place = _store_cached(role, covered, data)
    _cached[role] = (covered, place if place is not None else data)
    return _cached[role][1]


_ASCII = frozenset(chr(c) for c in range(0x20, 0x7F))


def _cache_path(role: Role) -> Path:
    source = font_file(role)
    stat = source.path.stat()
    tag = hashlib.sha256(f"{_CACHE_VERSION}|{source.path}|{source.index}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    base = os.environ.get("GONGKAI_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    directory = Path(base) / ("" if os.environ.get("GONGKAI_CACHE_DIR") else "gongkai") / "fonts"
    return directory / f"{role.value}-{tag.hexdigest()[:16]}.ttf"


def _load_cached(role: Role) -> tuple[frozenset[str], Path | bytes] | None:
    path = _cache_path(role)
    try:
        chars = frozenset(path.with_suffix(".chars").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return (chars, path) if path.is_file() else None


def _store_cached(role: Role, chars: frozenset[str], data: bytes) -> Path | None:
    """The font written to the cache (atomically: other processes may read it meanwhile); None when it cannot be."""
    path = _cache_path(role)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for target, content in ((path, data), (path.with_suffix(".chars"), "".join(sorted(chars)).encode("utf-8"))):
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, prefix=".tmp-") as tmp:
                tmp.write(content)
            os.replace(tmp.name, target)
    except OSError:
        return None
    return path


def truetype_subset(role: Role, chars: set[str]) -> bytes:
    """A small TrueType font with the glyphs of `chars` (and ASCII) from the role's font file."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    source = font_file(role)
    font = TTFont(str(source.path), fontNumber=source.index, lazy=True, recalcTimestamp=False)
    unused = ("GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG", "FFTM", "morx", "kern")
    for tag in unused:
        if tag in font:
            del font[tag]  # before subsetting: no time spent reading tables a PDF does not use
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += list(unused)
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(ch) for ch in chars} | set(range(0x20, 0x7F)))
    subsetter.subset(font)
    if "CFF " in font:
        _cff_to_glyf(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _cff_to_glyf(font: object) -> None:
    """Replace cubic CFF outlines by quadratic TrueType ones (fontTools' otf2ttf recipe)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    assert isinstance(font, TTFont)
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)
    metrics = font["hmtx"]
    for name, glyph in glyphs.items():
        if hasattr(glyph, "xMin"):
            metrics[name] = (metrics[name][0], glyph.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attribute in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):  # fmt: skip
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    font["post"].formatType = 3.0  # no glyph names (CID fonts have none worth keeping)
    font.sfntVersion = "\x00\x01\x00\x00"
