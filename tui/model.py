"""The dossier format as typed models (layer 1: no Textual, no I/O beyond parsing).

Each part follows a public standard (docs/format.md): W3C Web Annotation selectors for
spans, PARC for attribution, TIMEX3/EDTF for dates, ISO 3166-1 for countries and
SemEval-2016 stance labels. `data/schema.json` is generated from these classes.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"  # what the tool writes; "1.0" files stay valid and mean what they meant

Id = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$", max_length=200, description="A unique identifier."),
]
NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Every model refuses unknown keys, so a typo is an error rather than silently lost data."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(Strict):
    """A W3C TextPositionSelector and TextQuoteSelector in one.

    `start`/`end` are Unicode code point offsets into `source.text` (Python string
    indices), end exclusive; `exact` is the text between them.
    """

    start: int = Field(ge=0)
    end: int = Field(ge=1)
    exact: NonEmpty
    prefix: str | None = Field(default=None, description="Text just before the span, where `exact` is ambiguous.")
    suffix: str | None = Field(default=None, description="Text just after the span, where `exact` is ambiguous.")


class Origin(Strict):
    """Where a machine-proposed item came from (format 1.1)."""

    by: NonEmpty = Field(description="The tool and its version, e.g. 'fact-explorer draft 0.5.0'.")
    rule: NonEmpty = Field(description="One line: the rule that proposed the item.")
    confidence: float = Field(ge=0, le=1, allow_inf_nan=False)


Review = Literal["draft"]
REVIEW_DOC = "'draft': proposed by a tool, not yet reviewed by a person. Absent: reviewed."


class Source(Strict):
    id: Id
    headline: NonEmpty
    headline_editorial: bool = Field(
        default=False, description="The headline was written by the curator or a tool, not the article's (1.1)."
    )
    publisher: str | None = None
    url: str | None = None
    dateline: str | None = Field(default=None, description="Where the story was filed, e.g. 'Prague'.")
    dateline_editorial: bool = Field(
        default=False, description="The dateline was written by the curator or a tool, not the article's (1.1)."
    )
    reference_date: dt.date = Field(description="The article's own date, the anchor for relative dates.")
    reference_date_rule: str | None = Field(
        default=None, description="How the reference date was established where the article does not state it in full."
    )
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
    text: NonEmpty
    text_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Organisation(Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9-]{1,15}$")]
    name: NonEmpty


ActorKind = Literal["person", "government", "organisation", "group"]


class Actor(Strict):
    id: Id
    name: NonEmpty
    kind: ActorKind
    role: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code.")
    affiliation: str | None = Field(default=None, description="Code of a declared organisation.")
    speaks_for: Id | None = Field(default=None, description="Id of the actor this one speaks for.")
    aliases: list[str] = Field(default_factory=list)
    key: str | None = Field(
        default=None,
        max_length=200,
        description="A key shared across dossiers (e.g. a Wikidata id): actors with the same key are one speaker "
        "in a corpus, as are actors with the same id.",
    )
    review: Review | None = Field(default=None, description=REVIEW_DOC)
    origin: Origin | None = None


Mode = Literal["direct", "indirect", "paraphrase"]


class Statement(Strict):
    """A PARC attribution: `actor` (source) says `content` through a `cue`."""

    id: Id
    actor: Id
    mode: Mode
    content: Span
    cue: Span | None = None
    source: Span | None = Field(
        default=None,
        description="The words naming the speaker ('he', 'Blinken', 'U.S. officials'): PARC's source (1.1).",
    )
    inferred_attribution: NonEmpty | None = Field(
        default=None,
        description="Present when the article names no speaker for this statement: one line saying how it was "
        "attributed (1.1).",
    )
    when: Id | None = Field(default=None, description="Id of the event at which it was said.")
    issues: list[Id] = Field(default_factory=list)
    review: Review | None = Field(default=None, description=REVIEW_DOC)
    origin: Origin | None = None


Precision = Literal["day", "week", "month", "year"]


class TimeExpression(Strict):
    """A TIMEX3-style date: the phrase as written and how it was resolved."""

    phrase: Span | None = Field(default=None, description="The words in the article, where it has any.")
    value: NonEmpty = Field(description="EDTF (ISO 8601-2): 2024-05-28, 2022-02, 2024-05-10/2024-05-31, ../2024-05-30.")
    precision: Precision
    earliest: dt.date | None = None
    latest: dt.date | None = None
    anchor: NonEmpty = Field(description="'reference_date', 'explicit', or the id of another event.")
    rule: NonEmpty = Field(description="One line: how the value was worked out.")


class Event(Strict):
    id: Id
    title: NonEmpty
    when: TimeExpression
    actors: list[Id] = Field(default_factory=list)
    place: str | None = None
    evidence: list[Id] = Field(default_factory=list, description="Statements that report or show it.")
    review: Review | None = Field(default=None, description=REVIEW_DOC)
    origin: Origin | None = None


Polarity = Literal["FAVOR", "AGAINST", "NONE"]


class Position(Strict):
    code: Id
    label: NonEmpty
    polarity: Polarity


class Issue(Strict):
    id: Id
    title: NonEmpty
    question: NonEmpty
    positions: list[Position] = Field(min_length=1)


class Stance(Strict):
    actor: Id
    issue: Id
    position: Id
    conditions: str | None = None
    evidence: list[Id] = Field(
        min_length=1,
        description="Statements of the actor (or of one speaking for it), or events whose actors include it (1.1).",
    )
    note: str | None = None
    review: Review | None = Field(default=None, description=REVIEW_DOC)
    origin: Origin | None = None


class Figure(Strict):
    id: Id
    label: NonEmpty
    value: float = Field(allow_inf_nan=False)
    unit: NonEmpty
    span: Span
    also: str | None = Field(default=None, description="The same figure in another unit, as the article gives it.")


class Note(Strict):
    id: Id
    about: list[Id] = Field(default_factory=list, description="Ids of statements, events, actors or figures.")
    span: Span | None = None
    text: NonEmpty


class Dossier(Strict):
    schema_version: Literal["1.0", "1.1"]
    source: Source
    organisations: list[Organisation] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    issues: list[Issue] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)


def to_data(dossier: Dossier) -> dict:
    """The dossier as JSON data, as a file holds it: no null fields, and no 1.1 flag at its default
    (false), so a dossier without 1.1 features still reads as it did."""
    data = dossier.model_dump(mode="json", exclude_none=True)
    for flag in ("headline_editorial", "dateline_editorial"):
        if data["source"].get(flag) is False:
            del data["source"][flag]
    return data


def json_schema() -> dict:
    """The JSON Schema (2020-12) of the format, as shipped in data/schema.json."""
    schema = Dossier.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": "fact-explorer dossier"}
