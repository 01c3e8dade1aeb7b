"""Benchmarks that print figures (``run.py`` runs them all); no timing is asserted anywhere."""
