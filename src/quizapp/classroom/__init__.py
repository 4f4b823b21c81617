"""Classroom practice: class files, per-student results, reports and projector scoring (no UI here)."""
