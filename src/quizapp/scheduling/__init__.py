"""Scheduling: FSRS card states, ratings and the scheduler wrapper keyed by our card ids, in UTC.

Imports only the fsrs library, quizapp.errors and quizapp.files; everything that stores or studies cards builds on it."""
