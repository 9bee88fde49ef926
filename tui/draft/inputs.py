"""Reading an article: a UTF-8 text file kept exactly as written, or a saved web page through
trafilatura (its main text without navigation or boilerplate, and its metadata)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MIN_WORDS = 20
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HTML_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)


class InputError(Exception):
    """A file that cannot be drafted; the message is one line naming what is wrong."""


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    headline: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: dt.date | None = None
    note: str | None = None  # one line about what reading changed, if anything


def _decode(raw: bytes) -> str:
    if b"\x00" in raw:
        raise InputError("a binary file, not text (it contains NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None
    return text.removeprefix("\ufeff")  # a byte-order mark marks the encoding; it is not part of the text


def text_article(raw: bytes) -> Article:
    """A plain-text article, its text exactly as in the file (only CRLF line ends become LF, as the
    format allows no carriage return; the note says so)."""
    text = _decode(raw)
    if not text.strip():
        raise InputError("empty: no article text")
    note = None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        note = "line ends CRLF/CR read as LF (the format allows no carriage return); nothing else changed"
    if (bad := _CONTROL.search(text)) is not None:
        raise InputError(f"contains control character U+{ord(bad.group()):04X} at offset {bad.start()}: not an article")
    return Article(text, note=note)


def html_article(raw: bytes) -> Article:
    """A saved web page: trafilatura's main text and the page's headline, publisher, canonical URL and date."""
    if b"\x00" in raw:
        raise InputError("a binary file, not a web page (it contains NUL bytes)")
    import trafilatura  # deferred: lxml and its friends load only for web pages

    doc = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # The date from the page's metadata only: no guessing from its text or links.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "").strip()
    if len(text.split()) < MIN_WORDS:  # a menu or a cookie notice is not an article
        raise InputError("a page with no article text (nothing but navigation or boilerplate was found)")
    if (bad := _CONTROL.search(text)) is not None:
        text = _CONTROL.sub(" ", text)
    date = None
    if doc.date:
        try:
            date = dt.date.fromisoformat(doc.date[:10])
        except ValueError:
            date = None
    return Article(
        text=text,
        headline=(doc.title or "").strip() or None,
        publisher=(doc.sitename or "").strip() or None,
        url=(doc.url or "").strip() or None,
        date=date,
        note="control characters in the page's text replaced by spaces" if bad else None,
    )


def looks_like_html(raw: bytes) -> bool:
    return _HTML_SNIFF.match(raw[:4096]) is not None


def read_article(path: Path, max_bytes: int) -> Article:
    """The article in a file; InputError for anything that is not one."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{size:,} bytes, over the size limit of {max_bytes:,} (--max-size)")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})") from None
    return article_from_bytes(raw, html=path.suffix.lower() in HTML_SUFFIXES, max_bytes=max_bytes)


def article_from_bytes(raw: bytes, html: bool | None = None, max_bytes: int | None = None) -> Article:
    """`html` None: sniff (standard input)."""
    if max_bytes is not None and len(raw) > max_bytes:
        raise InputError(f"{len(raw):,} bytes, over the size limit of {max_bytes:,} (--max-size)")
    if not raw.strip():
        raise InputError("empty: no article text")
    if html is None:
        html = looks_like_html(raw)
    return html_article(raw) if html else text_article(raw)


def articles_in(folder: Path) -> list[Path]:
    """The articles in a folder (not its sub-folders), by name."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
