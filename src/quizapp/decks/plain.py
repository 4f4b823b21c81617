"""Deck objects from parsed TOML in plain Python, for data every rule accepts; anything else is declined.

Opening decks that are not cached used to import pydantic (60 ms) and build its validator (50 ms) in every process
before the first note was checked. This module reads the same rules, from the same place: each field's annotation
in quizapp.decks.models and the `Rule` in it (pattern, strip, lengths, table, check), turned once into small
Python functions. It is a shortcut, never the judge: whatever it does not accept plainly (a value pydantic might
still coerce, whitespace it cannot trim the way pydantic does, any failed rule) it declines with None, and the
caller validates with pydantic, which gives every error message. tests/test_deck_plain.py checks with hypothesis
that what it returns is exactly what pydantic returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, NamedTuple, Union, get_args, get_origin, get_type_hints

from quizapp.decks.models import Rule
from quizapp.errors import QuizappError

_ASCII_SPACE = " \t\n\r\x0b\x0c"  # what Python's str.isspace and pydantic's trim (Unicode White_Space) both remove


class Declined(QuizappError):
    """The data is not plainly valid: let pydantic judge it."""


unsupported: list[
    str
] = []  # annotations this module cannot read (their classes are always declined); a test keeps it empty


def build(cls: type, data: Any) -> Any:
    """`cls` (one of the deck classes) built from TOML-shaped `data` exactly as pydantic would, or None."""
    try:
        return _builder(cls)(data)
    except Declined:
        return None


# -- what each annotation means ----------------------------------------------------------------------------------
class Exact(NamedTuple):
    kind: type  # str or bool: only that type, as is


class Lit(NamedTuple):
    allowed: frozenset[tuple[type, Any]]  # (type, value) of each Literal value, so that True is not 1


class Null(NamedTuple):
    inner: Any  # None, or what `inner` accepts


class Tup(NamedTuple):
    item: Any  # a TOML array of what `item` accepts, as a tuple


class Table(NamedTuple):
    inner: Any  # a TOML table only (Rule.table), then `inner`


class Check(NamedTuple):
    inner: Any
    check: Callable[[Any], Any]  # a Rule's check, run on what `inner` made


class Text(NamedTuple):
    rule: Rule  # a str under the rule's strip, lengths and pattern


class Model(NamedTuple):
    cls: type  # one of the deck classes, from a table


def _node(hint: Any) -> Any:
    """The node for one annotation, or None if this module does not know its form."""
    origin = get_origin(hint)
    if origin is Annotated:
        source, *extras = get_args(hint)
        return _rule(extras[0], source) if len(extras) == 1 and isinstance(extras[0], Rule) else None
    if hint is str or hint is bool:
        return Exact(hint)
    if origin is Literal:
        values = get_args(hint)
        return Lit(frozenset((type(v), v) for v in values)) if all(type(v) in (str, int) for v in values) else None
    if origin in (Union, UnionType):
        members = get_args(hint)
        inner = _node(members[0]) if len(members) == 2 and members[1] is NoneType else None
        return Null(inner) if inner else None
    if origin is tuple:
        args = get_args(hint)
        item = _node(args[0]) if len(args) == 2 and args[1] is Ellipsis else None
        return Tup(item) if item else None
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields"):
        return Model(hint)
    return None


def _rule(rule: Rule, source: Any) -> Any:
    """What Rule.__get_pydantic_core_schema__ makes of `source`, in the same steps: a nullable table or check lets
    None through and applies itself to the rest; a string rule on `str` replaces its schema; then the table test,
    then the check."""
    members = get_args(source) if get_origin(source) in (Union, UnionType) else ()
    if (rule.table or rule.check) and NoneType in members:
        rest = [m for m in members if m is not NoneType]
        inner = _checked(rule, _base(rule, rest[0])) if len(rest) == 1 else None
        return Null(inner) if inner else None
    return _checked(rule, _base(rule, source))


def _base(rule: Rule, source: Any) -> Any:
    if source is str and (rule.pattern or rule.strip or rule.min_length or rule.max_length):
        return Text(rule)
    return _node(source)


def _checked(rule: Rule, node: Any) -> Any:
    if node is None:
        return None
    if rule.table:
        node = Table(node)
    return Check(node, rule.check) if rule.check else node


# -- the nodes as Python code --------------------------------------------------------------------------------------
# Each class gets one generated function with every field's test inline: a call per value made this as slow as
# pydantic-core's own validation.
_BUILDERS: dict[type, Callable[[Any], Any]] = {}


def _builder(cls: type) -> Callable[[Any], Any]:
    if cls not in _BUILDERS:
        code = _Code()
        _BUILDERS[cls] = code.names[code.function(cls)]
    return _BUILDERS[cls]


class _Code:
    """Writes the builder of a class (and of the classes in it): known keys only, required ones present, each
    value tested and converted as its node says, then the NamedTuple made without calling its __new__ again."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {"Declined": Declined, "_new": tuple.__new__, "_MISSING": object()}
        self.names |= {"_SPACE": _ASCII_SPACE, "_VISIBLE": frozenset(map(chr, range(33, 127)))}
        self.count = 0

    def const(self, value: Any) -> str:
        name = f"_k{len(self.names)}"
        self.names[name] = value
        return name

    def var(self) -> str:
        self.count += 1
        return f"v{self.count}"

    def function(self, cls: type) -> str:
        """Write the builder of `cls` and of the classes in it; the name it has in the generated code."""
        name = f"build_{cls.__name__}"
        if name in self.names:
            return name
        self.names[name] = _declined  # until written (and for good, if a field's form is unknown)
        fields: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
        given: dict[str, Any] = cls._field_defaults  # type: ignore[attr-defined]
        hints = get_type_hints(cls, include_extras=True)
        lines = [
            "def build(t):",
            f"    if type(t) is not dict or not t.keys() <= {self.const(frozenset(fields))}"
            f" or not t.keys() >= {self.const(frozenset(f for f in fields if f not in given))}:",
            "        raise Declined",
        ]
        results = []
        for field in fields:
            node = _node(hints[field])
            if node is None:
                unsupported.append(f"{cls.__name__}.{field}: {hints[field]}")
                return name
            value = self.var()
            if field in given:
                result, body = self.var(), list[str]()
                made = self.emit(node, value, body, "        ")
                lines += [f"    if {field!r} in t:", f"        {value} = t[{field!r}]", *body]
                lines += [f"        {result} = {made}", "    else:", f"        {result} = {self.const(given[field])}"]
            else:
                lines.append(f"    {value} = t[{field!r}]")
                result = self.emit(node, value, lines, "    ")
            results.append(result)
        lines.append(f"    return _new({self.const(cls)}, ({', '.join(results)},))")
        scope: dict[str, Any] = {}
        exec(compile("\n".join(lines), f"<deck builder of {cls.__name__}>", "exec"), self.names, scope)  # noqa: S102
        self.names[name] = _BUILDERS[cls] = scope["build"]
        return name

    def emit(self, node: Any, src: str, out: list[str], ind: str) -> str:
        """Lines that test the value in variable `src` (raising Declined) and make the field's value; its variable."""
        if isinstance(node, Exact):
            out.append(f"{ind}if type({src}) is not {node.kind.__name__}: raise Declined")
            return src
        if isinstance(node, Lit):
            out.append(f"{ind}if (type({src}), {src}) not in {self.const(node.allowed)}: raise Declined")
            return src
        if isinstance(node, Text):
            return self.text(node.rule, src, out, ind)
        if isinstance(node, Table):
            if not isinstance(node.inner, Model):  # (a class's builder takes only a table anyway)
                out.append(f"{ind}if type({src}) is not dict: raise Declined")
            return self.emit(node.inner, src, out, ind)
        if isinstance(node, Model):
            res = self.var()
            out.append(f"{ind}{res} = {self.function(node.cls)}({src})")
            return res
        res = self.var()
        if isinstance(node, Null):
            out.append(f"{ind}if {src} is None:")
            out.append(f"{ind}    {res} = None")
            out.append(f"{ind}else:")
            inner = self.emit(node.inner, src, out, ind + "    ")
            out.append(f"{ind}    {res} = {inner}")
        elif isinstance(node, Check):
            inner = self.emit(node.inner, src, out, ind)
            out += [f"{ind}try:", f"{ind}    {res} = {self.const(node.check)}({inner})"]
            out += [f"{ind}except Exception:", f"{ind}    raise Declined from None"]  # pydantic judges it
        elif isinstance(node, Tup):
            out.append(f"{ind}if type({src}) is not list and type({src}) is not tuple: raise Declined")
            item, items = self.var(), self.var()
            if node.item == Exact(str):
                out.append(f"{ind}for {item} in {src}:")
                out.append(f"{ind}    if type({item}) is not str: raise Declined")
                out.append(f"{ind}{res} = tuple({src})")
            else:
                out += [f"{ind}{items} = []", f"{ind}for {item} in {src}:"]
                made = self.emit(node.item, item, out, ind + "    ")
                out += [f"{ind}    {items}.append({made})", f"{ind}{res} = tuple({items})"]
        else:  # pragma: no cover - _node makes only the kinds above
            raise TypeError(node)
        return res

    def text(self, rule: Rule, src: str, out: list[str], ind: str) -> str:
        """A str trimmed first (when `strip`), then its length, then its pattern, as pydantic does. Only ASCII
        whitespace is trimmed here: a text that would still start or end with other whitespace after that is
        declined (Python and pydantic do not agree on all of it)."""
        out.append(f"{ind}if type({src}) is not str: raise Declined")
        res = src
        if rule.strip:  # most texts begin and end in a visible ASCII character: nothing to trim, no call made
            res = self.var()
            out.append(f"{ind}if {src} and {src}[0] in _VISIBLE and {src}[-1] in _VISIBLE:")
            out.append(f"{ind}    {res} = {src}")
            out.append(f"{ind}else:")
            out.append(f"{ind}    {res} = {src}.strip(_SPACE)")
            out.append(f"{ind}    if {res} and ({res}[0].isspace() or {res}[-1].isspace()): raise Declined")
        low, high = rule.min_length or 0, rule.max_length
        if low or high is not None:
            limit = f"{low} <= len({res})" + (f" <= {high}" if high is not None else "")
            out.append(f"{ind}if not {limit}: raise Declined")
        if rule.pattern:
            # fullmatch: pydantic's regex takes '$' as the very end, never before a last newline as re's match does
            out.append(f"{ind}if {self.const(re.compile(rule.pattern))}.fullmatch({res}) is None: raise Declined")
        return res


def _declined(table: Any) -> Any:
    raise Declined
