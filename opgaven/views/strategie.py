"""The strategy editor of a region's secretariat, and the page of one goal, theme or value.

The editor (`regio/<slug>/strategie/beheer/`) changes mission and vision, adds values, goals and themes, moves
them up and down, archives and restores them, and names portfolio holders. Its forms and buttons post with htmx
and get the editor's `onderdelen` partial back (422 with the errors when the input is wrong); without JavaScript
they post the same way and come back to the editor. StrategiePolicy decides who opens it, OnderdeelPolicy what
each part allows now.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from besturen.models import Regio
from regioportaal.permissions import NotAllowed
from regioportaal.views import PageView, form_errors_from, refuse

from .. import selectors, services
from ..forms import (
    ONDERDEEL_FORMS,
    EindeForm,
    OpgavenKoppelenForm,
    PortefeuillehouderForm,
    StrategieForm,
)
from ..models import Doelstelling, Opgave, Portefeuillehouder, Strategie, Thema, Waarde
from ..policies import OnderdeelPolicy, StrategiePolicy

#: The kinds of strategy parts by the name their URLs use.
ONDERDEEL_MODELLEN = {"waarde": Waarde, "doelstelling": Doelstelling, "thema": Thema}
ACTIES = {
    "omhoog": ("move_onderdeel", {"omhoog": True}),
    "omlaag": ("move_onderdeel", {"omhoog": False}),
    "archiveren": ("archive_onderdeel", {}),
    "terugzetten": ("restore_onderdeel", {"gearchiveerd": False}),
}
TOEGEVOEGD = {
    "waarde": gettext_lazy("De waarde ‘%(naam)s’ is toegevoegd."),
    "doelstelling": gettext_lazy("Doelstelling %(naam)s is toegevoegd."),
    "thema": gettext_lazy("Het thema ‘%(naam)s’ is toegevoegd."),
}


def _model(soort):
    if soort not in ONDERDEEL_MODELLEN:
        raise Http404
    return ONDERDEEL_MODELLEN[soort]


def _rijen(items, focus):
    """Split a kind's parts into the active ones (in order, with `eerste`/`laatste` and the focus) and archived ones."""
    actief = [item for item in items if not item.gearchiveerd]
    for index, item in enumerate(actief):
        item.eerste, item.laatste = index == 0, index == len(actief) - 1
        item.focus = None
        if focus and focus[0] == (type(item), item.pk):
            richting = focus[1]
            if (richting == "omhoog" and item.eerste) or (richting == "omlaag" and item.laatste):
                richting = "omlaag" if richting == "omhoog" else "omhoog"
            item.focus = richting
    return actief, [item for item in items if item.gearchiveerd]


