"""The store: one Filter answers statements, actors, events and stances of the bundled dossier."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tui.dates import parse_edtf
from tui.model import Dossier, Statement
from tui.store import Filter, Store, UnknownCountry

MAY = dt.date(2024, 5, 1)


def ids(items) -> list[str]:
    return [item.id for item in items]


def by(store: Store, statements: list[Statement]) -> set[str]:
    return {s.actor for s in statements}


# -- countries and organisations -------------------------------------------------------------------------------------


def test_poland_is_sikorski_and_nothing_else(store: Store) -> None:
    statements = store.statements(Filter(countries=frozenset({"PL"})))
    assert ids(statements) == ["s24", "s25"]
    assert by(store, statements) == {"sikorski"}
    assert ids(store.actors(Filter(countries=frozenset({"PL"})))) == ["sikorski"]


@pytest.mark.parametrize(
    ("token", "code"),
    [
        ("poland", "PL"),
        ("PL", "PL"),
        ("pl", "PL"),
        ("POL", "PL"),
        ("Poland", "PL"),
        ("  Poland ", "PL"),
        ("russia", "RU"),
        ("Russian Federation", "RU"),
        ("germany", "DE"),
        ("Netherlands", "NL"),
        ("United States", "US"),
        ("USA", "US"),
        ("NATO", "NATO"),
        ("nato", "NATO"),
    ],
)
def test_resolve_country(store: Store, token: str, code: str) -> None:
    assert store.resolve_country(token) == code


@pytest.mark.parametrize("token", ["narnia", "XX", "EU", ""])
def test_unknown_country_names_the_known_codes(store: Store, token: str) -> None:
    with pytest.raises(UnknownCountry) as caught:
        store.resolve_country(token)
    message = str(caught.value)
    assert repr(token) in message
    for known in ("PL (Poland)", "US (United States)", "DE (Germany)", "NATO (NATO)"):
        assert known in message


def test_nato_includes_stoltenberg_through_affiliation(store: Store) -> None:
    f = Filter(countries=frozenset({"NATO"}))
    actors = ids(store.actors(f))
    assert "stoltenberg" in actors
    assert set(actors) == {"nato", "stoltenberg", "nato-countries"}
    statements = store.statements(f)
    assert by(store, statements) == {"nato", "stoltenberg"}
    stoltenberg = [s.id for s in store.dossier.statements if s.actor == "stoltenberg"]
    assert stoltenberg and set(stoltenberg) <= set(ids(statements))


def test_no_country_the_article_does_not_give(store: Store) -> None:
    # The article never says Stoltenberg is Norwegian (issue 13): no Norway to filter by.
    assert store.actor["stoltenberg"].country is None
    assert "NO" not in {g.code for g in store.groups()}


def test_several_countries_are_a_union(store: Store) -> None:
    statements = store.statements(Filter(countries=frozenset({"PL", "NL"})))
    assert by(store, statements) == {"sikorski", "bruins-slot"}


def test_groups_lists_countries_then_organisations(store: Store) -> None:
    groups = store.groups()
    kinds = [g.kind for g in groups]
    assert kinds == sorted(kinds, key=lambda k: k != "country")
    assert kinds[-1] == "organisation"
    assert {g.code for g in groups} == {"DE", "NL", "PL", "RU", "UA", "US", "NATO"}
    countries = [g.name for g in groups if g.kind == "country"]
    assert countries == sorted(countries, key=str.casefold)
    nato = next(g for g in groups if g.code == "NATO")
    assert (nato.name, nato.kind) == ("NATO", "organisation")
    assert set(nato.actors) == {"nato", "stoltenberg", "nato-countries"}
    assert next(g for g in groups if g.code == "PL").actors == ("sikorski",)


def test_by_group_puts_stoltenberg_under_nato(store: Store) -> None:
    grouped = dict((code, ids(actors)) for code, actors in store.by_group(store.dossier.actors))
    assert "stoltenberg" in grouped["NATO"]
    assert "NO" not in grouped
    assert grouped["PL"] == ["sikorski"]
    order = [code for code, _ in store.by_group(store.dossier.actors)]
    assert order[-1] == "NATO"
    assert sorted(a for members in grouped.values() for a in members) == sorted(ids(store.dossier.actors))


# -- actors, issues, text -------------------------------------------------------------------------------------------


def test_actor_filter(store: Store) -> None:
    f = Filter(actors=frozenset({"putin"}))
    assert ids(store.statements(f)) == ["s10", "s16", "s17"]
    assert ids(store.actors(f)) == ["putin"]
    assert {st.actor for st in store.stances(f)} == {"putin"}
    assert "e-putin-warning" in ids(store.events(f))


def test_issue_filter(store: Store) -> None:
    f = Filter(issues=frozenset({"deep-strikes"}))
    statements = store.statements(f)
    assert ids(statements) == ["s7", "s16", "s23", "s24"]
    assert all("deep-strikes" in s.issues for s in statements)
    assert {st.issue for st in store.stances(f)} == {"deep-strikes"}
    assert set(ids(store.actors(f))) == {"us-officials", "putin", "bruins-slot", "sikorski"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ATACMS", ["s7"]),
        ("atacms", ["s7"]),
        ("nuclear", ["s17", "s19"]),
        ("NUCLEAR bluffing", ["s19"]),
        ("bluffing nuclear", ["s19"]),
        ("nuclear zebra", []),
        ("sikorski", ["s24", "s25"]),
        ("Medvedev", ["s19", "s20", "s21", "s22"]),
        ("  ", None),  # blank: no narrowing
    ],
)
def test_text_search(store: Store, text: str, expected: list[str] | None) -> None:
    found = ids(store.statements(Filter(text=text)))
    assert found == (expected if expected is not None else ids(store.dossier.statements))


def test_text_search_finds_medvedev_for_nuclear(store: Store) -> None:
    assert "medvedev" in by(store, store.statements(Filter(text="nuclear")))
    assert by(store, store.statements(Filter(text="ATACMS"))) == {"us-officials"}


def test_text_search_on_events(store: Store) -> None:
    assert ids(store.events(Filter(text="ATACMS"))) == ["e-atacms-policy"]


# -- dates ------------------------------------------------------------------------------------------------------------


def test_statements_up_to_thursday(store: Store) -> None:
    statements = store.statements(Filter(date_to=dt.date(2024, 5, 30)))
    assert ids(statements) == ["s7", "s10", "s16", "s17"]


def test_statements_from_friday(store: Store) -> None:
    found = set(ids(store.statements(Filter(date_from=dt.date(2024, 5, 31)))))
    assert found == set(ids(store.dossier.statements)) - {"s7", "s10", "s16", "s17"}


def test_events_on_tuesday(store: Store) -> None:
    tuesday = dt.date(2024, 5, 28)
    events = ids(store.events(Filter(date_from=tuesday, date_to=tuesday)))
    assert "e-putin-warning" in events
    assert "e-atacms-policy" not in events
    assert "e-full-scale-invasion" not in events
    assert "e-prague-remarks" not in events


def test_events_before_2023(store: Store) -> None:
    # Only February 2022, and the events known only as "by <date>": with no earliest date, they may fall then too.
    open_start = {"e-restrictions-lifted", "e-earlier-refusal"}
    assert all(parse_edtf(e.when.value).earliest is None for e in store.dossier.events if e.id in open_start)
    events = ids(store.events(Filter(date_to=dt.date(2022, 12, 31))))
    assert events[-1] == "e-full-scale-invasion"
    assert set(events) == {"e-full-scale-invasion"} | open_start


def test_date_range_excludes_the_past(store: Store) -> None:
    events = ids(store.events(Filter(date_from=MAY)))
    assert "e-full-scale-invasion" not in events
    assert len(events) == len(store.dossier.events) - 1


# -- order -------------------------------------------------------------------------------------------------------------


def test_events_in_date_order(store: Store) -> None:
    events = store.events()
    order = ids(events)
    # Events with no known start come first, not at their latest date (issue 13), then February 2022.
    assert order[:3] == ["e-restrictions-lifted", "e-earlier-refusal", "e-full-scale-invasion"]
    assert set(order) == set(ids(store.dossier.events))
    assert order.index("e-putin-warning") < order.index("e-atacms-policy")  # Tuesday, then Thursday
    # The approval came after the request of recent weeks: the same approximate start, after it.
    assert order.index("e-ukraine-request") + 1 == order.index("e-approval") < order.index("e-putin-warning")


def test_events_sorted_by_their_first_possible_day(store: Store) -> None:
    def first(e) -> dt.date:
        covered = parse_edtf(e.when.value)
        return e.when.earliest or covered.earliest or dt.date.min  # no known start: first

    days = [first(e) for e in store.events()]
    assert days == sorted(days)


def test_statements_in_article_order(store: Store) -> None:
    starts = [s.content.start for s in store.statements(Filter(countries=frozenset({"US", "RU"})))]
    assert starts == sorted(starts)


# -- stances -----------------------------------------------------------------------------------------------------------


def test_stances_by_country(store: Store) -> None:
    assert [(st.actor, st.issue) for st in store.stances(Filter(countries=frozenset({"PL"})))] == [
        ("sikorski", "border-strikes"),
        ("sikorski", "deep-strikes"),
    ]
    nato = {st.actor for st in store.stances(Filter(countries=frozenset({"NATO"})))}
    assert nato == {"nato", "stoltenberg"}


def test_stances_by_issue(store: Store) -> None:
    stances = store.stances(Filter(issues=frozenset({"deep-strikes"})))
    assert {st.issue for st in stances} == {"deep-strikes"}
    assert {st.actor for st in stances} == {"us-gov", "putin", "bruins-slot", "sikorski"}


def test_stances_by_country_and_issue(store: Store) -> None:
    stances = store.stances(Filter(countries=frozenset({"RU"}), issues=frozenset({"escalation"})))
    assert [(st.actor, st.issue) for st in stances] == [
        ("russia", "escalation"),
        ("putin", "escalation"),
        ("medvedev", "escalation"),
    ]


def test_stances_unfiltered_in_dossier_order(store: Store) -> None:
    assert store.stances() == list(store.dossier.stances)


def test_position_label(store: Store) -> None:
    stance = store.stances(Filter(actors=frozenset({"de-gov"})))[0]
    assert store.position_label(stance) == ("Permitted with limits", "FAVOR")


def test_filter_active() -> None:
    assert not Filter().active
    assert not Filter(text="   ").active
    assert Filter(countries=frozenset({"PL"})).active
    assert Filter(date_to=MAY).active
    assert Filter(text="x").words == ["x"]
    assert Filter().with_countries(["PL"]).countries == frozenset({"PL"})


# -- a plain-Python reference for statements -------------------------------------------------------------------------


def reference_statements(d: Dossier, f: Filter) -> list[str]:
    actors = {a.id: a for a in d.actors}
    events = {e.id: e for e in d.events}
    out = []
    for s in d.statements:
        actor = actors[s.actor]
        codes = {c for c in (actor.country, actor.affiliation) if c}
        if f.countries and not codes & f.countries:
            continue
        if f.actors and s.actor not in f.actors:
            continue
        if f.issues and not set(s.issues) & f.issues:
            continue
        haystack = " ".join(
            [s.content.exact, s.cue.exact if s.cue else "", actor.name, actor.role or "", *actor.aliases]
        )
        # A search matches the start of words: every query word begins some word of the statement.
        have = re.findall(r"\w+", haystack.casefold())
        if not all(any(t.startswith(word) for t in have) for word in re.findall(r"\w+", f.text.casefold())):
            continue
        event = events.get(s.when or "")
        if event is not None and (f.date_from or f.date_to):
            covered = parse_edtf(event.when.value)
            lo = event.when.earliest or covered.earliest or dt.date.min
            hi = event.when.latest or covered.latest or dt.date.max
            if (f.date_to and lo > f.date_to) or (f.date_from and hi < f.date_from):
                continue
        out.append(s.id)
    return out


REFERENCE_FILTERS = [
    Filter(),
    Filter(countries=frozenset({"PL"})),
    Filter(countries=frozenset({"NATO"})),
    Filter(countries=frozenset({"US", "DE"})),
    Filter(actors=frozenset({"blinken", "medvedev"})),
    Filter(issues=frozenset({"escalation"})),
    Filter(countries=frozenset({"RU"}), issues=frozenset({"border-strikes"})),
    Filter(text="right self-defense"),
    Filter(text="he said"),
    Filter(countries=frozenset({"NATO"}), text="escalat"),
    Filter(date_to=dt.date(2024, 5, 30)),
    Filter(date_from=dt.date(2024, 5, 29), date_to=dt.date(2024, 5, 30)),
    Filter(countries=frozenset({"US"}), date_from=dt.date(2024, 5, 31)),
    Filter(issues=frozenset({"deep-strikes"}), text="weapons", date_to=dt.date(2024, 5, 31)),
]


@pytest.mark.parametrize("f", REFERENCE_FILTERS, ids=lambda f: repr(f)[7:60])
def test_statements_match_a_plain_reference(store: Store, f: Filter) -> None:
    assert ids(store.statements(f)) == reference_statements(store.dossier, f)


def test_reference_filters_are_not_trivial(store: Store) -> None:
    sizes = {len(reference_statements(store.dossier, f)) for f in REFERENCE_FILTERS}
    assert len(sizes) >= 6  # the filters narrow differently, so the comparison means something


def test_a_search_matching_nothing_leaves_no_speakers(store: Store) -> None:
    """Nothing said matches, and no name: no speaker is listed (not every one)."""
    f = Filter(text="zzzzz")
    assert store.statements(f) == [] and store.actors(f) == [] and store.events(f) == []
