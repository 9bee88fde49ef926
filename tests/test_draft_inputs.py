"""Reading articles: text kept exactly, what is refused and why, web pages through trafilatura."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.draft.inputs import InputError, article_from_bytes, articles_in, looks_like_html, read_article

PAGE = Path(__file__).resolve().parent / "fixtures" / "draft" / "saved-page.html"


def test_text_is_kept_exactly_with_its_spaces_and_blank_lines():
    raw = b"  Indented first line  \n\n\tTabbed second paragraph, no final newline   "
    assert article_from_bytes(raw, html=False).text == raw.decode()


def test_byte_order_mark_is_not_text():
    assert article_from_bytes("\ufeffThe text.".encode(), html=False).text == "The text."


def test_crlf_becomes_lf_and_says_so():
    article = article_from_bytes(b"One line.\r\nAnother.\r\n", html=False)
    assert article.text == "One line.\nAnother.\n"
    assert article.note and "CRLF" in article.note


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"\x00\x01\x02", "binary"),
        (b"", "empty"),
        (b"\n \n", "empty"),
        ("na\u00efve".encode("latin-1"), "not UTF-8 text (byte 0xef at offset 2)"),
        (b"An escape \x1b[31m in text.", "control character U+001B at offset 10"),
    ],
)
def test_refused(raw, says):
    with pytest.raises(InputError, match=None) as caught:
        article_from_bytes(raw, html=False)
    assert says in str(caught.value)


def test_size_limit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(InputError, match="over the size limit"):
        read_article(path, max_bytes=1000)


def test_web_page_main_text_and_metadata():
    article = read_article(PAGE, max_bytes=10**6)
    assert article.headline == "Council approves harbour expansion after long debate"
    assert (article.publisher, article.url) == ("The Coastal Ledger", "https://ledger.example/news/harbour-expansion")
    assert article.date is not None and article.date.isoformat() == "2023-03-17"
    assert "Mayor Elena Varga told reporters" in article.text
    for boilerplate in ("Subscribe now", "Most read", "All rights reserved", "Cookies"):
        assert boilerplate not in article.text


def test_page_without_article_text():
    with pytest.raises(InputError, match="no article text"):
        article_from_bytes(
            b"<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body></html>", html=True
        )


def test_standard_input_is_sniffed():
    assert looks_like_html(b"  <!DOCTYPE html><html><body></body></html>")
    assert looks_like_html(b"<!-- saved --><html lang='en'>")
    assert not looks_like_html(b"The <b>bold</b> move, said the mayor.")


def test_folder_lists_articles_only(tmp_path):
    for name in ("b.txt", "a.html", "c.htm", "d.json", "e.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    assert [p.name for p in articles_in(tmp_path)] == ["a.html", "b.txt", "c.htm"]
