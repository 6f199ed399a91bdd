"""deskconsole: a keyboard-driven console for a community's mobile service desk."""

__version__ = "0.1.0"
