"""Rules of the desk in pure Python: lifecycle, working days, search, register, roster."""
