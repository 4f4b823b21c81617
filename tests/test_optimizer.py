"""Fitting FSRS to a learner's reviews: too few reviews, a fit that beats the defaults, kept in the profile with an
event, rescheduling, the CLI and its JSON, and the side-by-side with Anki's own optimizer and evaluator."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizapp.cli.main import main
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.optimizer import MIN_ITEMS, NotEnoughReviews, optimize, workload
from quizapp.scheduling.scheduler import CardState, Phase
from quizapp.study.optimize import PARAMETERS_CARD, fit_learner, keep_fit, reschedule
from quizapp.workspace import scheduler_for
from synthetic_learner import review_log

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def fill(store: LearnerStore, total: int) -> None:
    """Log a synthetic learner's reviews, each with the state it leaves (review phase once seen)."""
    for r in review_log(total):
        state = CardState(r.card, state=2, step=None, stability=5.0, difficulty=5.0, due=r.at, last_review=r.at)
        store.record("review", state, r.at, rating=r.rating, duration_ms=4000, kind="basic")


def test_too_few_reviews_says_how_many_it_has_and_needs(tmp_path: Path, capsys) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        fill(store, 60)
    assert main(["--home", str(tmp_path), "--learner", "ann", "learner", "optimize"]) == 1
    err = capsys.readouterr().err
    assert f"needs at least {MIN_ITEMS} reviews" in err and "this learner has " in err and "Traceback" not in err
    with pytest.raises(NotEnoughReviews) as e:
        optimize(review_log(60), tz=timezone.utc)
    assert e.value.need == MIN_ITEMS and 0 < e.value.have < MIN_ITEMS


def test_a_fit_beats_the_defaults_on_the_same_reviews() -> None:
    fit = optimize(review_log(3000), tz=timezone.utc)
    assert len(fit.candidate) == 21 and fit.kept and fit.parameters == fit.candidate
    assert fit.fitted.log_loss < fit.defaults.log_loss and fit.fitted.rmse < fit.defaults.rmse


def test_the_fit_is_kept_in_the_profile_with_an_event_and_used_by_the_scheduler(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        fill(store, 3000)
        fit = fit_learner(store, tz=timezone.utc)
        assert keep_fit(store, fit, NOW)
        assert PARAMETERS_CARD not in store.states
        event = store.history()[-1]
        assert event.type == "parameters" and "log loss" in event.kind
    with LearnerStore(tmp_path, "ann") as store:
        assert store.profile.settings.fsrs_parameters == fit.parameters
        assert scheduler_for(store.profile.settings).parameters == fit.parameters


def test_a_fit_that_is_not_better_is_not_kept(tmp_path: Path) -> None:
    log = review_log(3000)
    first = optimize(log, tz=timezone.utc)
    again = optimize(log, tz=timezone.utc, current=first.candidate)  # the same fit cannot beat itself
    assert not again.kept and again.parameters == first.candidate
    with LearnerStore(tmp_path, "ann") as store:
        assert keep_fit(store, again, NOW) is False
        assert store.profile.settings.fsrs_parameters == ()


def test_reschedule_moves_review_cards_with_the_new_parameters(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        fill(store, 3000)
        keep_fit(store, fit_learner(store, tz=timezone.utc), NOW)
        learning = CardState("c0", state=1, step=0, due=NOW, last_review=NOW - timedelta(days=400))
        store.record("review", learning, NOW, rating=1)  # logged now: the merge orders by the time logged
        moved = reschedule(store, NOW, tz=timezone.utc)
        assert moved > 0 and store.states["c0"] == learning
        s = store.states["c5"]
        assert s.phase == Phase.REVIEW and s.due > s.last_review
        assert [e.type for e in store.history()].count("reschedule") == moved


def test_cli_json_for_scripts(tmp_path: Path, capsys) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        fill(store, 2000)
    assert main(["--home", str(tmp_path), "--learner", "ann", "learner", "optimize", "--json", "--reschedule"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["parameters"]) == 21 and out["reviews"] == len(review_log(2000)) and out["kept"] is True
    assert out["log_loss"] == out["fitted"]["log_loss"] < out["defaults"]["log_loss"] and out["rmse"] > 0
    assert out["rescheduled"] > 0


def test_workload_simulation_marks_an_optimal_retention() -> None:
    from quizapp.scheduling.optimizer import optimal_retention

    rows = workload(optimize(review_log(2000), tz=timezone.utc).parameters, 300, days=60, retentions=(0.7, 0.85, 0.97))
    assert [r.retention for r in rows] == [0.7, 0.85, 0.97]
    assert rows[0].minutes_per_day < rows[2].minutes_per_day and rows[0].reviews_per_day < rows[2].reviews_per_day
    assert optimal_retention(rows) in (0.7, 0.85, 0.97)


# -- side by side with Anki ---------------------------------------------------------------------------------------


def anki_collection(path: Path, total: int):
    """An Anki collection holding the synthetic learner's notes and review log (written with the anki library)."""
    from anki.collection import AddNoteRequest, Collection

    log = review_log(total)
    col = Collection(str(path))
    model, deck = col.models.by_name("Basic"), col.decks.id("Default")
    names = sorted({r.card for r in log}, key=lambda c: int(c[1:]))
    requests = []
    for name in names:
        note = col.new_note(model)
        note["Front"], note["Back"] = f"question {name}", "answer"
        requests.append(AddNoteRequest(note, deck))
    col.add_notes(requests)
    ids = dict(zip(names, col.find_cards("", order="c.id"), strict=True))
    seen: set[str] = set()
    rows = []
    for i, r in enumerate(sorted(log, key=lambda r: r.at)):
        kind = 1 if r.card in seen else 0  # learning entry first, then reviews
        seen.add(r.card)
        rows.append((int(r.at.timestamp() * 1000) + i % 1000, ids[r.card], -1, r.rating, 1, 0, 2500, 4000, kind))
    col.db.executemany(
        "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?,?,?,?,?,?,?,?,?)", rows
    )
    col.db.execute("update cards set type = 2, queue = 2, due = 0, ivl = 1")
    return col, log


def anki_fit(col) -> list[float]:
    """Anki's own FSRS fit of the collection's reviews. Anki offers its optimizer and evaluator only through its
    backend (Collection.backend, public, which logs that direct use may break in a later Anki)."""
    return list(
        col.backend.compute_fsrs_params(
            search="", current_params=[], ignore_revlogs_before_ms=0, num_of_relearning_steps=1, health_check=False
        ).params
    )


def anki_evaluate(col, params):
    """Anki's own evaluation (log loss, RMSE) of `params` on the collection's reviews; [] for FSRS's defaults."""
    return col.backend.evaluate_params_legacy(params=list(params), search="", ignore_revlogs_before_ms=0)


def test_side_by_side_with_ankis_own_optimizer(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("anki")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        col, log = anki_collection(tmp_path / "collection.anki2", 4000)
        anki_params = anki_fit(col)
        ours = optimize(log, tz=timezone.utc)
        theirs, mine, defaults = (anki_evaluate(col, p) for p in (anki_params, ours.parameters, []))
        col.close()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert len(anki_params) == 21 and ours.kept
    assert mine.log_loss <= theirs.log_loss * 1.01
    assert mine.log_loss < defaults.log_loss
    print(
        f"log loss: Anki's fit {theirs.log_loss:.4f}, quizapp's {mine.log_loss:.4f}, defaults {defaults.log_loss:.4f}"
    )


def test_synthetic_log_is_deterministic() -> None:
    assert review_log(500) == review_log(500)
