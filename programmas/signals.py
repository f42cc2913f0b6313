"""Signals programmas sends for higher apps (vergaderingen puts a version on the board's agenda)."""

from django.dispatch import Signal

# kwargs: versie, orgaan (the adopting body, or None), na (a date: the first meeting after it; None = the next one).
# Consent: sent at submission. Zienswijze: sent at routing, with na = the end of the councils' term.
versie_naar_bestuur = Signal()
