"""Study: spaced-repetition sessions (queue, rate, undo, bury, suspend), statistics and the card browser's search.

Imports errors, files, decks, scheduling, progress and quiz; never classroom, authoring or any UI."""