class StrategieBeheerView(LoginRequiredMixin, PageView):
    """The editor: mission and vision (a plain form) and the `onderdelen` partial that htmx swaps."""

    template_name = "opgaven/strategie_beheer.html"
    htmx_partial = "onderdelen"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.regio = get_object_or_404(Regio, slug=kwargs["slug"])
        self.policy = StrategiePolicy()
        refuse(self.policy.may(request.user, "save_strategie", self.regio))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, focus=None, forms=None, **kwargs):
        regio, user = self.regio, self.request.user
        forms = forms or {}
        onderdeel_policy = OnderdeelPolicy()
        onderdeel_policy.share_lookups(self.policy)  # one permission lookup for the whole page
        waarden = list(Waarde.objects.filter(regio=regio).order_by("volgorde", "naam", "pk"))
        doelen = list(
            Doelstelling.objects.filter(regio=regio)
            .annotate(aantal_opgaven=Count("opgaven"))
            .order_by("nummer")
        )
        themas = list(
            Thema.objects.filter(regio=regio)
            .annotate(aantal_opgaven=Count("opgaven"))
            .order_by("volgorde", "naam", "pk")
        )
        for soort, items in (("waarde", waarden), ("doelstelling", doelen), ("thema", themas)):
            for item in items:
                item.regio = regio  # the policy asks each part's region: it is this one
                item.soort, item.acties = soort, onderdeel_policy.allowed(user, item)
        waarden, oude_waarden = _rijen(waarden, focus)
        doelen, oude_doelen = _rijen(doelen, focus)
        gewone, oude_themas = _rijen([t for t in themas if not t.transversaal], focus)
        transversale, oude_transversale = _rijen([t for t in themas if t.transversaal], focus)
        strategie = Strategie.objects.filter(regio=regio).first()
        return super().get_context_data(
            regio=regio,
            strategie_form=forms.get("strategie")
            or StrategieForm(
                initial={"missie": getattr(strategie, "missie", ""), "visie": getattr(strategie, "visie", "")}
            ),
            waarden=waarden,
            doelstellingen=doelen,
            themas=gewone,
            transversale_themas=transversale,
            gearchiveerd=[*oude_waarden, *oude_doelen, *oude_themas, *oude_transversale],
            portefeuilles=selectors.portefeuilles_van(regio),
            forms={
                soort: forms.get(soort) or form_class(prefix=soort)
                for soort, form_class in ONDERDEEL_FORMS.items()
            },
            portefeuille_form=forms.get("portefeuille")
            or PortefeuillehouderForm(prefix="portefeuille", regio=regio),
            acties=self.policy.allowed(user, regio),
            **kwargs,
        )

    def render_editor(self, status=200, **context):
        """The editor again: the partial for htmx, else back to the page (or the page with the errors)."""
        if self.request.htmx or status != 200:
            return self.render_to_response(self.get_context_data(**context), status=status)
        return redirect("opgaven:strategie_beheer", slug=self.regio.slug)

    def post(self, request, *args, **kwargs):
        form = StrategieForm(request.POST)
        if form.is_valid():
            services.save_strategie(self.regio, door=request.user, **form.cleaned_data)
            messages.success(request, _("Missie en visie zijn opgeslagen."))
            return redirect("opgaven:strategie_beheer", slug=self.regio.slug)
        return self.render_to_response(self.get_context_data(forms={"strategie": form}), status=422)


class OnderdeelNieuwView(StrategieBeheerView):
    """Add a value, goal or theme: it comes last of its kind."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        soort = kwargs["soort"]
        _model(soort)
        form = ONDERDEEL_FORMS[soort](request.POST, prefix=soort)
        if form.is_valid():
            try:
                onderdeel = getattr(services, f"add_{soort}")(
                    self.regio, door=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, TOEGEVOEGD[soort] % {"naam": onderdeel})
                return self.render_editor()
        return self.render_editor(422, forms={soort: form})


class OnderdeelActieView(StrategieBeheerView):
    """Move a part up or down, archive or restore it; htmx keeps the focus on the button that was pressed."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        model = _model(kwargs["soort"])
        if kwargs["actie"] not in ACTIES:
            raise Http404
        onderdeel = get_object_or_404(
            model.objects.select_related("regio"), pk=kwargs["pk"], regio=self.regio
        )
        action, extra = ACTIES[kwargs["actie"]]
        service = services.move_onderdeel if action == "move_onderdeel" else services.archive_onderdeel
        try:
            service(onderdeel, door=request.user, **extra)
        except (ValidationError, NotAllowed) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            if action == "archive_onderdeel":
                messages.success(request, _("‘%(naam)s’ is gearchiveerd.") % {"naam": onderdeel})
            elif action == "restore_onderdeel":
                messages.success(request, _("‘%(naam)s’ is teruggezet.") % {"naam": onderdeel})
        focus = ((model, onderdeel.pk), kwargs["actie"]) if action == "move_onderdeel" else None
        return self.render_editor(focus=focus)


