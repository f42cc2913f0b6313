"""Signals programmas sends for higher apps (vergaderingen puts a submitted version on the board's next agenda)."""

from django.dispatch import Signal

versie_ingediend = Signal()  # kwargs: versie, orgaan (the adopting body, or None)
