"""Live classroom games: game state and scoring from the server's clock, PINs and personal codes, answer storage,
and the small web server students' phones talk to (server.py, the only module here that imports aiohttp).

Imports errors, paths, files, decks, quiz and the rest of classroom; never progress, study, authoring or any UI."""
