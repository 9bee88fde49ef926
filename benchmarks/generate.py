"""Make N realistic synthetic dossiers, each valid under the validator, for benchmarks and corpus tests.

Actors come from a shared pool, so the same speaker recurs across articles (same id), and their
stances drift over time, as in a story followed for months. Usage:
    python benchmarks/generate.py OUT_DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

COUNTRIES = [
    "US",
    "UA",
    "RU",
    "DE",
    "FR",
    "GB",
    "PL",
    "NL",
    "IT",
    "ES",
    "SE",
    "FI",
    "NO",
    "CZ",
    "HU",
    "TR",
    "CN",
    "IN",
    "BR",
    "JP",
    "CA",
    "AU",
    "RO",
    "LT",
    "LV",
    "EE",
    "BE",
    "DK",
    "AT",
    "SK",
]
ROLES = [
    "Foreign Minister",
    "Defence Minister",
    "Prime Minister",
    "President",
    "Government spokesperson",
    "Ambassador to NATO",
    "Member of Parliament",
    "Chief of the General Staff",
]
FIRST = [
    "Anna",
    "Jan",
    "Maria",
    "Piotr",
    "Olena",
    "Lukas",
    "Sofia",
    "Mikko",
    "Ingrid",
    "Tomas",
    "Elena",
    "Marek",
    "Clara",
    "Hugo",
    "Ayse",
    "Wei",
    "Priya",
    "Joao",
    "Yuki",
    "Liam",
    "Noor",
    "Pavel",
    "Greta",
    "Karel",
]
LAST = [
    "Novak",
    "Kowalski",
    "Schmidt",
    "Dubois",
    "Rossi",
    "Garcia",
    "Lindqvist",
    "Virtanen",
    "Hansen",
    "Horvath",
    "Yilmaz",
    "Chen",
    "Sharma",
    "Silva",
    "Tanaka",
    "Brown",
    "Petrov",
    "Ivanova",
    "Jensen",
    "Muller",
    "Nagy",
]
TOPICS = [
    "air defence",
    "artillery shells",
    "long-range missiles",
    "fighter jets",
    "sanctions",
    "grain exports",
    "energy prices",
    "reconstruction funds",
    "border security",
    "peace talks",
    "refugees",
    "cyber attacks",
]
CLAIMS = [
    "we will continue to support {topic} for as long as it takes",
    "the decision on {topic} must be taken together with our allies",
    "there can be no compromise on {topic} while the attacks go on",
    "the question of {topic} is being discussed at the highest level",
    "we are deeply concerned about what {topic} could mean for the region",
    "{topic} is not a matter for negotiation",
    "our position on {topic} has not changed",
    "the pressure over {topic} will only grow in the coming weeks",
]
VERBS = ["said", "stated", "warned", "added", "told reporters"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ISSUES = [
    ("weapons-supply", "Weapons supply", "Should allies send more weapons?"),
    ("sanctions", "Sanctions", "Should sanctions be tightened?"),
    ("negotiations", "Negotiations", "Should talks start now?"),
    ("membership", "Membership", "Should membership be offered?"),
    ("strikes", "Cross-border strikes", "May donated weapons be used across the border?"),
    ("escalation", "Escalation", "Does the policy escalate the war?"),
]
POSITIONS = [
    ("for", "In favour", "FAVOR"),
    ("limited", "With limits", "FAVOR"),
    ("against", "Against", "AGAINST"),
    ("unclear", "No clear position", "NONE"),
]


def actor_pool(rng: random.Random, size: int = 160) -> list[dict[str, Any]]:
    pool, seen = [], set()
    while len(pool) < size:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        actor_id = f"{first}-{last}".lower()
        if actor_id in seen:
            continue
        seen.add(actor_id)
        country = rng.choice(COUNTRIES)
        actor = {
            "id": actor_id,
            "name": f"{first} {last}",
            "kind": "person",
            "role": rng.choice(ROLES),
            "country": country,
        }
        if rng.random() < 0.15:
            actor["affiliation"] = "NATO"
        pool.append(actor)
    return pool


def span(text: str, start: int, exact: str) -> dict[str, Any]:
    out: dict[str, Any] = {"start": start, "end": start + len(exact), "exact": exact}
    if text.count(exact) > 1:
        out["prefix"] = text[max(0, start - 24) : start]
        out["suffix"] = text[start + len(exact) : start + len(exact) + 24]
    return out


def dossier(rng: random.Random, pool: list[dict[str, Any]], n: int, day: dt.date, statements: int) -> dict[str, Any]:
    actors = rng.sample(pool, 8)
    parts: list[str] = []
    length = 0
    records: list[tuple[dict[str, Any], str, int, str, int, str, dict[str, Any]]] = []

    def add(sentence: str) -> int:
        nonlocal length
        start = length + (1 if parts else 0)
        parts.append(sentence)
        length = start + len(sentence)
        return start

    add(f"Story {n}: leaders met on {WEEKDAYS[day.weekday()]} to discuss the war (report {n}).")
    events = []
    for k in range(statements):
        actor = actors[k % len(actors)]
        topic = rng.choice(TOPICS)
        claim = rng.choice(CLAIMS).format(topic=topic) + f" ({n}-{k})"
        back = rng.randrange(0, 6)
        when = day - dt.timedelta(days=back)
        weekday = WEEKDAYS[when.weekday()]
        verb = rng.choice(VERBS)
        if rng.random() < 0.5:
            sentence = f"“{claim[0].upper() + claim[1:]}.” {actor['name']} {verb} on {weekday}."
            start = add(sentence)
            content = (start + 1, claim[0].upper() + claim[1:] + ".")
            cue = (start + len(sentence) - len(f"{actor['name']} {verb} on {weekday}."), f"{actor['name']} {verb}")
            mode = "direct"
        else:
            sentence = f"{actor['name']} {verb} on {weekday} that {claim}."
            start = add(sentence)
            content = (start + len(f"{actor['name']} {verb} on {weekday} that "), claim)
            cue = (start, f"{actor['name']} {verb}")
            mode = "indirect"
        phrase_start = sentence.index(f"on {weekday}") + start
        issue = rng.choice(ISSUES)[0]
        event = {
            "id": f"e{k + 1}",
            "title": f"{actor['name']} on {topic}",
            "actors": [actor["id"]],
            "evidence": [f"s{k + 1}"],
            "when": {
                "value": when.isoformat(),
                "precision": "day",
                "earliest": when.isoformat(),
                "latest": when.isoformat(),
                "anchor": "reference_date",
                "rule": f"the {weekday} {back} day(s) before the dateline" if back else "the dateline",
            },
        }
        events.append(event)
        records.append(
            (
                actor,
                mode,
                content[0],
                content[1],
                cue[0],
                cue[1],
                {"phrase_start": phrase_start, "phrase": f"on {weekday}", "issue": issue},
            )
        )
    text = "\n".join(parts)
    out_statements, stances = [], {}
    for k, (actor, mode, c_start, c_exact, q_start, q_exact, extra) in enumerate(records):
        assert text[c_start : c_start + len(c_exact)] == c_exact
        out_statements.append(
            {
                "id": f"s{k + 1}",
                "actor": actor["id"],
                "mode": mode,
                "content": span(text, c_start, c_exact),
                "cue": span(text, q_start, q_exact),
                "when": f"e{k + 1}",
                "issues": [extra["issue"]],
            }
        )
        events[k]["when"]["phrase"] = span(text, extra["phrase_start"], extra["phrase"])
        stances.setdefault((actor["id"], extra["issue"]), []).append(f"s{k + 1}")
    used = {a["id"] for a, *_ in records}
    source_id = f"story-{n:05d}"
    return {
        "schema_version": "1.0",
        "source": {
            "id": source_id,
            "headline": f"Story {n}: allies debate {rng.choice(TOPICS)}",
            "reference_date": day.isoformat(),
            "language": "en",
            "text": text,
            "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        },
        "organisations": [{"code": "NATO", "name": "North Atlantic Treaty Organization"}],
        "actors": [a for a in actors if a["id"] in used],
        "statements": out_statements,
        "events": events,
        "issues": [
            {
                "id": i,
                "title": t,
                "question": q,
                "positions": [{"code": c, "label": lbl, "polarity": p} for c, lbl, p in POSITIONS],
            }
            for i, t, q in ISSUES
        ],
        "stances": [
            {"actor": a, "issue": i, "position": rng.choice(POSITIONS)[0], "evidence": ev}
            for (a, i), ev in stances.items()
        ],
        "figures": [],
        "notes": [],
    }


def generate(out: Path, count: int, seed: int = 7, statements: int = 20) -> list[Path]:
    """Write `count` dossiers into `out`; return their paths."""
    rng = random.Random(seed)
    pool = actor_pool(rng)
    out.mkdir(parents=True, exist_ok=True)
    start = dt.date(2024, 1, 1)
    paths = []
    for n in range(count):
        day = start + dt.timedelta(days=n * 365 // max(count, 1))
        path = out / f"story-{n:05d}.json"
        path.write_text(json.dumps(dossier(rng, pool, n, day, statements), ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--statements", type=int, default=20)
    args = parser.parse_args(argv)
    generate(args.out, args.count, args.seed, args.statements)
    print(f"wrote {args.count} dossiers to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
