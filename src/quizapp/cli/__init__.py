"""Command line: `quizapp` and its subcommands (study, quiz, deck, class, serve).

The top layer beside tui: may import any package; keeps heavy imports inside the commands."""
