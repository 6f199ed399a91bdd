"""Catalog modules: one per area, each with a ``MESSAGES`` dict of ``key: (en, zh)``."""
