"""Length limits for text people type: a form refuses more, next to the field, before anything is stored.

`TEKST_MAX` bounds every free-text field (descriptions, explanations, reasons, answers); `NOTULEN_MAX` the minutes
of a meeting. The whole form is bounded before Django parses it by `DATA_UPLOAD_MAX_MEMORY_SIZE` (settings).
"""

TEKST_MAX = 20_000
NOTULEN_MAX = 200_000
