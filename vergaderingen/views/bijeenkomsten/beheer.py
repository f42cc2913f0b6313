"""The organiser's screens of a planning day: create and edit the day, its blocks and work sessions (with their
working documents). Every page answers login for the anonymous and 403 for anyone but the organiser
(`BijeenkomstPolicy`, action `organise`); an invalid form comes back with its errors (422), nothing half-saved."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from besturen.models import Regio
from regioportaal.permissions import NotAllowed
from regioportaal.views import PageView, form_errors_from

from ... import selectors, services
from ...forms_bijeenkomsten import BijeenkomstForm, BlokForm, WerksessieForm
from ...models import Bijeenkomst, Blok, BlokSoort, Document, Werksessie
from .._gedeeld import _message_from
from .dag import _OrganiserMixin


class _FormPage(_OrganiserMixin, PageView):
    """One form of the organiser on its own page (`bijeenkomst_formulier.html`)."""

    template_name = "vergaderingen/bijeenkomst_formulier.html"
    form_class = None
    titel = ""
    knop = gettext_lazy("Opslaan")
    multipart = False

    def get_form(self, data=None, files=None):
        return self.form_class(data, files)

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(
            bijeenkomst=self.bijeenkomst,
            form=form or self.get_form(),
            titel=self.get_titel(),
            knop=self.knop,
            multipart=self.multipart,
            terug=self.get_terug(),
            **kwargs,
        )

    def get_titel(self):
        return self.titel

    def get_terug(self):
        return reverse("vergaderingen:bijeenkomst_beheer", args=[self.bijeenkomst.pk])

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():
                    self.save(form)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Opgeslagen."))
                return redirect(self.success_url())
        return self.render_to_response(self.get_context_data(form=form), status=422)

    def success_url(self):
        return reverse("vergaderingen:bijeenkomst_beheer", args=[self.bijeenkomst.pk])


class BijeenkomstNieuwView(_FormPage):
    """A new planning day of the region."""

    form_class = BijeenkomstForm

    def get_bijeenkomst(self, **kwargs):
        self.regio = get_object_or_404(Regio, slug=kwargs["slug"])
        return Bijeenkomst(regio=self.regio)

    def get_titel(self):
        return _("Nieuwe planningsdag van %(regio)s") % {"regio": self.regio.naam}

    def get_context_data(self, **kwargs):
        return super().get_context_data(nieuw=True, **kwargs)

    def get_terug(self):
        return reverse("vergaderingen:regio_agenda", args=[self.regio.slug])

    def save(self, form):
        self.bijeenkomst = services.create_bijeenkomst(self.regio, door=self.request.user, **form.values())


class BijeenkomstBewerkenView(_FormPage):
    form_class = BijeenkomstForm

    def get_form(self, data=None, files=None):
        return self.form_class(data, files, instance=Bijeenkomst.objects.get(pk=self.bijeenkomst.pk))

    def get_titel(self):
        return _("%(naam)s bewerken") % {"naam": self.bijeenkomst.naam}

    def save(self, form):
        services.update_bijeenkomst(self.bijeenkomst, door=self.request.user, **form.values())


class BijeenkomstBeheerView(_OrganiserMixin, PageView):
    """The organiser's page of a day: its facts, the blocks with their sessions, and where to go next."""

    template_name = "vergaderingen/bijeenkomst_beheer.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            bijeenkomst=self.bijeenkomst,
            blokken=selectors.programma(self.bijeenkomst),
            open=services.inschrijving_open(self.bijeenkomst),
            aantal_uitnodigingen=self.bijeenkomst.uitnodigingen.count(),
            aantal_inschrijvingen=self.bijeenkomst.inschrijvingen.count(),
            **kwargs,
        )


class BlokNieuwView(_FormPage):
    form_class = BlokForm
    titel = gettext_lazy("Blok toevoegen")

    def get_form(self, data=None, files=None):
        return self.form_class(data, files, initial={"soort": BlokSoort.WERKSESSIES})

    def save(self, form):
        services.add_blok(self.bijeenkomst, door=self.request.user, **form.values())


