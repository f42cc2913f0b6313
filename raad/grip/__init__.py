"""The grip pages: one page per council and partnership, and one per municipality listing its partnerships."""
