"""Progress: a learner's files on disk: settings, the append-only event log, the card-state snapshot, its cache.

Imports errors, paths, files and scheduling; never decks, quiz, study or any UI."""
