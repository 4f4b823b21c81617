"""The Textual user interface: one screen per file in screens/, widgets in widgets/, the app factory in app.py.

The top layer: it may import every domain package, and nothing below it imports it."""
