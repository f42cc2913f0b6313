"""The mail of planning days, all through the one outbox (`regioportaal.meldingen.send`): the invitation, the
registration's confirmation and the move-up from a waiting list (both of kind `inschrijving`: they answer the
person's own registration and always go out; an invitation is optional mail, with an unsubscribe link). A person without an account is reached as
`meldingen.Adres`; each message has a `sleutel`, so a retry or a double submit mails nobody twice."""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from regioportaal import ical, meldingen
from regioportaal.links import absolute_url
from regioportaal.models import MeldingSoort

from .tokens import ics_token, uitnodiging_token


def _datum(day):
    return formats.date_format(day, "j F Y")


def _tijdstip(bijeenkomst, tijd):
    return timezone.make_aware(datetime.datetime.combine(bijeenkomst.datum, tijd))


def uitnodiging_link(uitnodiging):
    return absolute_url(reverse("vergaderingen:uitnodiging", args=[uitnodiging_token(uitnodiging)]))


def ics_link(inschrijving):
    return absolute_url(reverse("vergaderingen:inschrijving_ics", args=[ics_token(inschrijving)]))


def _ontvanger(user, uitnodiging):
    """The account when there is an active one, else the invitee's own address."""
    if user is not None and user.is_active:
        return user
    return meldingen.Adres(uitnodiging.naam, uitnodiging.email)


def _link_voor(inschrijving):
    """Where the participant sees their registration: the personal link for an invitee, else the day's page."""
    if inschrijving.uitnodiging_id:
        return uitnodiging_link(inschrijving.uitnodiging)
    return absolute_url(inschrijving.bijeenkomst.get_absolute_url())


def bijeenkomst_event(inschrijving):
    """The planning day as a calendar event, with the participant's sessions in the description."""
    bijeenkomst = inschrijving.bijeenkomst
    blokken = list(bijeenkomst.blokken.all())
    begin = _tijdstip(bijeenkomst, blokken[0].begin) if blokken else _tijdstip(bijeenkomst, datetime.time(9))
    laatste = blokken[-1] if blokken else None
    einde_tijd = (
        (
            laatste.einde
            or (
                datetime.datetime.combine(bijeenkomst.datum, laatste.begin) + datetime.timedelta(hours=1)
            ).time()
        )
        if laatste
        else datetime.time(17)
    )
    keuzes = inschrijving.keuzes.select_related("werksessie__blok").order_by("blok__begin")
    regels = [
        f"{k.werksessie.blok.begin:%H:%M} {k.werksessie.thema} ({k.get_status_display()})" for k in keuzes
    ]
    return ical.Event(
        uid=ical.uid("inschrijving", inschrijving.pk),
        start=begin,
        end=_tijdstip(bijeenkomst, einde_tijd),
        summary=bijeenkomst.naam,
        dtstamp=ical.now(),
        description="\n".join(regels),
        location=bijeenkomst.locatie,
        url=absolute_url(bijeenkomst.get_absolute_url()),
    )


def inschrijving_ics(inschrijving):
    """The registration's calendar file (the day with the participant's sessions)."""
    return ical.calendar([bijeenkomst_event(inschrijving)], method="PUBLISH")


def send_uitnodiging(uitnodiging):
    """Mail the invitee their personal registration link (once per invitation)."""
    bijeenkomst = uitnodiging.bijeenkomst
    tekst = render_to_string(
        "vergaderingen/mail/uitnodiging.txt",
        {"uitnodiging": uitnodiging, "bijeenkomst": bijeenkomst, "link": uitnodiging_link(uitnodiging)},
    )
    onderwerp = _("Uitnodiging: %(b)s op %(datum)s") % {"b": bijeenkomst, "datum": _datum(bijeenkomst.datum)}
    return meldingen.send(
        [_ontvanger(uitnodiging.user, uitnodiging)],
        onderwerp,
        tekst,
        sleutel=f"vergaderingen:uitnodiging:{uitnodiging.pk}",
        soort=MeldingSoort.UITNODIGING,
        over=bijeenkomst,
    )


def _deelnemer(inschrijving):
    if inschrijving.uitnodiging_id:
        return _ontvanger(inschrijving.user, inschrijving.uitnodiging)
    return inschrijving.user


def send_bevestiging_mail(inschrijving):
    """Confirm a registration (once), with links to the registration and to the day as a calendar file."""
    keuzes = inschrijving.keuzes.select_related("werksessie__blok").order_by("blok__begin")
    tekst = render_to_string(
        "vergaderingen/mail/bevestiging.txt",
        {
            "inschrijving": inschrijving,
            "naam": inschrijving.deelnemer_naam,
            "bijeenkomst": inschrijving.bijeenkomst,
            "keuzes": keuzes,
            "link": _link_voor(inschrijving),
            "ics_link": ics_link(inschrijving),
        },
    )
    return meldingen.send(
        [_deelnemer(inschrijving)],
        _("Inschrijving bevestigd: %(b)s") % {"b": inschrijving.bijeenkomst},
        tekst,
        sleutel=f"vergaderingen:inschrijving:{inschrijving.pk}",
        soort=MeldingSoort.INSCHRIJVING,
        over=inschrijving.bijeenkomst,
    )


def send_opgeschoven_mail(keuze):
    """Tell a participant (once per session choice) that a seat came free for them."""
    inschrijving = keuze.inschrijving
    tekst = render_to_string(
        "vergaderingen/mail/opgeschoven.txt",
        {
            "keuze": keuze,
            "naam": inschrijving.deelnemer_naam,
            "bijeenkomst": inschrijving.bijeenkomst,
            "link": _link_voor(inschrijving),
        },
    )
    return meldingen.send(
        [_deelnemer(inschrijving)],
        _("Er is een plaats vrij: %(thema)s") % {"thema": keuze.werksessie.thema},
        tekst,
        sleutel=f"vergaderingen:opgeschoven:{keuze.pk}",
        soort=MeldingSoort.INSCHRIJVING,
        over=inschrijving.bijeenkomst,
    )