class _BlokMixin:
    def get_bijeenkomst(self, **kwargs):
        self.blok = get_object_or_404(Blok.objects.select_related("bijeenkomst__regio"), pk=kwargs["pk"])
        return self.blok.bijeenkomst


class BlokBewerkenView(_BlokMixin, _FormPage):
    form_class = BlokForm

    def get_form(self, data=None, files=None):
        return self.form_class(data, files, instance=Blok.objects.get(pk=self.blok.pk))

    def get_titel(self):
        return _("Blok %(titel)s bewerken") % {"titel": self.blok.titel}

    def save(self, form):
        services.update_blok(self.blok, door=self.request.user, **form.values())


class WerksessieNieuwView(_BlokMixin, _FormPage):
    form_class = WerksessieForm
    multipart = True
    knop = gettext_lazy("Werksessie toevoegen")

    def get_titel(self):
        return _("Werksessie toevoegen aan %(titel)s") % {"titel": self.blok.titel}

    def save(self, form):
        sessie = services.add_werksessie(self.blok, door=self.request.user, **form.values())
        if form.cleaned_data.get("werkdocument"):
            services.add_werkdocument(sessie, form.cleaned_data["werkdocument"], door=self.request.user)


class _SessieMixin:
    def get_bijeenkomst(self, **kwargs):
        self.sessie = get_object_or_404(
            Werksessie.objects.select_related("blok__bijeenkomst__regio"), pk=kwargs["pk"]
        )
        return self.sessie.blok.bijeenkomst


class WerksessieBewerkenView(_SessieMixin, _FormPage):
    form_class = WerksessieForm
    multipart = True

    def get_form(self, data=None, files=None):
        return self.form_class(data, files, instance=Werksessie.objects.get(pk=self.sessie.pk))

    def get_titel(self):
        return _("Werksessie %(thema)s bewerken") % {"thema": self.sessie.thema}

    def get_context_data(self, **kwargs):
        return super().get_context_data(documenten=list(self.sessie.documenten.order_by("pk")), **kwargs)

    def save(self, form):
        services.update_werksessie(self.sessie, door=self.request.user, **form.values())
        if form.cleaned_data.get("werkdocument"):
            services.add_werkdocument(self.sessie, form.cleaned_data["werkdocument"], door=self.request.user)


class _RemoveView(_OrganiserMixin, View):
    """POST only: remove, then back to the day's organiser page with what happened."""

    def post(self, request, *args, **kwargs):
        try:
            naam = self.remove()
        except (ValidationError, NotAllowed) as exc:
            _message_from(request, exc)
        else:
            messages.success(request, _("%(naam)s is verwijderd.") % {"naam": naam})
        return redirect(self.terug())

    def terug(self):
        return reverse("vergaderingen:bijeenkomst_beheer", args=[self.bijeenkomst.pk])


class BlokVerwijderenView(_BlokMixin, _RemoveView):
    def remove(self):
        services.remove_blok(self.blok, door=self.request.user)
        return self.blok.titel


class WerksessieVerwijderenView(_SessieMixin, _RemoveView):
    def remove(self):
        services.remove_werksessie(self.sessie, door=self.request.user)
        return self.sessie.thema


class WerkdocumentVerwijderenView(_RemoveView):
    def get_bijeenkomst(self, **kwargs):
        self.document = get_object_or_404(
            Document.objects.select_related("werksessie__blok__bijeenkomst__regio"),
            pk=kwargs["pk"],
            werksessie__isnull=False,
        )
        return self.document.werksessie.blok.bijeenkomst

    def remove(self):
        services.remove_werkdocument(self.document, door=self.request.user)
        return self.document.naam

    def terug(self):
        return reverse("vergaderingen:werksessie_bewerken", args=[self.document.werksessie_id])
