"""Build the bundled dossier data/kharkiv-2024-05-31.json from the article and the curated content below.

Offsets are computed by finding each exact string in the article, so the content is written as text, never
as numbers. Run from the repo root: python scripts/make_seed.py
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.model import Dossier, to_data  # noqa: E402

ARTICLE = ROOT / "data" / "kharkiv-2024-05-31.txt"
OUTPUT = ROOT / "data" / "kharkiv-2024-05-31.json"
CONTEXT = 20  # characters of prefix/suffix for an exact string that occurs more than once


class SeedError(Exception):
    pass


@dataclass(frozen=True)
class A:
    """An anchor: an exact string of the article and, where it occurs more than once, which occurrence (0-based)."""

    exact: str
    nth: int | None = None


# --- the curated content --------------------------------------------------------------------------------------

SOURCE: dict[str, Any] = {
    "id": "kharkiv-2024-05-31",
    # The article as supplied has no headline and no dateline: both are the curator's (format 1.1).
    "headline": "US lets Ukraine use US weapons against Russian forces near Kharkiv",
    "headline_editorial": True,
    "dateline": "Prague",
    "dateline_editorial": True,
    "reference_date": "2024-05-31",
    "reference_date_rule": (
        "The article gives 'Friday (May 31)' but no year: taken as the first year after February 2022 (which the "
        "text refers to as past) in which 31 May is a Friday, 2024; the text itself does not rule out a later one."
    ),
    "language": "en",
}

ORGANISATIONS = [{"code": "NATO", "name": "NATO"}]  # the article never spells it out

ACTORS: list[dict[str, Any]] = [
    {"id": "us-gov", "name": "U.S. government", "kind": "government", "country": "US", "aliases": ["Washington"]},
    {
        "id": "blinken",
        "name": "Antony Blinken",
        "kind": "person",
        "role": "U.S. Secretary of State",
        "country": "US",
        "speaks_for": "us-gov",
        "aliases": ["Blinken"],
    },
    {
        "id": "biden",
        "name": "President Biden",
        "kind": "person",
        "role": "President of the United States",
        "country": "US",
        "speaks_for": "us-gov",
        "aliases": ["Biden"],
    },
    {"id": "us-officials", "name": "U.S. officials", "kind": "group", "country": "US", "speaks_for": "us-gov"},
    {"id": "ukraine", "name": "Ukraine", "kind": "government", "country": "UA"},
    {"id": "nato", "name": "NATO", "kind": "organisation", "affiliation": "NATO"},
    {
        "id": "stoltenberg",
        "name": "Jens Stoltenberg",
        "kind": "person",
        "role": "NATO Secretary-General",
        "affiliation": "NATO",
        "speaks_for": "nato",
        "aliases": ["Stoltenberg"],
    },
    {"id": "nato-countries", "name": "Several NATO countries", "kind": "group", "affiliation": "NATO"},
    {"id": "russia", "name": "Russia", "kind": "government", "country": "RU", "aliases": ["Moscow"]},
    {
        "id": "putin",
        "name": "President Putin",
        "kind": "person",
        "role": "President of Russia",
        "country": "RU",
        "speaks_for": "russia",
        "aliases": ["Putin", "Russian President Putin"],
    },
    {
        "id": "medvedev",
        "name": "Dmitry Medvedev",
        "kind": "person",
        "role": "Deputy Chairman of the Russian Security Council (former Russian president)",
        "country": "RU",
        "speaks_for": "russia",
        "aliases": ["Medvedev"],
    },
    {"id": "de-gov", "name": "German government", "kind": "government", "country": "DE", "aliases": ["Berlin"]},
    {
        "id": "de-spokesperson",
        "name": "German government spokesperson",
        "kind": "person",
        "role": "Government spokesperson, Berlin",
        "country": "DE",
        "speaks_for": "de-gov",
    },
    {
        "id": "bruins-slot",
        "name": "Hanke Bruins Slot",
        "kind": "person",
        "role": "Dutch Foreign Minister",
        "country": "NL",
        "aliases": ["Bruins Slot"],
    },
    {
        "id": "sikorski",
        "name": "Radoslaw Sikorski",
        "kind": "person",
        "role": "Polish Foreign Minister",
        "country": "PL",
        "aliases": ["Sikorski"],
    },
]

B, D, E = "border-strikes", "deep-strikes", "escalation"

# id, actor, mode, content, cue (None: no cue in the article), event it was said at, issues
STATEMENTS: list[tuple[str, str, str, A, A | None, str, list[str]]] = [
    (
        "s1",
        "blinken",
        "indirect",
        A(
            "President Biden has approved Ukraine’s use of U.S. weapons to target Russian targets inside Ukraine after "
            "Ukraine sought authorization from the United States in recent weeks"
        ),
        A("Blinken confirmed"),
        "e-prague-remarks",
        [B],
    ),
    (
        "s2",
        "blinken",
        "indirect",
        A("this move by Washington is a result of the U.S. adjusting and adapting its battlefield strategy"),
        A("He stated"),
        "e-prague-remarks",
        [B],
    ),
    (
        "s3",
        "blinken",
        "indirect",
        A("the U.S. is now responding to the situation it sees in Kharkiv and its surrounding areas"),
        A("Blinken said", 0),
        "e-prague-remarks",
        [B],
    ),
    (
        "s4",
        "blinken",
        "direct",
        A(
            "In the past few weeks, Ukraine came to us requesting authorization to use the weapons we provided to "
            "resist aggression, including repelling Russian troops assembled on the border with Russia and then "
            "entering Ukraine"
        ),
        A("Blinken said", 1),
        "e-prague-remarks",
        [B],
    ),
    (
        "s5",
        "blinken",
        "direct",
        A(
            "We reported this situation directly to the president, and as you have heard, he has approved the use "
            "of our weapons for this purpose"
        ),
        A("he said"),
        "e-prague-remarks",
        [B],
    ),
    (
        "s6",
        "blinken",
        "direct",
        A(
            "Looking ahead, we will continue to do what we have always done, which is to make necessary "
            "adjustments and adaptations as needed."
        ),
        A("he said"),
        "e-prague-remarks",
        [B],
    ),
    (
        "s7",
        "us-officials",
        "indirect",
        A(
            "U.S. policy will continue to prohibit the Ukrainian military from using long-range weapons provided by "
            "the U.S., such as ATACMS with a range of up to 186 miles (300 kilometers), for deep strikes inside Russia"
        ),
        A("U.S. officials stated"),
        "e-atacms-policy",
        [D],
    ),
    # Paraphrases: the content is the article's summary clause; the cue is the verb inside it.
    ("s8", "nato", "paraphrase", A("Blinken’s remarks were echoed by NATO"), A("echoed"), "e-stoltenberg-speech", [B]),
    (
        "s9",
        "stoltenberg",
        "paraphrase",
        A(
            "Stoltenberg rejected Russian President Putin’s warning on Friday that allowing Ukraine to use Western "
            "weapons to attack targets inside Russia could escalate the situation"
        ),
        A("rejected", 1),
        "e-stoltenberg-speech",
        [B, E],
    ),
    # Putin's warning as Stoltenberg's sentence reports it (nested in s9).
    (
        "s10",
        "putin",
        "indirect",
        A("allowing Ukraine to use Western weapons to attack targets inside Russia could escalate the situation"),
        A("warning", 0),
        "e-putin-warning",
        [B, E],
    ),
    (
        "s11",
        "stoltenberg",
        "indirect",
        A(
            "the military alliance has heard such warnings many times before, and defending the right to self-defense "
            "does not escalate the war"
        ),
        A("stated", 2),
        "e-stoltenberg-speech",
        [E],
    ),
    (
        "s12",
        "stoltenberg",
        "direct",
        A(
            "This is not something new. For a long time, every time NATO allies support Ukraine, President Putin tries "
            "to threaten us not to do so"
        ),
        A("he told reporters"),
        "e-stoltenberg-speech",
        [E],
    ),
    (
        "s13",
        "stoltenberg",
        "direct",
        A("And escalation – well, Russia escalating by invading another country is what escalates the situation."),
        A("he told reporters"),
        "e-stoltenberg-speech",
        [E],
    ),
    (
        "s14",
        "stoltenberg",
        "direct",
        A(
            "Ukraine has the right to self-defense, and we have the right to help Ukraine defend its right to "
            "self-defense, but that does not mean that NATO allies become parties to the conflict"
        ),
        A("Stoltenberg added"),
        "e-stoltenberg-speech",
        [B, E],
    ),
    (
        "s15",
        "stoltenberg",
        "direct",
        A("This was the case in February 2022, last year, and remains so now."),
        A("Stoltenberg added"),
        "e-stoltenberg-speech",
        [E],
    ),
    (
        "s16",
        "putin",
        "indirect",
        A("not to allow Ukraine to launch weapons against Russia"),
        A("Putin warned"),
        "e-putin-warning",
        [B, D],
    ),
    ("s17", "putin", "paraphrase", A("raised the risk of nuclear war again"), A("raised"), "e-putin-warning", [E]),
    (
        "s18",
        "de-spokesperson",
        "indirect",
        A(
            "under international law, Ukraine can use weapons provided by Berlin to defend against attacks "
            "launched from inside Russia targeting the border areas of Kharkiv"
        ),
        A("stated", 3),
        "e-german-statement",
        [B],
    ),
    (
        "s19",
        "medvedev",
        "indirect",
        A("Russia is not bluffing when discussing the possibility of using tactical nuclear weapons against Ukraine"),
        A("Medvedev stated"),
        "e-medvedev-statement",
        [E],
    ),
    (
        "s20",
        "medvedev",
        "indirect",
        A("the conflict between Moscow and the West could escalate to a full-scale war"),
        A("warning", 2),
        "e-medvedev-statement",
        [E],
    ),
    (
        "s21",
        "medvedev",
        "indirect",
        A("the conflict between Moscow and the West is moving in the worst direction"),
        A("said", 3),
        "e-medvedev-statement",
        [E],
    ),
    (
        "s22",
        "medvedev",
        "direct",
        A("today, no one can rule out the possibility of the conflict transitioning to the final stage."),
        A("said", 3),
        "e-medvedev-statement",
        [E],
    ),
    (
        "s23",
        "bruins-slot",
        "indirect",
        A("Ukraine has the right to defend itself and there are no territorial restrictions on the use of weapons"),
        A("Bruins Slot emphasized"),
        "e-bruins-slot-statement",
        [B, D],
    ),
    (
        "s24",
        "sikorski",
        "indirect",
        A("Warsaw has never imposed such restrictions"),
        A("Sikorski stated"),
        "e-sikorski-statement",
        [B, D],
    ),
    # Unattributed in the article; assigned to Sikorski by position (see note n-sikorski-quote).
    (
        "s25",
        "sikorski",
        "direct",
        A(
            "We wish Ukraine victory, we wish them to regain all occupied territories… Ukraine has the right to "
            "self-defense according to the rules of humanitarian law."
        ),
        None,
        "e-sikorski-statement",
        [B],
    ),
]


def when(
    value: str,
    precision: str,
    anchor: str,
    rule: str,
    phrase: A | None = None,
    earliest: str | None = None,
    latest: str | None = None,
) -> dict[str, Any]:
    """A time expression; earliest/latest default to the value itself for a single day."""
    if earliest is None and latest is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        earliest = latest = value
    out: dict[str, Any] = {"value": value, "precision": precision, "anchor": anchor, "rule": rule}
    if phrase:
        out["phrase"] = phrase
    if earliest:
        out["earliest"] = earliest
    if latest:
        out["latest"] = latest
    return out


FRIDAY = "the dateline Friday, 31 May 2024"
EVENTS: list[dict[str, Any]] = [
    {
        "id": "e-full-scale-invasion",
        "title": "Russia escalating by invading another country",
        "when": when(
            "2022-02",
            "month",
            "explicit",
            "month and year named in the text; that Russia invaded then is inferred (see note n-february-2022)",
            A("February 2022"),
            "2022-02-01",
            "2022-02-28",
        ),
        "actors": ["russia"],
        "evidence": ["s13", "s15"],
    },
    {
        "id": "e-earlier-refusal",
        "title": "President Biden had previously firmly rejected Ukraine’s use of U.S. weapons to strike inside Russia",
        "when": when(
            "../2024-05-31",
            "day",
            "e-approval",
            "'previously': before the approval, itself no later than 31 May; the article gives no date",
            A("previously"),
            latest="2024-05-31",
        ),
        "actors": ["biden"],
        "evidence": [],
    },
    {
        "id": "e-ukraine-request",
        "title": "Ukraine sought authorization from the United States",
        "when": when(
            "2024-05-10~/2024-05-31",
            "week",
            "reference_date",
            "'in recent weeks' (and Blinken's 'In the past few weeks'): the start is approximate, taken as about "
            "three weeks before the dateline",
            A("in recent weeks"),
            "2024-05-10",
            "2024-05-31",
        ),
        "actors": ["ukraine", "us-gov"],
        "evidence": ["s1", "s4"],
    },
    {
        "id": "e-approval",
        "title": "President Biden has approved Ukraine’s use of U.S. weapons",
        "when": when(
            "2024-05-10~/2024-05-31",
            "week",
            "e-ukraine-request",
            "'after Ukraine sought authorization … in recent weeks' (an approximate start) and before Blinken "
            "confirmed it on Friday 31 May; the article gives no date",
            earliest="2024-05-10",
            latest="2024-05-31",
        ),
        "actors": ["biden", "us-gov"],
        "evidence": ["s1", "s5"],
    },
    {
        "id": "e-restrictions-lifted",
        "title": "Several NATO countries lifted restrictions on donating weapons to Kyiv",
        "when": when(
            "../2024-05-28",
            "day",
            "e-putin-warning",
            "before Putin's warning on Tuesday 28 May ('after several NATO countries lifted'); "
            "the article gives no date",
            latest="2024-05-28",
        ),
        "actors": ["nato-countries"],
        "evidence": [],
    },
    {
        "id": "e-putin-warning",
        "title": "Putin warned NATO member countries … not to allow Ukraine to launch weapons against Russia",
        "when": when("2024-05-28", "day", "reference_date", "the Tuesday before Friday 31 May", A("on Tuesday")),
        "actors": ["putin"],
        "evidence": ["s10", "s16", "s17"],
    },
    {
        "id": "e-atacms-policy",
        "title": "U.S. officials stated … that U.S. policy will continue to prohibit … deep strikes inside Russia",
        "when": when("2024-05-30", "day", "reference_date", "the Thursday before Friday 31 May", A("on Thursday")),
        "actors": ["us-officials", "us-gov"],
        "evidence": ["s7"],
    },
    {
        "id": "e-nato-meeting",
        "title": "An informal NATO foreign ministers meeting",
        "when": when("2024-05-31", "day", "reference_date", FRIDAY, A("on Friday", 1)),
        "actors": ["nato"],
        "place": "Prague",
        "evidence": ["s11"],
    },
    {
        "id": "e-prague-remarks",
        "title": "Blinken made remarks at a press conference held in Prague",
        "when": when("2024-05-31", "day", "reference_date", FRIDAY + ", named in full", A("on Friday (May 31)")),
        "actors": ["blinken"],
        "place": "Prague",
        "evidence": ["s1", "s2", "s3", "s4", "s5", "s6"],
    },
    {
        "id": "e-stoltenberg-speech",
        "title": "Stoltenberg rejected Russian President Putin’s warning",
        "when": when(
            "2024-05-31",
            "day",
            "reference_date",
            "'rejected … warning on Friday' read as the day of the rejection (Putin warned on Tuesday); "
            "the NATO meeting was that Friday",
            A("on Friday", 2),
        ),
        "actors": ["stoltenberg", "nato"],
        "place": "Prague",
        "evidence": ["s8", "s9", "s11", "s12", "s13", "s14", "s15"],
    },
    {
        "id": "e-german-statement",
        "title": "A German government spokesperson in Berlin stated … Ukraine can use weapons provided by Berlin",
        "when": when("2024-05-31", "day", "reference_date", FRIDAY, A("on Friday", 3)),
        "actors": ["de-spokesperson", "de-gov"],
        "place": "Berlin",
        "evidence": ["s18"],
    },
    {
        "id": "e-medvedev-statement",
        "title": "Dmitry Medvedev stated … that Russia is not bluffing",
        "when": when("2024-05-31", "day", "reference_date", FRIDAY, A("on Friday", 4)),
        "actors": ["medvedev"],
        "evidence": ["s19", "s20", "s21", "s22"],
    },
    {
        "id": "e-bruins-slot-statement",
        "title": "Hanke Bruins Slot emphasized … there are no territorial restrictions on the use of weapons",
        "when": when("2024-05-31", "day", "reference_date", FRIDAY, A("on Friday", 5)),
        "actors": ["bruins-slot"],
        "place": "Prague",
        "evidence": ["s23"],
    },
    {
        "id": "e-sikorski-statement",
        "title": "Radoslaw Sikorski stated … that Warsaw has never imposed such restrictions",
        "when": when("2024-05-31", "day", "reference_date", FRIDAY, A("on Friday", 6)),
        "actors": ["sikorski"],
        "evidence": ["s24", "s25"],
    },
    {
        "id": "e-kharkiv-attack",
        "title": "Russia is currently attacking the Ukrainian city of Kharkiv",
        "when": when(
            "2024-05-31",
            "day",
            "reference_date",
            "'currently' read as ongoing on the dateline; the start of the attack is not given",
            A("currently", 0),
        ),
        "actors": ["russia"],
        "place": "Kharkiv",
        "evidence": ["s3"],
    },
]

ISSUES: list[dict[str, Any]] = [
    {
        "id": B,
        "title": "Strikes near Kharkiv",
        "question": (
            "May Ukraine use Western weapons to strike Russian forces and territory across the border near Kharkiv? "
            "(FAVOR: yes, with or without limits; AGAINST: no.)"
        ),
        "positions": [
            {"code": "permitted", "label": "Permitted", "polarity": "FAVOR"},
            {"code": "permitted_limited", "label": "Permitted with limits", "polarity": "FAVOR"},
            {"code": "permitted_unstated", "label": "Permitted, limits not stated", "polarity": "FAVOR"},
            {"code": "opposed", "label": "Opposed", "polarity": "AGAINST"},
            {"code": "unclear", "label": "No clear position", "polarity": "NONE"},
        ],
    },
    {
        "id": D,
        "title": "Deep strikes",
        "question": (
            "May Ukraine use long-range Western weapons, such as ATACMS, for deep strikes inside Russia? "
            "(FAVOR: yes; AGAINST: no.)"
        ),
        "positions": [
            {"code": "permitted", "label": "Permitted", "polarity": "FAVOR"},
            {"code": "prohibited", "label": "Prohibited", "polarity": "AGAINST"},
            {"code": "opposed", "label": "Opposed", "polarity": "AGAINST"},
            {"code": "unclear", "label": "No clear position", "polarity": "NONE"},
        ],
    },
    {
        "id": E,
        "title": "Escalation",
        # Asked so that yes (✔) means what it means on the other issues: on the side of letting Ukraine strike.
        "question": (
            "Can Ukraine strike Russia with Western weapons without escalating the war or making NATO a party to "
            "it? (FAVOR: yes, it does not escalate; AGAINST: no, it escalates.)"
        ),
        "positions": [
            {"code": "does_not_escalate", "label": "Does not escalate", "polarity": "FAVOR"},
            {"code": "escalates", "label": "Escalates the war", "polarity": "AGAINST"},
            {"code": "unclear", "label": "No clear position", "polarity": "NONE"},
        ],
    },
]

# Limits in the article's words: Blinken's (s4).
US_LIMITS = (
    "to resist aggression, including repelling Russian troops assembled on the border with Russia and then entering "
    "Ukraine"
)
STANCES: list[dict[str, Any]] = [
    {
        "actor": "us-gov",
        "issue": B,
        "position": "permitted_limited",
        "conditions": US_LIMITS + "; long-range weapons such as ATACMS not for deep strikes inside Russia",
        "evidence": ["s1", "s2", "s3", "s4", "s5", "e-approval"],
        "note": "The first sentence says 'targets inside Ukraine'; the rest of the article points to strikes across "
        "the border (see note n-inside-ukraine).",
    },
    {
        "actor": "us-gov",
        "issue": D,
        "position": "prohibited",
        "conditions": "long-range weapons provided by the U.S., such as ATACMS with a range of up to 186 miles (300 "
        "kilometers)",
        "evidence": ["s7"],
    },
    {
        "actor": "biden",
        "issue": B,
        "position": "permitted_limited",
        "conditions": US_LIMITS,
        "evidence": ["e-approval"],
        "note": "Inferred from his approval as the article and Blinken report it (s1, s5); Biden is not quoted, and "
        "the limits are Blinken's account of it. Before it he had rejected such use (e-earlier-refusal).",
    },
    {
        "actor": "blinken",
        "issue": B,
        "position": "permitted_limited",
        "conditions": US_LIMITS,
        "evidence": ["s1", "s3", "s4", "s5"],
    },
    {
        "actor": "ukraine",
        "issue": B,
        "position": "permitted_unstated",
        "evidence": ["e-ukraine-request"],
        "note": "Inferred from its request for authorization as the article and Blinken report it (s1, s4); no "
        "Ukrainian is quoted.",
    },
    {
        "actor": "nato",
        "issue": B,
        "position": "permitted_limited",
        "evidence": ["s8", "s9", "s14"],
        "note": "Inferred: the article says only that Blinken's remarks were echoed by NATO, so the limits are "
        "Blinken's; Stoltenberg defends Ukraine's right to self-defence without naming limits.",
    },
    {
        "actor": "nato",
        "issue": E,
        "position": "does_not_escalate",
        "evidence": ["s9", "s11", "s13", "s14"],
        "note": "Through its Secretary-General, Jens Stoltenberg.",
    },
    {
        "actor": "stoltenberg",
        "issue": B,
        "position": "permitted_unstated",
        "evidence": ["s9", "s14"],
        "note": "Inferred: he rejects the warning against letting Ukraine strike targets inside Russia and defends "
        "its right to self-defence; he is not reported on limits.",
    },
    {
        "actor": "stoltenberg",
        "issue": E,
        "position": "does_not_escalate",
        "evidence": ["s9", "s11", "s12", "s13", "s14", "s15"],
    },
    {
        "actor": "russia",
        "issue": B,
        "position": "opposed",
        "evidence": ["s10", "s16"],
        "note": "Through President Putin.",
    },
    {
        "actor": "russia",
        "issue": E,
        "position": "escalates",
        "evidence": ["s10", "s17"],
        "note": "Through President Putin; s17 is the article's paraphrase. Medvedev's warnings, as reported, are not "
        "tied to the weapons decision, so they are not evidence here.",
    },
    {"actor": "putin", "issue": B, "position": "opposed", "evidence": ["s10", "s16"]},
    {
        "actor": "putin",
        "issue": D,
        "position": "opposed",
        "evidence": ["s16"],
        "note": "Inferred: his warning against letting Ukraine launch weapons against Russia covers any strike on "
        "Russia, deep ones included; he is not reported on deep strikes as such.",
    },
    {
        "actor": "putin",
        "issue": E,
        "position": "escalates",
        "evidence": ["s10", "s17"],
        "note": "s17 is the article's paraphrase, not his words.",
    },
    {
        "actor": "medvedev",
        "issue": E,
        "position": "unclear",
        "evidence": ["s19", "s20", "s21", "s22"],
        "note": "Thin: he warns that the conflict between Moscow and the West could escalate to a full-scale war, "
        "but as reported he does not tie it to the weapons decision.",
    },
    {
        "actor": "de-gov",
        "issue": B,
        "position": "permitted_limited",
        "conditions": "under international law; to defend against attacks launched from inside Russia targeting the "
        "border areas of Kharkiv",
        "evidence": ["s18"],
    },
    {"actor": "bruins-slot", "issue": B, "position": "permitted", "evidence": ["s23"]},
    {
        "actor": "bruins-slot",
        "issue": D,
        "position": "permitted",
        "evidence": ["s23"],
        "note": "Inferred: no territorial restrictions on the use of weapons read as including deep strikes; "
        "long-range weapons are not mentioned.",
    },
    {
        "actor": "sikorski",
        "issue": B,
        "position": "permitted",
        "evidence": ["s24"],
        "note": "Inferred: 'such restrictions' refers back to the territorial restrictions of the paragraph before.",
    },
    {
        "actor": "sikorski",
        "issue": D,
        "position": "unclear",
        "evidence": ["s24"],
        "note": "Thin: 'such restrictions' most plausibly means the territorial restrictions Bruins Slot mentions; "
        "he is not reported on long-range weapons or deep strikes.",
    },
]

FIGURES: list[dict[str, Any]] = [
    {
        "id": "kharkiv-border-distance",
        "label": "Distance from Kharkiv to the Russian border",
        "value": 30,
        "unit": "km",
        "also": "19 miles",
        "span": A("30 kilometers (19 miles)"),
    },
    {
        "id": "atacms-range",
        "label": "ATACMS range (up to)",
        "value": 300,
        "unit": "km",
        "also": "186 miles",
        "span": A("186 miles (300 kilometers)"),
    },
]

NOTES: list[dict[str, Any]] = [
    {
        "id": "n-year",
        "about": ["e-prague-remarks"],
        "span": A("Friday (May 31)"),
        "text": "The article gives no year. February 2022 is referred to as past, and the first year after it in "
        "which 31 May is a Friday is 2024, so the reference date is taken as Friday, 31 May 2024; the text itself "
        "does not rule out a later such year (2030).",
    },
    {
        "id": "n-inside-ukraine",
        "about": ["s1", "e-approval"],
        "span": A("inside Ukraine"),
        "text": "The first sentence says the weapons may be used 'to target Russian targets inside Ukraine', while "
        "the rest of the article (the earlier refusal 'to strike inside Russia', Blinken's quote about Russian "
        "troops on the border, the German and Putin statements) is about strikes across the border into Russia.",
    },
    {
        "id": "n-friday-attachment",
        "about": ["s9", "s10", "e-stoltenberg-speech", "e-putin-warning"],
        "span": A("warning on Friday"),
        "text": "Ambiguous: 'rejected … Putin's warning on Friday' can be read as a warning made on Friday, but the "
        "article later dates Putin's warning to Tuesday; 'on Friday' is taken as the day Stoltenberg rejected it.",
    },
    {
        "id": "n-speech-or-reporters",
        "about": ["s11", "s12", "s13", "e-stoltenberg-speech"],
        "text": "Stoltenberg is described as 'speaking during a speech at the NATO foreign ministers meeting', but "
        "his quotes are introduced with 'he told reporters'; whether they come from the speech or a press "
        "encounter is unclear.",
    },
    {
        "id": "n-february-2022",
        "about": ["s15", "e-full-scale-invasion"],
        "span": A("February 2022, last year"),
        "text": "February 2022 was more than two years before May 2024, so 'last year' does not fit (possibly a "
        "translation error). The article does not say what happened in February 2022; reading it as the start "
        "of Russia's invasion rests on Stoltenberg's 'Russia escalating by invading another country'.",
    },
    {
        "id": "n-atacms-units",
        "about": ["atacms-range", "s7"],
        "span": A("up to 186 miles (300 kilometers)"),
        "text": "The ATACMS range is given as a maximum ('up to') and in miles first, with kilometres in brackets; "
        "the Kharkiv distance is given the other way round.",
    },
    {
        "id": "n-nuclear-paraphrase",
        "about": ["s17"],
        "text": "The words of s17 are the article's summary of what Putin did; no words of his are quoted.",
    },
    {
        "id": "n-berlin-metonym",
        "about": ["s18", "de-gov"],
        "span": A("weapons provided by Berlin"),
        "text": "'Berlin' stands for the German government; the spokesperson is not named.",
    },
    {
        "id": "n-medvedev-context",
        "about": ["s19", "s20", "s21", "s22"],
        "text": "As reported, Medvedev's statements concern the conflict between Moscow and the West and nuclear "
        "weapons; the article does not quote him on the weapons decision itself.",
    },
    {
        "id": "n-sikorski-restrictions",
        "about": ["s24"],
        "span": A("such restrictions"),
        "text": "'such restrictions' has no referent in its own paragraph; it most plausibly refers to the "
        "'territorial restrictions on the use of weapons' in the Dutch minister's statement just before.",
    },
    {
        "id": "n-sikorski-quote",
        "about": ["s25", "sikorski"],
        "text": "The final quotation has no speaker or cue in the article; it is attributed to Sikorski only because "
        "it follows his paragraph. The ellipsis after 'territories' marks an omission in the quote.",
    },
    {
        "id": "n-earlier-events-undated",
        "about": ["e-approval", "e-earlier-refusal", "e-restrictions-lifted"],
        "text": "The approval, Biden's earlier refusal and the lifting of restrictions by several NATO countries are "
        "not dated in the article. The approval came after Ukraine's request of recent weeks, so it shares that "
        "approximate start; the other two have no known start, and no timeline draws them at their latest date.",
    },
    {
        "id": "n-translation",
        "about": [],
        "text": "The wording ('speaking during a speech', 'Russian targets inside Ukraine', 'donating weapons', "
        "'last year' for 2022) suggests a translated or machine-assisted text; quotations may not be verbatim "
        "in their original language.",
    },
]


# --- anchoring -------------------------------------------------------------------------------------------------


def occurrences(text: str, exact: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of `exact`."""
    found, i = [], text.find(exact)
    while i != -1:
        found.append(i)
        i = text.find(exact, i + 1)
    return found


