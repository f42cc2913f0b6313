"""The portal's own part of a person's data: the account, its notifications, its login traces and the action log.

Erasing keeps the account row (the action log's entries by the person keep pointing at it) but empties it: the
e-mail address becomes a pseudonym under `.invalid`, the name is cleared, the password made unusable, the account
inactive; its sessions, second-factor devices, role groups, object permissions and throttling rows are deleted.
The person's notifications are deleted whether they went to the account or, without one, to the person's own address
(and so are their unsubscriptions from optional mail). Then every log entry about the person gets the pseudonym
instead of their name and address.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone
from django_otp import devices_for_user
from guardian.models import UserObjectPermissionBase

from ..models import Afmelding, Melding
from . import logboek


def _when(value):
    return value.isoformat(timespec="seconds") if value else None


def export(betrokkene):
    user = betrokkene.user
    data = {}
    if user is not None:
        data["account"] = {
            "e-mailadres": user.email,
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "aangemaakt": _when(user.date_joined),
            "laatst ingelogd": _when(user.last_login),
            "actief": user.is_active,
            "platformbeheerder": user.is_superuser,
            "meldingen per e-mail": user.get_meldingen_display(),
            "tweestapsverificatie": any(True for _device in devices_for_user(user, confirmed=True)),
            "groepen": sorted(user.groups.values_list("name", flat=True)),
        }
    meldingen = Melding.objects.filter(_meldingen_q(betrokkene)).order_by("aangemaakt", "pk")
    if user is not None or meldingen:
        data["meldingen"] = [
            {
                "onderwerp": melding.onderwerp,
                "tekst": melding.tekst,
                "e-mailadres": melding.email or None,
                "aangemaakt": _when(melding.aangemaakt),
                "verzonden op": _when(melding.verzonden_op),
            }
            for melding in meldingen
        ]
    afmeldingen = Afmelding.objects.filter(email__in=betrokkene.emails)
    if afmeldingen:
        data["afmeldingen"] = [
            {"e-mailadres": a.email, "soort": a.get_soort_display(), "afgemeld op": _when(a.aangemaakt)}
            for a in afmeldingen
        ]
    about = logboek.entries_about(betrokkene)
    about_ids = {entry.pk for entry in about}
    data["logboek over u"] = [
        {
            "tijdstip": _when(entry.tijdstip),
            "actie": entry.actie,
            "object": entry.object_repr,
            "wijzigingen": entry.wijzigingen,
            "reden": entry.reden,
            "door": _door(entry, user),
        }
        for entry in sorted(about, key=lambda entry: (entry.tijdstip, entry.pk))
    ]
    # What the person did to others' records: the action and the kind of object, not the other person's data.
    data["logboek door u"] = [
        {"tijdstip": _when(entry.tijdstip), "actie": entry.actie, "soort object": entry.content_type.name}
        for entry in logboek.entries_by(betrokkene).order_by("tijdstip", "pk")
        if entry.pk not in about_ids
    ]
    return data


def _meldingen_q(betrokkene):
    """The person's messages: to their account, and to their own address when sent without an account."""
    q = Q(user__isnull=True, email__in=betrokkene.emails)
    if betrokkene.user is not None:
        q |= Q(user=betrokkene.user)
    return q


def _door(entry, user):
    if entry.actor_id is None:
        return "het systeem"
    if user is not None and entry.actor_id == user.pk:
        return "uzelf"
    return "een beheerder of secretariaat"


def _sessions_of(user):
    """The live sessions of `user` (read from the session data: there is no index by user)."""
    mine = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            mine.append(session.pk)
    return mine


def erase(betrokkene):
    counts = {}
    user = betrokkene.user
    counts["meldingen"] = Melding.objects.filter(_meldingen_q(betrokkene)).delete()[0]
    counts["afmeldingen"] = Afmelding.objects.filter(email__in=betrokkene.emails).delete()[0]
    if user is not None:
        counts["sessies"] = Session.objects.filter(pk__in=_sessions_of(user)).delete()[0]
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        counts["tweestapsapparaten"] = len(devices)
        for email in betrokkene.emails:
            for model in (AccessAttempt, AccessFailureLog, AccessLog):
                counts["inlogpogingen"] = (
                    counts.get("inlogpogingen", 0) + model.objects.filter(username__iexact=email).delete()[0]
                )
        counts["rechten"] = _delete_object_permissions(user)
        user.groups.clear()
        user.user_permissions.clear()
        user.email = f"{betrokkene.pseudoniem.replace(' ', '-')}@verwijderd.invalid"
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        counts["account"] = 1
    counts["logboek"] = logboek.pseudonymise(betrokkene)
    return counts


def _delete_object_permissions(user):
    """Delete the account's own object permissions (guardian's generic table and every app's direct table)."""
    deleted = 0
    for relation in user._meta.related_objects:
        model = relation.related_model
        if isinstance(model, type) and issubclass(model, UserObjectPermissionBase):
            deleted += model.objects.filter(**{relation.field.name: user}).delete()[0]
    return deleted
