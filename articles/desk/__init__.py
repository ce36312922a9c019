"""The desk: the editors' workspace in the admin — the story form, locks' take-over, autosaves,
notifications, the front page, bulk actions, the copy check, previews and shared preview links."""