def anchor(text: str, a: A) -> dict[str, Any]:
    """Resolve an anchor to a span, with prefix/suffix where the exact string is ambiguous."""
    if a.exact != a.exact.strip():
        raise SeedError(f"{a.exact!r} starts or ends with white space")
    starts = occurrences(text, a.exact)
    if not starts:
        raise SeedError(f"not found in the article: {a.exact!r}")
    if len(starts) > 1 and a.nth is None:
        raise SeedError(f"{a.exact!r} occurs {len(starts)} times; give an occurrence index")
    if a.nth is not None and not 0 <= a.nth < len(starts):
        raise SeedError(f"{a.exact!r} occurs {len(starts)} times; there is no occurrence {a.nth}")
    start = starts[a.nth or 0]
    end = start + len(a.exact)
    span: dict[str, Any] = {"start": start, "end": end, "exact": a.exact}
    if len(starts) > 1:
        # Raw slices, cut at line breaks (the validator refuses control characters in strings).
        span["prefix"] = text[max(0, start - CONTEXT) : start].rsplit("\n", 1)[-1]
        span["suffix"] = text[end : end + CONTEXT].split("\n", 1)[0]
        if len(occurrences(text, span["prefix"] + a.exact + span["suffix"])) != 1:
            raise SeedError(f"prefix/suffix do not single out {a.exact!r} occurrence {a.nth}")
    return span


