"""Files: reading TOML (fast, with line positions and checked against a model), atomic writes, locks.

The plumbing every other package writes and reads with; imports nothing of quizapp but errors and paths."""
