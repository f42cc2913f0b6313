"""Helpers the programme pages share: the version or 404, service messages, a PDF download,
login first."""

from django.contrib.auth.views import redirect_to_login
from django.db import connections
from django.http import FileResponse, Http404

from besturen.models import Orgaan, Regio
from regioportaal import sqlrijen

from .. import permissions
from ..models import (
    Jaarprogramma,
    Programmaregeling,
    Versie,
    VersieStatus,
    Vraag,
)

S = VersieStatus

# --- Versions with their programme, region, settings, adopting body and the version they are based on ---------
#
# As `Versie.objects.select_related("jaarprogramma__regio__programmaregeling__bestuursorgaan", "gebaseerd_op")`,
# the same instances with the same related objects in place, from one written-out query: building that query with
# the ORM (four joins, the model's ordering through the programme and its region) cost more than running it, on
# every page of a version.

_DELEN = [  # (model, alias) in the order of the columns; the joins below name the aliases
    (Versie, "v"),
    (Jaarprogramma, "j"),
    (Regio, "r"),
    (Programmaregeling, "pr"),
    (Orgaan, "o"),
    (Versie, "g"),
]


def _versies_sql(connection):
    qn = connection.ops.quote_name
    versie, programma, regio = Versie._meta.db_table, Jaarprogramma._meta.db_table, Regio._meta.db_table
    regeling, orgaan = Programmaregeling._meta.db_table, Orgaan._meta.db_table
    return (
        f"SELECT {sqlrijen.kolommen(_DELEN, connection)}, "
        f"(SELECT COUNT(*) FROM {qn(Vraag._meta.db_table)} q WHERE q.{qn('versie_id')} = v.{qn('id')}) "
        f"FROM {qn(versie)} v "
        f"INNER JOIN {qn(programma)} j ON j.{qn('id')} = v.{qn('jaarprogramma_id')} "
        f"INNER JOIN {qn(regio)} r ON r.{qn('id')} = j.{qn('regio_id')} "
        f"LEFT OUTER JOIN {qn(regeling)} pr ON pr.{qn('regio_id')} = r.{qn('id')} "
        f"LEFT OUTER JOIN {qn(orgaan)} o ON o.{qn('id')} = pr.{qn('bestuursorgaan_id')} "
        f"LEFT OUTER JOIN {qn(versie)} g ON g.{qn('id')} = v.{qn('gebaseerd_op_id')} "
    )


def _versie_uit(db, rij):
    """A row of `_versies_sql` as a Versie with its related objects cached, as `select_related` leaves them; the
    version carries `aantal_vragen`."""
    (versie, programma, regio, regeling, orgaan, basis), (aantal_vragen,) = sqlrijen.objecten(db, _DELEN, rij)
    Versie.jaarprogramma.field.set_cached_value(versie, programma)
    Jaarprogramma.regio.field.set_cached_value(programma, regio)
    Programmaregeling.regio.field.remote_field.set_cached_value(regio, regeling)
    if regeling is not None:
        Programmaregeling.regio.field.set_cached_value(regeling, regio)
        Programmaregeling.bestuursorgaan.field.set_cached_value(regeling, orgaan)
    Versie.gebaseerd_op.field.set_cached_value(versie, basis)
    versie.aantal_vragen = aantal_vragen
    return versie


def versies_met_regeling(waar, params):
    """The versions of one written-out query (`waar`: its WHERE and ORDER BY on the version `v`, with `params`),
    each as `_versie_uit` builds it."""
    db = Versie.objects.db
    connection = connections[db]
    with connection.cursor() as cursor:
        cursor.execute(_versies_sql(connection) + waar, params)
        return [_versie_uit(db, rij) for rij in cursor.fetchall()]


_GROOTSTE_ID = 2**63 - 1  # a bigint: no larger id exists


def _versie_or_404(user, pk):
    """The version, or 404 for whoever may not read it (with its region's settings, `regeling.regeling_van`, and
    their adopting body, which the workflow's `adopt` asks about)."""
    pk = int(pk)
    versies = versies_met_regeling("WHERE v.id = %s", [pk]) if 0 < pk <= _GROOTSTE_ID else []
    if not versies or not permissions.can_view_versie(user, versies[0]):
        raise Http404
    return versies[0]


def _messages_of(exc):
    return getattr(exc, "messages", None) or [str(exc)]


def pdf_download(bestand, naam):
    """A stored PDF as a download named `naam`; 404 when the file is gone from storage."""
    try:
        inhoud = bestand.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(inhoud, as_attachment=True, filename=naam, content_type="application/pdf")


class LoginFirstMixin:
    """Send anonymous visitors to the login page before any 404/403 decision on an object."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)
