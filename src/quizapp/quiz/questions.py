"""Turn notes into questions of every kind, and build seeded quizzes."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from quizapp.decks.models import Note, cloze_deletions

Kind = Literal["choice", "truefalse", "typed", "cloze", "ordering", "matching", "basic"]
ALL_KINDS: tuple[Kind, ...] = ("choice", "truefalse", "typed", "cloze", "ordering", "matching")
SINGLE_KINDS: tuple[Kind, ...] = ("choice", "truefalse", "typed", "cloze")
BLANK = "_____"


@dataclass(frozen=True)
class Question:
    """One question. `answer` is the expected text; `options` are choice options, items or pairs' right sides."""

    kind: Kind
    note_ids: tuple[str, ...]
    prompt: str
    answer: str = ""
    accept: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    # choice: index of the answer; ordering: right order of options; matching: right option per left
    correct: tuple[int, ...] = ()
    lefts: tuple[str, ...] = ()  # matching only
    truth: bool | None = None  # truefalse only
    explanation: str = ""

    @property
    def note_id(self) -> str:
        return self.note_ids[0]


@dataclass
class Pools:
    """Same-kind answers across the decks, to draw distractors from."""

    by_pool: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_notes(cls, notes: Sequence[Note]) -> Pools:
        pools: dict[str, list[str]] = {}
        for n in sorted(notes, key=lambda n: n.id):  # the same order whatever order the decks load in
            if n.choice and n.choice.pool:
                bucket = pools.setdefault(n.choice.pool, [])
                if n.choice.answer not in bucket:
                    bucket.append(n.choice.answer)
        return cls(pools)


def kinds_of(note: Note) -> list[Kind]:
    """The single-note question kinds a note can yield."""
    out: list[Kind] = []
    if note.choice:
        out.append("choice")
    if note.truefalse:
        out.append("truefalse")
    if note.typed:
        out.append("typed")
    if note.cloze:
        out.append("cloze")
    if note.basic:
        out.append("basic")
    return out


def make_question(note: Note, kind: Kind, rng: random.Random, pools: Pools | None = None) -> Question | None:
    """One question of `kind` from `note`, or None when the note has no such fields."""
    expl = note.explanation or note.statement
    if kind == "choice" and note.choice:
        c = note.choice
        wrong = list(c.distractors)
        if len(wrong) < 3 and c.pool and pools:
            taken = {c.answer.casefold(), *(w.casefold() for w in wrong)}
            extra = [a for a in pools.by_pool.get(c.pool, []) if a.casefold() not in taken]
            rng.shuffle(extra)
            wrong += extra[: 3 - len(wrong)]
        if not wrong:
            return None
        options = [c.answer, *wrong[:3]]
        rng.shuffle(options)
        return Question(
            "choice", (note.id,), c.prompt, c.answer, (), tuple(options), (options.index(c.answer),), explanation=expl
        )
    if kind == "truefalse" and note.truefalse:
        truth = rng.random() < 0.5
        shown = note.statement if truth else note.truefalse.false
        answer = "True" if truth else "False"
        why = note.statement if truth else f"{note.truefalse.correction}"
        return Question("truefalse", (note.id,), shown, answer, truth=truth, explanation=why)
    if kind == "typed" and note.typed:
        t = note.typed
        return Question("typed", (note.id,), t.prompt, t.answer, tuple(t.accept), explanation=expl)
    if kind == "cloze" and note.cloze:
        dels = cloze_deletions(note.cloze.text)
        numbers = sorted({d[0] for d in dels})
        target = rng.choice(numbers)
        prompt, answers = render_cloze(note.cloze.text, target)
        return Question("cloze", (note.id,), prompt, " / ".join(answers), explanation=expl)
    if kind == "basic" and note.basic:
        return Question("basic", (note.id,), note.basic.front, note.basic.back, explanation=expl)
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def adds_to(why: str, *shown: str) -> bool:
    """The one rule for showing "Why:": only when the explanation says something the question, the answer or the
    revealed back do not already say — it has a word none of them has. "Yuri Gagarin." after the answer "Yuri
    Gagarin", or a filled-in cloze that is the statement itself, add nothing."""
    said = {w for text in shown for w in _words(text)}
    return any(w not in said for w in _words(why))


def render_cloze(text: str, target: int, reveal: bool = False) -> tuple[str, list[str]]:
    """Text with deletion `target` blanked (or shown in brackets) and the others filled in; plus the hidden answers."""
    answers: list[str] = []

    def sub(m: re.Match[str]) -> str:
        if int(m[1]) != target:
            return m[2]
        answers.append(m[2])
        if reveal:
            return f"[{m[2]}]"
        return f"{BLANK} ({m[3]})" if m[3] else BLANK

    from quizapp.decks.models import CLOZE_RE

    return CLOZE_RE.sub(sub, text), answers


def make_ordering(notes: Sequence[Note], rng: random.Random, size: int = 5) -> Question | None:
    """Put `size` dated events (distinct dates) in time order."""
    dated: dict[tuple[int, int, int], Note] = {}
    for n in notes:
        if n.date and n.event:
            dated.setdefault(n.sort_key(), n)
    if len(dated) < 3:
        return None
    pool = sorted(dated)
    rng.shuffle(pool)
    picks: list[tuple[int, int, int]] = []
    for key in pool:  # '2015' and '2015-10' cannot be put in order: keep only one of them
        if len(picks) < size and not any(_overlap(key, p) for p in picks):
            picks.append(key)
    if len(picks) < 3:
        return None
    chosen = [dated[k] for k in sorted(picks)]
    shown = chosen[:]
    while len(shown) > 1 and shown == chosen:
        rng.shuffle(shown)
    correct = tuple(shown.index(n) for n in chosen)
    labels = tuple(n.event or n.statement for n in shown)
    answer = " → ".join(f"{n.event} ({n.date})" for n in chosen)
    return Question(
        "ordering",
        tuple(n.id for n in chosen),
        "Put these events in order, earliest first.",
        answer,
        options=labels,
        correct=correct,
        explanation=answer,
    )


