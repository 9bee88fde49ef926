"""Whatever the article, the draft is a valid dossier: built from fragments that stress the rules
(quotation marks that do not pair, pronouns with no one before them, dates, titles, odd white space)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.draft import Meta, draft
from tui.validation import check

FRAGMENTS = [
    "“We will see,” he said.",
    "“Unclosed quote, she said",
    "” stray close.",
    '"Straight quotes," they said. "Again."',
    "«Guillemets» said the Dutch envoy.",
    "Polish Foreign Minister Ana Nowak said that talks failed.",
    "Nowak, a former French diplomat who teaches, said",
    "U.S. officials stated on Thursday that",
    "according to NATO, the drill",
    "on Friday (May 31)",
    "on 30 February 2024",
    "in recent weeks",
    "last year",
    "in May",
    "Mr. Smith said.",
    "A spokesperson in Berlin said",
    "he told reporters",
    "\n",
    "\n\n",
    "\t",
    "  ",
    "It",
    ".",
    ",",
    "—",
    "Résumé naïve Zoë said.",
    "已经说了",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=25),
    dated=st.booleans(),
)
def test_any_text_gives_a_valid_draft(pieces, dated):
    text = " ".join(pieces)
    if not text.strip() or any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F for c in text):
        return  # refused by the reader before drafting (tests/test_draft_inputs.py)
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return
    meta = Meta(id="prop", date=dt.date(2024, 5, 31) if dated else None, date_rule="given" if dated else None)
    result = draft(text, meta)
    assert result.dossier["source"]["text"] == text
    errors = check(result.dossier).errors
    assert not errors, [p.line("draft") for p in errors]
