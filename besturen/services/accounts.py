"""Accounts: a person's login, the platform administrator, and the invitation with its one-time link."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from regioportaal import outbox
from regioportaal.audit import log_action
from regioportaal.links import absolute_url
from regioportaal.permissions import NotAllowed, is_system

from .. import permissions
from .leden import sync_rollen


@transaction.atomic
def create_account(persoon, *, password=None, door):
    """Give `persoon` a login account under their e-mail address (unusable password unless one is given)."""
    if persoon.user_id:
        raise ValueError(f"{persoon} heeft al een account.")
    if not persoon.email:
        raise ValueError(f"{persoon} heeft geen e-mailadres.")
    user = get_user_model().objects.create_user(
        email=persoon.email, password=password, first_name=persoon.voornaam, last_name=persoon.achternaam
    )
    persoon.user = user
    persoon.save(update_fields=["user"])
    log_action(door, "account aangemaakt", persoon, {"email": user.email})
    return user


@transaction.atomic
def create_platform_admin(*, email, password, door):
    """Create a platform administrator (Django superuser)."""
    permissions.require_platform_admin(door)
    user = get_user_model().objects.create_superuser(email=email, password=password)
    log_action(door, "platformbeheerder aangemaakt", user, {"email": user.email})
    return user


@transaction.atomic
def invite_persoon(persoon, *, door):
    """Invite a person to an account: a one-time link by mail to set a password (expires, cannot be reused)."""
    if not is_system(door) and not permissions.can_invite(door, persoon):
        raise NotAllowed(_("U mag %(persoon)s niet uitnodigen.") % {"persoon": persoon})
    if not persoon.email:
        raise NotAllowed(_("%(persoon)s heeft geen e-mailadres; vul het eerst in.") % {"persoon": persoon})
    user = persoon.user
    if user is None:
        user = create_account(persoon, door=door)
    elif user.has_usable_password():
        raise NotAllowed(_("%(persoon)s heeft al een account en kan gewoon inloggen.") % {"persoon": persoon})
    log_action(door, "uitgenodigd", persoon, {"email": user.email})
    outbox.enqueue("besturen.tasks.send_uitnodiging", user.pk)
    sync_rollen(users=[user.pk], door=door, reden=_("account aangemaakt"))
    return user


def send_uitnodiging_mail(user):
    """Send the invitation mail with its one-time link (called by the Celery task)."""
    path = reverse(
        "account_activeren",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "link": absolute_url(path),
        "dagen": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    send_mail(
        _("Uitnodiging voor Regioportaal"),
        render_to_string("besturen/mail/uitnodiging.txt", context),
        None,
        [user.email],
    )
