"""Classroom practice: class files, per-student results, reports and projector scoring (no UI here).

Imports errors, paths, files, decks and quiz; never progress, study, authoring or any UI."""
