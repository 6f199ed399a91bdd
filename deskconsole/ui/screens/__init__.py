"""Screens: the four modes, and the drill-downs and dialogs they push."""
