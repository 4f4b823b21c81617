"""Scheduling: FSRS card states, ratings and the scheduler wrapper keyed by our card ids, in UTC.

Imports only the fsrs library, quizapp.errors and quizapp.files; what stores or studies cards builds on it."""