def _overlap(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    """True when one partial date may fall within the other (same year, one without a month; or same month)."""
    if a[0] != b[0]:
        return False
    if not a[1] or not b[1]:
        return True
    return a[1] == b[1] and (not a[2] or not b[2] or a[2] == b[2])


def match_prompt(group: str) -> str:
    """The matching question's instruction from its group id, whose last word names the right side:
    "person-office" -> "Match each person with their office.", "energy-deal-year" -> "... energy deal with its year."
    """
    words = [w for w in group.replace("_", "-").split("-") if w]
    if len(words) < 2:
        return f"Match each item ({' '.join(words) or group})."
    left, right = " ".join(words[:-1]), words[-1]
    owner = "their" if words[-2] in ("person", "people", "leader", "official") else "its"
    return f"Match each {left} with {owner} {right}."


def make_matching(notes: Sequence[Note], rng: random.Random, size: int = 5) -> Question | None:
    """Match 4-6 pairs from one match group."""
    groups: dict[str, list[Note]] = {}
    for n in notes:
        if n.match:
            groups.setdefault(n.match.group, []).append(n)
    usable = {g: ns for g, ns in sorted(groups.items()) if len(_distinct_pairs(ns)) >= 4}
    if not usable:
        return None
    group = rng.choice(sorted(usable))
    pairs = _distinct_pairs(usable[group])
    chosen = rng.sample(pairs, min(size, len(pairs)))
    lefts = tuple(n.match.left for n in chosen)  # type: ignore[union-attr]
    rights = [n.match.right for n in chosen]  # type: ignore[union-attr]
    shuffled = rights[:]
    rng.shuffle(shuffled)
    correct = tuple(shuffled.index(r) for r in rights)
    answer = "; ".join(f"{left} — {right}" for left, right in zip(lefts, rights, strict=True))
    return Question(
        "matching",
        tuple(n.id for n in chosen),
        match_prompt(group),
        answer,
        options=tuple(shuffled),
        correct=correct,
        lefts=lefts,
        explanation=answer,
    )


def reshuffled(q: Question, rng: random.Random) -> Question:
    """The same question with its options in a new order, so a retry cannot be answered by position.

    A choice's answer moves to another place, an ordering's items and a matching's right sides change order;
    other kinds come back as they are.
    """
    if q.kind not in ("choice", "ordering", "matching") or len(q.options) < 2:
        return q
    if q.kind == "choice":
        old = q.correct[0]
        new = rng.choice([i for i in range(len(q.options)) if i != old])
        rest = [o for i, o in enumerate(q.options) if i != old]
        rng.shuffle(rest)
        options = [*rest[:new], q.options[old], *rest[new:]]
        return replace(q, options=tuple(options), correct=(new,))
    # ordering: correct[k] is the place of the k-th item in time order; matching: the place of the k-th left's match
    right = [q.options[i] for i in q.correct]
    order = list(range(len(q.options)))
    while True:
        rng.shuffle(order)
        shown = [q.options[i] for i in order]
        correct = tuple(shown.index(r) for r in right)
        if correct != q.correct and (q.kind != "ordering" or shown != right):
            return replace(q, options=tuple(shown), correct=correct)


def _distinct_pairs(notes: Sequence[Note]) -> list[Note]:
    seen_l: set[str] = set()
    seen_r: set[str] = set()
    out = []
    for n in notes:
        m = n.match
        if m and m.left.casefold() not in seen_l and m.right.casefold() not in seen_r:
            seen_l.add(m.left.casefold())
            seen_r.add(m.right.casefold())
            out.append(n)
    return out


def build_quiz(
    notes: Sequence[Note],
    *,
    count: int = 10,
    kinds: Sequence[Kind] = ALL_KINDS,
    seed: int | str | None = None,
    pool_notes: Sequence[Note] | None = None,
) -> list[Question]:
    """A quiz of `count` questions mixing `kinds`; the same seed and notes give the same quiz."""
    rng = random.Random(seed if seed is not None else random.SystemRandom().random())
    notes = sorted((n for n in notes if not n.draft), key=lambda n: n.id)
    pools = Pools.from_notes(pool_notes or notes)
    kinds = [k for k in kinds if k != "basic"] or list(ALL_KINDS)
    questions: list[Question] = []
    multi = [k for k in kinds if k in ("ordering", "matching")]
    single = [k for k in kinds if k in SINGLE_KINDS]
    n_multi = min(len(multi) * max(1, count // 8), count) if multi else 0
    if not single:
        n_multi = count
    seen: set[tuple[str, ...]] = set()
    tries = 0
    while multi and len(questions) < n_multi and tries < n_multi * 4:
        kind = multi[tries % len(multi)]
        tries += 1
        q = make_ordering(notes, rng) if kind == "ordering" else make_matching(notes, rng)
        if q is None:
            multi.remove(kind)  # these notes cannot make that kind: let the others fill its places
        elif tuple(sorted(q.note_ids)) not in seen:
            seen.add(tuple(sorted(q.note_ids)))
            questions.append(q)
    order = notes[:]
    rng.shuffle(order)
    for note in order:
        if len(questions) >= count:
            break
        options = [k for k in kinds_of(note) if k in single]
        if not options:
            continue
        q = make_question(note, rng.choice(options), rng, pools)
        if q:
            questions.append(q)
    rng.shuffle(questions)
    return questions[:count]
