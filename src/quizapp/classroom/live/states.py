"""The messages that tell a device what to show: the class list (before sign-in) and the game's state (the
protocol's lobby, question, reveal, board and end)."""

from __future__ import annotations

from quizapp.classroom.live.game import LiveGame, Seat, public_question


def device_state(g: LiveGame, title: str, seat: Seat | None, figures: tuple[dict, list] | None = None) -> dict:
    """What one device is shown now; `figures` are (points, standings) computed once for a broadcast."""
    if seat is None:
        return {"type": "lobby", "title": title, "joined": len(g.seats)}
    points, standings = figures if figures is not None else (g.points(), g.standings())
    score = points.get(seat.id, 0)
    players = len(standings)
    rank = g.rank_of(seat.id, standings)
    q, i = g.question, g.index
    if g.phase == "lobby" or q is None:
        return {"type": "lobby", "title": title, "joined": len(g.seats)}
    if g.phase == "question":
        left = g.remaining()
        return {
            "type": "question",
            "index": i,
            "number": g.number,
            "total": g.total,
            **public_question(q),
            "seconds_left": None if left is None else round(left, 1),
            "paused": g.paused,
            "answered": (i, seat.id) in g.answers,
            "late": seat.first > g.pos,
        }
    if g.phase == "reveal":
        mine = g.answers.get((i, seat.id))  # type: ignore[arg-type]
        return {
            "type": "reveal",
            "index": i,
            "answer": q.answer,
            "correct": None if mine is None else mine.outcome.correct,
            "points": 0 if mine is None else mine.points,
            "score": score,
            "rank": rank,
            "players": players,
        }
    kind = "board" if g.phase == "board" else "end"
    return {"type": kind, "score": score, "rank": rank, "players": players}


def class_list(g: LiveGame, title: str) -> dict:
    """Who may sign in: the roster with the seats already taken, or an invitation for guests."""
    students = [] if g.guests else [{"id": k, "name": v, "taken": g.taken(k)} for k, v in g.roster.items()]
    return {"type": "class", "title": title, "guests": g.guests, "students": students}