def resolve(value: Any, text: str) -> Any:
    """Replace every anchor in a nested structure by its span."""
    if isinstance(value, A):
        return anchor(text, value)
    if isinstance(value, dict):
        return {k: resolve(v, text) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, text) for v in value]
    return value


# Statements the article gives no speaker for: how each was attributed (format 1.1).
INFERRED = {"s25": "attribution inferred from its position; the article names no speaker"}


def build(text: str) -> dict[str, Any]:
    statements = []
    for sid, actor, mode, content, cue, event, issues in STATEMENTS:
        s: dict[str, Any] = {"id": sid, "actor": actor, "mode": mode, "content": content}
        if cue is not None:
            s["cue"] = cue
        if sid in INFERRED:
            s["inferred_attribution"] = INFERRED[sid]
        statements.append({**s, "when": event, "issues": issues})
    source = {**SOURCE, "text": text, "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    raw = {
        "schema_version": "1.1",
        "source": source,
        "organisations": ORGANISATIONS,
        "actors": ACTORS,
        "statements": statements,
        "events": EVENTS,
        "issues": ISSUES,
        "stances": STANCES,
        "figures": FIGURES,
        "notes": NOTES,
    }
    return resolve(raw, text)


# --- checks ----------------------------------------------------------------------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def check(d: Dossier) -> list[str]:
    """The curator's checks; returns problems (empty when all is well)."""
    text, out = d.source.text, []
    spans = [(f"{s.id}.content", s.content) for s in d.statements]
    spans += [(f"{s.id}.cue", s.cue) for s in d.statements if s.cue]
    spans += [(f"{e.id}.phrase", e.when.phrase) for e in d.events if e.when.phrase]
    spans += [(f.id, f.span) for f in d.figures] + [(n.id, n.span) for n in d.notes if n.span]
    for where, sp in spans:
        if text[sp.start : sp.end] != sp.exact:
            out.append(f"{where}: offsets do not give the exact text")
        if sp.exact != sp.exact.strip():
            out.append(f"{where}: starts or ends with white space")
        if (sp.prefix is None) != (sp.suffix is None) or (sp.prefix is None and text.count(sp.exact) > 1):
            out.append(f"{where}: ambiguous without prefix and suffix")
    for s in d.statements:
        c = s.content
        if s.mode == "direct" and not (text[c.start - 1] == "“" and text[c.end :].startswith(("”", ",”"))):
            out.append(f"{s.id}: a direct statement is not immediately inside “ ”")
    ids = [s.id for s in d.statements]
    if ids != [f"s{i}" for i in range(1, len(ids) + 1)]:
        out.append("statement ids are not s1, s2, … in order")
    if [s.content.start for s in d.statements] != sorted(s.content.start for s in d.statements):
        out.append("statements are not in article order")

    actors = {a.id: a for a in d.actors}
    statements = {s.id: s for s in d.statements}
    events = {e.id: e for e in d.events}
    issues = {i.id: i for i in d.issues}
    orgs = {o.code for o in d.organisations}
    anything = set(actors) | set(statements) | set(events) | set(issues) | {f.id for f in d.figures}

    def need(ids: list[str], known: Any, where: str) -> None:
        out.extend(f"{where}: unknown id {i!r}" for i in ids if i not in known)

    for a in d.actors:
        need([a.speaks_for] if a.speaks_for else [], actors, f"actor {a.id}.speaks_for")
        if a.affiliation and a.affiliation not in orgs:
            out.append(f"actor {a.id}: undeclared organisation {a.affiliation!r}")
        if a.kind == "person" and not a.role:
            out.append(f"actor {a.id}: a person needs a role")
    for s in d.statements:
        need([s.actor], actors, f"{s.id}.actor")
        need([s.when] if s.when else [], events, f"{s.id}.when")
        need(s.issues, issues, f"{s.id}.issues")
    for e in d.events:
        for part in e.title.split(" … "):  # the article's own words, '…' where words are left out
            if part.casefold() not in text.casefold():
                out.append(f"{e.id}: title words not in the article: {part!r}")
        need(e.actors, actors, f"{e.id}.actors")
        need(e.evidence, statements, f"{e.id}.evidence")
        if e.when.anchor not in ("reference_date", "explicit"):
            need([e.when.anchor], set(events) - {e.id}, f"{e.id}.anchor")
        w = e.when
        if w.earliest and w.latest and w.earliest > w.latest:
            out.append(f"{e.id}: earliest is after latest")
        if w.phrase and w.earliest and w.earliest == w.latest:
            words = re.findall(r"[a-z]+", w.phrase.exact.lower())
            named = [WEEKDAYS.index(x) for x in words if x in WEEKDAYS]
            if named and named[0] != w.earliest.weekday():
                out.append(f"{e.id}: phrase names a {WEEKDAYS[named[0]]} but {w.earliest} is not one")
            if m := re.search(r"May (\d{1,2})", w.phrase.exact):
                if (w.earliest.month, w.earliest.day) != (5, int(m[1])):
                    out.append(f"{e.id}: phrase names May {m[1]} but the date is {w.earliest}")
    for st in d.stances:
        where = f"stance {st.actor}/{st.issue}"
        need([st.actor], actors, f"{where}.actor")
        need([st.issue], issues, f"{where}.issue")
        need(st.evidence, set(statements) | set(events), f"{where}.evidence")
        if st.issue in issues and st.position not in {p.code for p in issues[st.issue].positions}:
            out.append(f"{where}: unknown position {st.position!r}")
        for sid in st.evidence:
            s = statements.get(sid)
            if s and s.actor != st.actor and actors[s.actor].speaks_for != st.actor:
                out.append(f"{where}: {sid} is by {s.actor}, who does not speak for {st.actor}")
            if s and st.issue not in s.issues:
                out.append(f"{where}: {sid} is not tagged with the issue")
            e = events.get(sid)
            if e and not any(st.actor in (a, actors[a].speaks_for) for a in e.actors):
                out.append(f"{where}: event {sid} is not one of {st.actor}'s actions")
    for n in d.notes:
        need(n.about, anything, f"note {n.id}.about")
    return out


def main(argv: list[str] | None = None) -> int:
    """Write the dossier to data/, or to the path given as the only argument (the tests compare the two)."""
    args = sys.argv[1:] if argv is None else argv
    output = Path(args[0]).resolve() if args else OUTPUT
    text = ARTICLE.read_bytes().decode("utf-8")
    try:
        dossier = Dossier.model_validate(build(text))
    except SeedError as exc:
        print(f"make_seed: {exc}", file=sys.stderr)
        return 1
    problems = check(dossier)
    if problems:
        print("make_seed: checks failed:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    data = to_data(dossier)
    output.write_bytes((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))

    print(f"wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    for name in ("organisations", "actors", "statements", "events", "issues", "stances", "figures", "notes"):
        print(f"  {name}: {len(data[name])}")
    for s in dossier.statements:
        print(f"  {s.id:<4} {s.actor:<16} {s.mode:<10} {s.content.exact[:60]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
