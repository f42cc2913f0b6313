"""The notes on a document, the personal list, and changing or deleting one's own note.

Every page asks for a login first; a document the user may not open, or a note they may not read, is 404; a note they
read but did not write is 403 to change or delete.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from regioportaal.views import PageView, form_errors_from, paginate, refuse

from . import selectors, services
from .documenten import NOTITIE_RELATED, SOORTEN, notities_url
from .forms import NotitieForm
from .models import Notitie
from .permissions import zichtbaar_q
from .policies import NOTITIE


def _met_document(notitie, user):
    """The note with what its row shows: its document's title and links, and what the user may do to it."""
    doc = notitie.doel
    soort = SOORTEN[notitie.veld]
    notitie.titel = soort.titel(doc)
    notitie.open_url = soort.open_url(doc)
    notitie.notities_url = notities_url(doc)
    notitie.acties = NOTITIE.allowed(user, notitie)
    return notitie


class _LoginFirst(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, request, **kwargs):
        pass


class DocumentNotitiesView(_LoginFirst, PageView):
    """A document's notes the user may read, and the form to add one (htmx swaps the list and the form)."""

    template_name = "notities/document.html"
    htmx_partial = "notities"

    def load(self, request, soort, pk):
        self.soort = SOORTEN.get(soort)
        if self.soort is None:
            raise Http404
        self.doc = get_object_or_404(self.soort.queryset(), pk=pk)
        if not self.soort.can_view(request.user, self.doc):
            raise Http404

    def get_context_data(self, form=None, **kwargs):
        kwargs.pop("pk", None)
        kwargs.pop("soort", None)
        user = self.request.user
        notities = list(selectors.notities_bij(self.doc, user))
        for notitie in notities:
            notitie.acties = NOTITIE.allowed(user, notitie)
        return super().get_context_data(
            soort=self.soort,
            doc=self.doc,
            titel=self.soort.titel(self.doc),
            open_url=self.soort.open_url(self.doc),
            notities=notities,
            form=form or NotitieForm(user=user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = NotitieForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.create_notitie(self.doc, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                bericht = _("Uw notitie is opgeslagen.")
                if request.htmx:
                    return self.render_to_response(self.get_context_data(bericht=bericht))
                messages.success(request, bericht)
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form), status=422 if request.htmx else 200)


class MijnNotitiesView(_LoginFirst, PageView):
    """The user's own notes and those shared with them, newest first, a page at a time."""

    template_name = "notities/mijn.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        pagina = paginate(self.request, selectors.notities_van(user))
        opent = {}  # (kind, document pk) -> may the user open it; each document is asked once per page
        for notitie in pagina:
            _met_document(notitie, user)
            if notitie.auteur_id != user.pk:
                # A note shared with a body reaches all its members, also one who may not open the document (a
                # closed agenda item of another body): they see that the note exists, not its text or the title.
                sleutel = (notitie.veld, notitie.doel.pk)
                if sleutel not in opent:
                    opent[sleutel] = SOORTEN[notitie.veld].can_view(user, notitie.doel)
                notitie.verborgen = not opent[sleutel]
        return super().get_context_data(pagina=pagina, **kwargs)


class _NotitieView(_LoginFirst, PageView):
    """A note the user reads (404 otherwise) and may take `action` on (403 otherwise)."""

    action = ""

    def load(self, request, pk):
        self.notitie = get_object_or_404(
            Notitie.objects.filter(zichtbaar_q(request.user)).select_related(
                "gedeeld_met", "auteur", *NOTITIE_RELATED
            ),
            pk=pk,
        )
        refuse(NOTITIE.may(request.user, self.action, self.notitie))
        _met_document(self.notitie, request.user)

    def get_context_data(self, **kwargs):
        kwargs.pop("pk", None)
        return super().get_context_data(notitie=self.notitie, **kwargs)


class NotitieBewerkenView(_NotitieView):
    template_name = "notities/bewerken.html"
    action = "edit"

    def _form(self, data=None):
        notitie = self.notitie
        return NotitieForm(
            data,
            user=self.request.user,
            huidig=notitie.gedeeld_met_id,
            initial={"tekst": notitie.tekst, "pagina": notitie.pagina, "gedeeld_met": notitie.gedeeld_met_id},
        )

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(form=form or self._form(), **kwargs)

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.update_notitie(self.notitie, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Uw notitie is gewijzigd."))
                return redirect(self.notitie.notities_url)
        return self.render_to_response(self.get_context_data(form=form))


class NotitieVerwijderenView(_NotitieView):
    template_name = "notities/verwijderen.html"
    action = "delete"

    def post(self, request, *args, **kwargs):
        services.delete_notitie(self.notitie, door=request.user)
        messages.success(request, _("Uw notitie is verwijderd."))
        return redirect(self.notitie.notities_url)
