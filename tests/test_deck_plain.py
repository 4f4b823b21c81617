"""The plain-Python deck builder (quizapp.decks.plain) against pydantic: for any data it returns exactly what
pydantic returns, or declines; pydantic is not imported to open valid decks."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from quizapp.decks import models, plain
from quizapp.decks.library import DeckError, load_deck, parse_deck
from quizapp.decks.schema import validate

REPO = Path(__file__).resolve().parents[1]

# Whitespace Python and pydantic may trim differently, and characters that only look like it.
ODD = ["\u00a0", "\u2003", "\u3000", "\x1c", "\x85", "\u200b", "\ufeff", "\u2028", "\x0b", "\x0c"]
PAD = st.sampled_from([" ", "\t", "\n", "\r\n", "  \n ", *ODD])


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (True == 1 and a Typed equals a tuple: not here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def pydantic_says(cls: type, data: Any) -> Any:
    try:
        return validate(cls, data)
    except ValidationError:
        return None


def plain_text(rule: models.Rule | None) -> st.SearchStrategy[str]:
    """Strings a field with `rule` plainly accepts (ASCII letters, trimmed, inside its limits, passing its check)."""
    if rule is not None and rule.check is not None:
        pool = ["2015", "1948-05", "2016-02-29", "Began in {{c1::1948}}.", "{{c1::a::hint}} and {{c2::b}}"]
        return st.sampled_from([t for t in pool if passes(rule.check, t)])
    if rule is not None and rule.pattern:
        return st.from_regex(r"[a-z0-9][a-z0-9._-]{0,12}", fullmatch=True)
    return st.text(st.sampled_from("abcXYZ019 .,'é{}:"), max_size=20).map(lambda s: "q" + s + "z")


def passes(check: Any, text: str) -> bool:
    try:
        check(text)
    except ValueError:
        return False
    return True


def odd_text(rule: models.Rule | None) -> st.SearchStrategy[Any]:
    """Strings around the rule's edges, and values that are not strings at all."""
    plain = plain_text(rule)
    texts = st.one_of(
        st.tuples(PAD, plain, PAD).map("".join),
        st.tuples(plain, PAD).map("".join),
        st.tuples(PAD, plain).map("".join),
        plain.map(lambda s: s + "\n"),
        plain.map(str.upper),
        st.sampled_from(["", " ", "\n", "A", "a\n", "a b", "-a", "é", "2015", "2015-13", "2015-02-30", "2016-02-29"]),
        st.sampled_from(["1948-05", "{{c1::x}}", " {{c2::a::b}} ", "{{c1::}}", "x" * 400, "x" * 401, "x" * 4001]),
        st.sampled_from(["a" * 80, "a" * 81, "q" + " " * 3999, "  " + "y" * 4000 + "\n", " " + "y" * 400 + " "]),
        st.text(max_size=8),
    )
    return st.one_of(texts, texts, texts, st.sampled_from([1, 1.5, True, None, ["a"], {"a": "b"}, b"ab"]))


def mostly(valid: st.SearchStrategy[Any], odd: st.SearchStrategy[Any], near: bool) -> st.SearchStrategy[Any]:
    """`valid`, and with `near` one time in twenty `odd` instead (a table of ten values then has one near-miss
    about every other time)."""
    return st.integers(0, 19).flatmap(lambda i: odd if near and i == 13 else valid)


def strategy(hint: Any, rule: models.Rule | None = None, near: bool = True) -> st.SearchStrategy[Any]:
    """Values for an annotation of quizapp.decks.models: plainly valid ones, and with `near` others too."""
    origin = get_origin(hint)
    if origin is Annotated:
        inner, *extras = get_args(hint)
        return strategy(inner, next((r for r in extras if isinstance(r, models.Rule)), rule), near)
    if origin in (Union, types.UnionType):
        members = [m for m in get_args(hint) if m is not type(None)]
        return mostly(st.one_of(*(strategy(m, rule, near) for m in members)), st.none(), near)
    if hint is str:
        return mostly(
            plain_text(rule if rule and (rule.pattern or rule.strip or rule.check) else None), odd_text(rule), near
        )
    if hint is bool:
        return mostly(st.booleans(), st.sampled_from([0, 1, "true", "yes", None, 1.0]), near)
    if origin is Literal:
        return mostly(st.sampled_from(get_args(hint)), st.sampled_from(["Basic", "true", 1.0, True, "1", 2]), near)
    if origin is tuple:
        items = st.lists(strategy(get_args(hint)[0], rule, near), max_size=3)
        return mostly(items, st.one_of(items.map(tuple), st.just("a"), st.just({})), near)
    if isinstance(hint, type) and issubclass(hint, tuple):
        return tables(hint, near)
    raise AssertionError(f"no strategy for {hint!r}")


