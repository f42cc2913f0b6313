"""Helpers the meeting pages share: the meeting or 404, service messages, the secretariat's pages."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import connections
from django.http import Http404

from besturen.models import Bestuur, Orgaan, Regio
from regioportaal import sqlrijen
from regioportaal.views import refuse

from .. import permissions
from ..models import Vergadering


def _message_from(request, exc):
    messages.error(request, " ".join(getattr(exc, "messages", None) or [str(exc)]))


# A meeting with its body and the body's region and member, in the models' order (as `Model.from_db` takes them).
_DELEN = [(Vergadering, "v"), (Orgaan, "o"), (Regio, "r"), (Bestuur, "b")]


def _vergadering_sql(connection):
    qn = connection.ops.quote_name
    return (
        f"SELECT {sqlrijen.kolommen(_DELEN, connection)} FROM {qn(Vergadering._meta.db_table)} v "
        f"INNER JOIN {qn(Orgaan._meta.db_table)} o ON o.{qn('id')} = v.{qn('orgaan_id')} "
        f"LEFT OUTER JOIN {qn(Regio._meta.db_table)} r ON r.{qn('id')} = o.{qn('regio_id')} "
        f"LEFT OUTER JOIN {qn(Bestuur._meta.db_table)} b ON b.{qn('id')} = o.{qn('bestuur_id')} "
        f"WHERE v.{qn('id')} = %s"
    )


def _vergadering(pk):
    """The meeting `pk` with its body and the body's region and member, as
    `Vergadering.objects.select_related("orgaan__regio", "orgaan__bestuur").get(pk=pk)` reads it, or 404: one
    written-out query (building it with the ORM cost more than running it)."""
    db = Vergadering.objects.db
    connection = connections[db]
    with connection.cursor() as cursor:
        cursor.execute(_vergadering_sql(connection), [pk])
        rij = cursor.fetchone()
    if rij is None:
        raise Http404
    (vergadering, orgaan, regio, bestuur), _rest = sqlrijen.objecten(db, _DELEN, rij)
    Vergadering.orgaan.field.set_cached_value(vergadering, orgaan)
    Orgaan.regio.field.set_cached_value(orgaan, regio)
    Orgaan.bestuur.field.set_cached_value(orgaan, bestuur)
    return vergadering


def _vergadering_or_404(request, pk):
    vergadering = _vergadering(pk)
    if not permissions.can_view_vergadering(request.user, vergadering):
        raise Http404
    return vergadering


class _ManageMixin:
    """The secretariat's pages: 404 if the meeting is hidden, login for the anonymous, else 403 if not allowed."""

    def dispatch(self, request, *args, **kwargs):
        self.vergadering = self.get_vergadering(request, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(permissions.can_manage_vergaderingen(request.user, self.vergadering.orgaan))
        return super().dispatch(request, *args, **kwargs)

    def get_vergadering(self, request, **kwargs):
        return _vergadering_or_404(request, kwargs["pk"])
