"""Fault injection: every file-system call of every writing path failed or killed in turn."""