def tables(cls: type, near: bool = True) -> st.SearchStrategy[Any]:
    """Tables of `cls`: each optional key present or not; with `near`, sometimes a required key missing, an
    unknown key, or not a table at all."""
    hints = get_type_hints(cls, include_extras=True)
    fields: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    defaults = cls._field_defaults  # type: ignore[attr-defined]

    @st.composite
    def table(draw: st.DrawFn) -> Any:
        out: dict[str, Any] = {}
        for name in fields:
            keep = draw(st.booleans()) if name in defaults else (not near or draw(st.integers(0, 40)) != 13)
            if keep:
                out[name] = draw(strategy(hints[name], near=near))
        if near and draw(st.integers(0, 40)) == 13:  # (hypothesis draws the ends of a range often)
            out[draw(st.sampled_from(["colour", "Id", "notes", "front"]))] = "x"
        return out

    if cls is models.Deck:
        return st.fixed_dictionaries(
            {"deck": tables(models.DeckMeta, near)},
            optional={
                "format": strategy(hints["format"], near=near),
                "sources": st.lists(tables(models.Source, near), max_size=2),
                "notes": st.lists(tables(models.Note, near), min_size=1, max_size=3),
            },
        )
    return mostly(table(), st.sampled_from([[], "x", None, ["a", "b"]]), near)


SLOW = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(data=tables(models.Deck))
def test_plain_build_equals_pydantic_or_declines(data: Any) -> None:
    built = plain.build(models.Deck, data)
    if built is not None:
        assert same(built, pydantic_says(models.Deck, data))


@SLOW
@given(
    cls=st.sampled_from([models.Note, models.Choice, models.Cloze, models.Source, models.DeckMeta]),
    data=st.data(),
)
def test_each_class_equals_pydantic_or_declines(cls: type, data: st.DataObject) -> None:
    table = data.draw(tables(cls))
    built = plain.build(cls, table)
    if built is not None:
        assert same(built, pydantic_says(cls, table))


@SLOW
@given(data=st.data())
def test_plainly_valid_tables_are_built_not_declined(data: st.DataObject) -> None:
    """Values inside every limit, trimmed: what pydantic accepts, the plain builder accepts too (else a deck of
    them would import pydantic after all)."""
    cls = data.draw(st.sampled_from([models.DeckMeta, models.Source, models.Typed, models.Match, models.Conflict]))
    table = data.draw(tables(cls, near=False))
    expected = pydantic_says(cls, table)
    if expected is not None:  # (a TrueFalse-like rule, e.g. a check, may still refuse a plainly typed value)
        assert same(plain.build(cls, table), expected)


def test_every_field_of_every_deck_class_is_understood() -> None:
    for cls in models.MODELS:
        plain.build(cls, {})
    assert plain.unsupported == []


def test_bundled_decks_build_the_same_in_plain_python() -> None:
    import tomllib

    paths = sorted((REPO / "decks").glob("*.toml"))
    assert paths
    for path in paths:
        data = tomllib.loads(path.read_text("utf-8"))
        built = plain.build(models.Deck, data)
        assert built is not None, path
        assert same(built, validate(models.Deck, data)), path


def test_text_padded_with_other_whitespace_goes_to_pydantic_and_loads() -> None:
    from tests.test_decks import GOOD

    raw = GOOD.replace('title = "Good"', 'title = "\u00a0Good\u3000"').encode()
    data = __import__("tomllib").loads(raw.decode())
    assert plain.build(models.Deck, data) is None
    assert parse_deck(raw, "d.toml").deck.deck.title == "Good"


def test_opening_valid_decks_does_not_import_pydantic(tmp_path: Path) -> None:
    from tests.test_decks import GOOD

    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from quizapp.decks.library import find_deck_files, load_library\n"
        f"lib = load_library(find_deck_files([Path({str(REPO / 'decks')!r}), Path({str(tmp_path)!r})]))\n"
        "assert not lib.problems, lib.problems\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(REPO / "src")}
    )
    assert run.stdout.strip() == "[]"


def test_an_invalid_deck_still_gets_pydantics_messages(tmp_path: Path) -> None:
    from tests.test_decks import GOOD

    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace('answer = "1948"', "answer = 1948"), encoding="utf-8")
    with pytest.raises(DeckError) as info:
        load_deck(path)
    assert [str(p) for p in info.value.problems] == [
        f'{path}:17:49: notes[0].typed.answer: write it in quotes: answer = "1948"'
    ]
