"""vergaderingen' part of a person's data (registered with `regioportaal.privacy` in `VergaderingenConfig.ready()`).

Export: planning-day invitations (by the person's addresses) and registrations with their sessions, the personal
calendar link (whether there is one, not its secret), agenda items proposed, and the attendance and votes of the
person's seats. Erasure: invitations are deleted and registrations are cancelled (a seat freed on a coming planning day goes to the waiting list, as any cancellation does) or, for a day
that is past, deleted; the calendar link is deleted; proposals keep their text but not who proposed them. Attendance
and votes belong to the seats, which are the public record of the body, and stay with them.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from .models import Aanwezigheid, Agendapunt, Inschrijving, KalenderToken, Stem, Uitnodiging
from .services import cancel_inschrijving, cancel_uitnodiging_inschrijving


def _inschrijvingen(user):
    return Inschrijving.objects.filter(user=user).select_related("bijeenkomst", "bestuur")


def _uitnodigingen(betrokkene):
    """Invitations to planning days at the person's addresses (with or without an account)."""
    return Uitnodiging.objects.filter(email__in=betrokkene.emails).select_related("bijeenkomst")


def export(betrokkene):
    persoon, user = betrokkene.persoon, betrokkene.user
    data = {
        "uitnodigingen voor planningsdagen": [
            {
                "bijeenkomst": u.bijeenkomst.naam,
                "datum": u.bijeenkomst.datum,
                "naam": u.naam,
                "e-mailadres": u.email,
                "uitgenodigd op": u.uitgenodigd_op,
            }
            for u in _uitnodigingen(betrokkene).order_by("uitgenodigd_op", "pk")
        ]
    }
    if user is not None:
        data["inschrijvingen voor planningsdagen"] = [
            {
                "bijeenkomst": inschrijving.bijeenkomst.naam,
                "datum": inschrijving.bijeenkomst.datum,
                "namens": inschrijving.bestuur.naam,
                "ingeschreven op": inschrijving.tijdstip,
                "werksessies": [
                    f"{keuze.werksessie.thema} ({keuze.get_status_display()})"
                    for keuze in inschrijving.keuzes.select_related("werksessie").order_by("pk")
                ],
            }
            for inschrijving in _inschrijvingen(user).order_by("tijdstip", "pk")
        ]
        token = KalenderToken.objects.filter(user=user).first()
        data["persoonlijke agendalink"] = {"aangemaakt": token.aangemaakt} if token else {}
        data["voorgestelde agendapunten"] = [
            {"vergadering": str(punt.vergadering), "titel": punt.titel, "status": punt.get_status_display()}
            for punt in Agendapunt.objects.filter(voorgesteld_door=user)
            .select_related("vergadering__orgaan")
            .order_by("pk")
        ]
    if persoon is not None and persoon.pk:
        data["aanwezigheid"] = [
            {"vergadering": str(aanwezigheid.vergadering), "aanwezigheid": aanwezigheid.get_status_display()}
            for aanwezigheid in Aanwezigheid.objects.filter(lidmaatschap__persoon=persoon)
            .select_related("vergadering__orgaan")
            .order_by("vergadering__begin", "pk")
        ]
        data["stemmen"] = [
            {"agendapunt": stem.stemming.besluit.agendapunt.titel, "stem": stem.get_keuze_display()}
            for stem in Stem.objects.filter(lidmaatschap__persoon=persoon)
            .select_related("stemming__besluit__agendapunt")
            .order_by("pk")
        ]
    return data


def erase(betrokkene):
    """Registrations through an invitation are cancelled (a coming day) or deleted with the invitation."""
    user = betrokkene.user
    today = timezone.localdate()
    counts = {"uitnodigingen": 0}
    for uitnodiging in _uitnodigingen(betrokkene).order_by("pk"):
        if (
            uitnodiging.bijeenkomst.datum >= today
            and Inschrijving.objects.filter(uitnodiging=uitnodiging).exists()
        ):
            try:
                cancel_uitnodiging_inschrijving(uitnodiging)
            except (
                ValidationError
            ):  # past the deadline: the organiser's cancellation rules do not bind erasure
                pass
        uitnodiging.delete()
        counts["uitnodigingen"] += 1
    if user is None:
        return counts
    counts["inschrijvingen"] = 0
    for inschrijving in _inschrijvingen(user).order_by("pk"):
        if inschrijving.bijeenkomst.datum >= today:
            cancel_inschrijving(inschrijving, door=None)
        else:
            inschrijving.delete()
        counts["inschrijvingen"] += 1
    counts["agendalink"] = KalenderToken.objects.filter(user=user).delete()[0]
    counts["voorstellen"] = Agendapunt.objects.filter(voorgesteld_door=user).update(voorgesteld_door=None)
    return counts
