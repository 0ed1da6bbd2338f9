"""Finding the report of a year on a page: links to report pages, attachments, and pages built by script."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from lxml import html as lxml_html

from gongkai.report.read.html import decode_html
from gongkai.report.read.limits import count_tags

ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".wps", ".et")
_REPORT_WORDS = ("年度报告", "年报", "工作报告")
_SCRIPT_TEXT_CHARS = 80  # a page with less visible text than this, and scripts, is built in the browser


@dataclass(frozen=True)
class Link:
    url: str
    text: str

    @property
    def is_attachment(self) -> bool:
        return urllib.parse.urlsplit(self.url).path.lower().endswith(ATTACHMENT_SUFFIXES)


@dataclass(frozen=True)
class Page:
    title: str
    text: str  # visible text, scripts and styles left out
    links: tuple[Link, ...]
    scripts: int


def decode_page(data: bytes, charset: str | None = None) -> str:
    """A page's text: the HTTP header's charset when it decodes (GBK/GB2312 as GB18030), else as the reader does."""
    if charset:
        codec = "gb18030" if charset in ("gb2312", "gbk", "x-gbk", "cp936", "gb18030") else charset
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_html(data)


def parse_page(data: bytes, base_url: str, charset: str | None = None) -> Page:
    source = decode_page(data, charset)
    source = re.sub(r"^\s*<\?xml[^>]*\?>", "", source)
    if not source.strip():
        return Page("", "", (), 0)
    count_tags(source)  # a hostile page with millions of tags is refused before it is parsed (LimitExceeded)
    tree = lxml_html.fromstring(source)
    base = tree.find(".//base[@href]")
    if base is not None:
        base_url = urllib.parse.urljoin(base_url, base.get("href", ""))
    links = []
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        text = " ".join((anchor.text_content() or "").split()) or (anchor.get("title") or "")
        links.append(Link(urllib.parse.urljoin(base_url, href).split("#")[0], text))
    scripts = len(tree.findall(".//script"))
    title = " ".join((tree.findtext(".//title") or "").split())
    for junk in tree.xpath("//script|//style|//noscript|//head"):
        junk.drop_tree()
    text = " ".join(tree.text_content().split())
    return Page(title, text, tuple(links), scripts)


def is_script_page(page: Page) -> bool:
    """A page whose content the browser loads by script: almost no text of its own, and scripts."""
    return page.scripts > 0 and len(page.text) < _SCRIPT_TEXT_CHARS


def names_year(text: str, year: int) -> bool:
    """Whether a title names the report of `year` ("2023年…年度报告", "2023年度…年报")."""
    return f"{year}年" in text and any(word in text for word in _REPORT_WORDS)


def candidates(page: Page, year: int, *, report_page: bool) -> list[Link]:
    """Links to follow for the report of `year`, best first: attachments of a report page, then links
    titled with the year's report. On a report page any attachment is the report's."""
    found: list[Link] = []
    for link in page.links:
        label = f"{link.text} {urllib.parse.unquote(link.url)}"
        if link.is_attachment and (report_page or names_year(label, year) or str(year) in label):
            found.append(link)
    for link in page.links:
        if not link.is_attachment and names_year(link.text, year) and link not in found:
            found.append(link)
    return found
