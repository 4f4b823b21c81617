"""quizapp: learn the facts of documents in the terminal."""

__version__ = "0.1.0"
