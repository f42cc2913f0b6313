"""Accounts: a person's login, the platform administrator, and the invitation with its one-time link."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from regioportaal import outbox
from regioportaal.audit import log_action
from regioportaal.links import absolute_url
from regioportaal.models import OutboxJob
from regioportaal.permissions import NotAllowed

from .. import permissions
from ..models import Persoon
from ..policies import PersoonPolicy
from .leden import sync_rollen

UITNODIGING_TASK = "besturen.tasks.send_uitnodiging"
# A second invitation within this time is the same request (a double submit): it is not mailed again.
UITNODIGING_DUBBEL = timedelta(minutes=2)


@transaction.atomic
def create_account(persoon, *, password=None, door):
    """Give `persoon` a login account under their e-mail address (unusable password unless one is given).

    An account that already exists under that address and belongs to no other person is this person's: it is
    linked, not created a second time.
    """
    if persoon.user_id:
        raise ValueError(f"{persoon} heeft al een account.")
    if not persoon.email:
        raise ValueError(f"{persoon} heeft geen e-mailadres.")
    bestaand = get_user_model().objects.filter(email__iexact=persoon.email).first()
    if bestaand is not None:
        if Persoon.objects.filter(user=bestaand).exists():
            raise NotAllowed(
                _("Het e-mailadres van %(persoon)s hoort al bij het account van een andere persoon.")
                % {"persoon": persoon}
            )
        persoon.user = bestaand
        persoon.save(update_fields=["user"])
        log_action(door, "account gekoppeld", persoon, {"email": bestaand.email})
        return bestaand
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
    """Invite a person to an account: a one-time link by mail to set a password (expires, cannot be reused).

    Idempotent: invitations of one person wait for each other on the person's row lock, and a second invitation
    within `UITNODIGING_DUBBEL` (a double submit) mails nothing more. An account that already exists under the
    person's address is linked (`create_account`); when it has a password, nothing is mailed: the person logs in.
    Returns the account.
    """
    policy = PersoonPolicy()
    policy.require_role(door, "invite", persoon)
    # The account is read after the lock: a join would show it as it was before the wait.
    gegeven = persoon
    persoon = Persoon.objects.select_for_update().get(pk=persoon.pk)
    policy.require_state("invite", persoon)  # no address, or an account that logs in: nothing to send
    user = _invite(persoon, door)
    gegeven.user = user  # the caller's instance shows the account, as before
    return user


def _invite(persoon, door):
    user = persoon.user
    if user is None:
        user = create_account(persoon, door=door)
        if user.has_usable_password():  # an existing account, now linked: it logs in as before
            sync_rollen(users=[user.pk], door=door, reden=_("account gekoppeld"))
            return user
    recent = OutboxJob.objects.filter(
        task=UITNODIGING_TASK, args=[user.pk], created__gte=timezone.now() - UITNODIGING_DUBBEL
    )
    if not recent.exists():
        log_action(door, "uitgenodigd", persoon, {"email": user.email})
        outbox.enqueue(UITNODIGING_TASK, user.pk)
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
