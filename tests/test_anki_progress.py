"""Anki history import: collections built and studied with the anki library itself, exported as .colpkg and .apkg in
the current (anki21b, zstd) and legacy formats, brought into a learner's progress. Skips without anki."""

from __future__ import annotations

import time
from datetime import timezone
from pathlib import Path

import pytest

from quizapp.cli.main import main
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import Phase

anki = pytest.importorskip("anki")


def build(tmp: Path) -> dict:
    """A collection studied with Anki's own scheduler (FSRS on); what it holds, for the assertions."""
    from anki.collection import Collection

    col = Collection(str(tmp / "study.anki2"))
    col.set_config("fsrs", True)
    deck = col.decks.id("Default")
    basic, both, cloze = (col.models.by_name(n) for n in ("Basic", "Basic (and reversed card)", "Cloze"))
    for i in range(8):
        note = col.new_note(both if i < 2 else basic)
        note["Front"], note["Back"] = f"Capital number {i}?", f"City {i}"
        col.add_note(note, deck)
    note = col.new_note(cloze)
    note["Text"] = "{{c1::Karachi}} was the first capital; {{c2::Islamabad}} is today's."
    col.add_note(note, deck)
    c2 = col.db.scalar("select id from cards where nid = ? and ord = 1", note.id)  # cloze c2: not brought over
    col.decks.set_current(deck)
    answers = [4, 1, 3, 4, 2, 4, 1, 4, 3, 4, 4, 4]
    for ease in answers:
        card = col.sched.getCard()
        if card is None:
            break
        col.sched.answerCard(card, ease)
    cids = [c for c in col.find_cards("", order="c.id") if c != c2]
    col.sched.suspend_cards([cids[3]])
    col.sched.bury_cards([cids[4]])
    col.set_user_flag_for_cards(1, [cids[5]])  # red
    col.set_user_flag_for_cards(3, [cids[6]])  # green
    col.set_user_flag_for_cards(7, [cids[7]])  # purple
    memory = {
        cid: (c.memory_state.stability, c.memory_state.difficulty)
        for cid in cids
        if (c := col.get_card(cid)).type == 2 and c.memory_state
    }
    facts = {
        "reviews": col.db.scalar("select count() from revlog where ease between 1 and 4"),
        "c2_reviews": col.db.scalar("select count() from revlog where cid = ?", c2),
        "review_cards": col.db.scalar("select count() from cards where type = 2"),
        "memory": sorted(round(s, 4) for s, _ in memory.values()),
        "memory_cards": len(memory),
    }
    from anki.collection import ExportAnkiPackageOptions

    for legacy in (False, True):
        options = ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=True, with_media=False, legacy=legacy
        )
        col.export_anki_package(out_path=str(tmp / f"deck-{legacy}.apkg"), options=options, limit=None)
    col.export_collection_package(str(tmp / "whole-False.colpkg"), include_media=False, legacy=False)
    col = Collection(str(tmp / "study.anki2"))
    col.export_collection_package(str(tmp / "whole-True.colpkg"), include_media=False, legacy=True)
    return facts


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, dict]:
    tmp = tmp_path_factory.mktemp("anki")
    return tmp, build(tmp)


@pytest.mark.parametrize("name", ["whole-False.colpkg", "whole-True.colpkg", "deck-False.apkg", "deck-True.apkg"])
def test_history_comes_over_once(name: str, exported, tmp_path: Path, capsys) -> None:
    folder, facts = exported
    home = tmp_path / "home"
    args = ["--home", str(home), "--learner", "ann", "deck", "import", str(folder / name), "--with-progress"]
    assert main([*args, "--out", str(tmp_path / "deck.toml")]) == 0
    out = capsys.readouterr().out
    assert "not brought over:" in out and "cloze numbers beyond c1" in out
    assert f"({facts['memory_cards']} from Anki's FSRS memory state" in out and facts["memory_cards"] > 0
    with LearnerStore(home, "ann", read_only=True) as store:
        reviews = store.reviews()
        states = dict(store.states)
        history = len(store.history())
    assert len(reviews) == facts["reviews"] - facts["c2_reviews"] > 0
    assert all(e.kind == "anki" and e.rating in (1, 2, 3, 4) for e in reviews)
    assert sum(s.suspended for s in states.values()) == 1
    assert sum(s.buried_until is not None for s in states.values()) == 1
    assert sorted(s.flag for s in states.values() if s.flag) == [1, 3, 7]  # Anki's colours: red, green, purple
    review = sorted(round(s.stability, 4) for s in states.values() if s.phase == Phase.REVIEW)
    assert set(review) >= set(facts["memory"]) and facts["memory"]  # Anki's own FSRS memory states kept
    # the same file again (deck rewritten with --force): nothing added twice
    assert main([*args, "--out", str(tmp_path / "deck.toml"), "--force"]) == 0
    assert "0 reviews added" in capsys.readouterr().out
    with LearnerStore(home, "ann", read_only=True) as store:
        assert len(store.history()) == history and store.states == states


def test_with_progress_is_for_anki_packages(tmp_path: Path, capsys) -> None:
    csv = tmp_path / "cards.csv"
    csv.write_text("front,back\nQ,A\n")
    code = main(
        ["--home", str(tmp_path), "deck", "import", str(csv), "--with-progress", "--out", str(tmp_path / "d.toml")]
    )
    assert code == 1 and "--with-progress is for Anki packages" in capsys.readouterr().err


def test_fit_on_a_collection_carried_over_from_anki(tmp_path: Path, monkeypatch, capsys) -> None:
    """The side-by-side through the real path: Anki collection -> .colpkg -> quizapp import -> quizapp's fit,
    evaluated by Anki's own evaluator beside Anki's own fit."""
    from test_optimizer import anki_collection, anki_evaluate, anki_fit

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        col, _log = anki_collection(tmp_path / "history.anki2", 4000)
        anki_params = anki_fit(col)
        theirs, defaults = anki_evaluate(col, anki_params).log_loss, anki_evaluate(col, []).log_loss
        col.export_collection_package(str(tmp_path / "history.colpkg"), include_media=False, legacy=False)
        home = ["--home", str(tmp_path / "home"), "--learner", "ann"]
        assert main([*home, "deck", "import", str(tmp_path / "history.colpkg"), "--with-progress", "--out",
                     str(tmp_path / "h.toml")]) == 0  # fmt: skip
        from quizapp.study.optimize import fit_learner

        with LearnerStore(tmp_path / "home", "ann") as store:
            fit = fit_learner(store, tz=timezone.utc)
        from anki.collection import Collection

        col = Collection(str(tmp_path / "history.anki2"))
        mine = anki_evaluate(col, fit.parameters).log_loss
        col.close()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert fit.kept and mine <= theirs * 1.01 and mine < defaults
    print(f"log loss by Anki's evaluator: Anki's fit {theirs:.4f}, quizapp's {mine:.4f}, defaults {defaults:.4f}")
