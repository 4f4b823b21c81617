"""Decks: the deck format (models), its validation (schema), loading a library of deck files, and the deck cache.

Imports only quizapp.errors, quizapp.paths and quizapp.files; never progress, study, quiz or any UI."""
