from tui.render.describe import context_sentence
from tui.render.inert import inert


def test_inert_makes_escapes_visible():
    hostile = "a\x1b[2Jb\x9bc\u202ed\u200be\x07"
    shown = inert(hostile)
    assert "\x1b" not in shown and "\x9b" not in shown and "\u202e" not in shown and "\x07" not in shown
    assert shown == "a⟨U+001B⟩[2Jb⟨U+009B⟩c⟨U+202E⟩d⟨U+200B⟩e⟨U+0007⟩"


def test_inert_keeps_ordinary_text_and_newlines():
    assert inert("“Quote” – ok\nnext") == "“Quote” – ok\nnext"
    assert inert("a\nb\tc", keep_newlines=False) == "a b c"


def test_context_sentence_stays_in_its_sentence_and_line():
    text = "First one. He said “Second sentence here.” Then more.\nNext line."
    start = text.index("Second")
    end = text.index("here.") + len("here.")
    lo, hi = context_sentence(text, start, end)
    assert text[lo:hi] == "He said “Second sentence here.”"
