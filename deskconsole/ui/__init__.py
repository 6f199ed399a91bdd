"""The Textual console: app wiring, screens, widgets, command palette."""