class PortefeuilleNieuwView(StrategieBeheerView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = PortefeuillehouderForm(request.POST, prefix="portefeuille", regio=self.regio)
        if form.is_valid():
            try:
                portefeuille = services.add_portefeuillehouder(
                    self.regio, door=request.user, **form.portefeuille()
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("%(naam)s is benoemd.") % {"naam": portefeuille})
                return self.render_editor()
        return self.render_editor(422, forms={"portefeuille": form})


class PortefeuilleEindeView(StrategieBeheerView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        portefeuille = get_object_or_404(Portefeuillehouder, pk=kwargs["pk"], regio=self.regio)
        form = EindeForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Geef een geldige einddatum."))
            services.end_portefeuillehouder(
                portefeuille, einddatum=form.cleaned_data["einddatum"], door=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return self.render_editor(422)
        messages.success(request, _("De portefeuille is beëindigd."))
        return self.render_editor()


class OnderdeelView(PageView):
    """One goal, theme or value: its text, the opgaven it serves with their roll-up, its portfolio holders; the
    secretariat edits it and links opgaven to it here (htmx, 422 with the errors)."""

    template_name = "opgaven/onderdeel.html"
    htmx_partial = "onderdeel"

    def dispatch(self, request, *args, **kwargs):
        model = _model(kwargs["soort"])
        self.onderdeel = get_object_or_404(model.objects.select_related("regio"), pk=kwargs["pk"])
        self.regio = self.onderdeel.regio
        self.policy = OnderdeelPolicy()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, koppel_form=None, **kwargs):
        onderdeel, regio, user = self.onderdeel, self.regio, self.request.user
        soort = kwargs.pop("soort", self.kwargs["soort"])
        kwargs.pop("pk", None)
        acties = self.policy.allowed(user, onderdeel)
        zichtbaar = Opgave.objects.visible_to(user).filter(regio=regio)
        context = {"opgaven": [], "voortgang": None, "portefeuilles": []}
        if soort != "waarde":
            context["opgaven"] = list(
                onderdeel.opgaven.filter(pk__in=zichtbaar.values("pk")).order_by("titel")
            )
        if soort == "doelstelling":
            context["voortgang"] = selectors.doelstelling_voortgang(regio, opgaven=zichtbaar).get(
                onderdeel.pk
            )
        if soort == "thema":
            context["portefeuilles"] = list(
                selectors.huidige_portefeuilles().filter(thema=onderdeel).select_related("persoon")
            )
        if acties.get("update_onderdeel"):
            form = form or ONDERDEEL_FORMS[soort](
                initial={
                    name: getattr(onderdeel, name) for name in services.ONDERDEEL_VELDEN[type(onderdeel)]
                }
            )
        if acties.get("link_opgaven"):
            koppel_form = koppel_form or OpgavenKoppelenForm(
                opgaven=zichtbaar.order_by("titel"), initial={"opgaven": [o.pk for o in context["opgaven"]]}
            )
        return super().get_context_data(
            onderdeel=onderdeel,
            soort=soort,
            regio=regio,
            acties=acties,
            form=form,
            koppel_form=koppel_form,
            **context,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        koppelen = request.POST.get("formulier") == "koppelen"
        refuse(
            self.policy.may(request.user, "link_opgaven" if koppelen else "update_onderdeel", self.onderdeel)
        )
        if koppelen:
            zichtbaar = Opgave.objects.visible_to(request.user).filter(regio=self.regio)
            form = OpgavenKoppelenForm(request.POST, opgaven=zichtbaar)
        else:
            form = ONDERDEEL_FORMS[self.kwargs["soort"]](request.POST)
        if form.is_valid():
            try:
                if koppelen:
                    services.link_opgaven(self.onderdeel, form.cleaned_data["opgaven"], door=request.user)
                else:
                    services.update_onderdeel(self.onderdeel, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("De opgaven zijn gekoppeld.") if koppelen else _("Opgeslagen."))
                if request.htmx:
                    self.onderdeel.refresh_from_db()
                    return self.render_to_response(self.get_context_data())
                return redirect(request.path)
        forms = {"koppel_form": form} if koppelen else {"form": form}
        return self.render_to_response(self.get_context_data(**forms), status=422)
