"""The note's policy: only its author edits or deletes it (no platform-administrator shortcut)."""

from django.utils.translation import gettext_lazy as _

from regioportaal.policies import Policy

from . import permissions


class NotitiePolicy(Policy):
    actions = ("edit", "delete")
    messages = {
        "edit": _("Alleen de auteur wijzigt een notitie."),
        "delete": _("Alleen de auteur verwijdert een notitie."),
    }

    def may_edit(self, user, notitie):
        return permissions.is_auteur(user, notitie)

    may_delete = may_edit


NOTITIE = NotitiePolicy()
