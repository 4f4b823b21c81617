"""Quiz: questions of every kind built from notes, lenient answer checking, and quiz runs with their results.

Imports errors, paths, files and decks; never progress, study or any UI."""
