"""Calendars: a body's public feed, the personal feed behind a secret URL, and the page that manages it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from besturen.models import Orgaan
from regioportaal import ical
from regioportaal.views import PageView

from .. import selectors, services
from ..forms import VoorkeurForm
from ..models import KalenderToken, hash_token


def _ics_response(text, filename):
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    return response


class OrgaanFeedView(View):
    """The public calendar of a body: its meetings with a published agenda, public items only."""

    def get(self, request, pk):
        orgaan = get_object_or_404(Orgaan, pk=pk)
        vergaderingen = selectors.openbare_vergaderingen(orgaan)
        events = [services.vergadering_event(v, met_besloten=False) for v in vergaderingen]
        return _ics_response(ical.calendar(events, name=str(orgaan)), f"orgaan-{orgaan.pk}.ics")


class PersoonlijkeFeedView(View):
    """A user's own calendar: every meeting of their bodies, behind a secret, revocable URL."""

    def get(self, request, token):
        kalender = KalenderToken.objects.select_related("user").filter(token_hash=hash_token(token)).first()
        if kalender is None or not kalender.user.is_active:
            raise Http404
        user = kalender.user
        events = [
            services.vergadering_event(v, met_besloten=True)
            for v in selectors.persoonlijke_vergaderingen(user, feed=True)
        ]
        response = _ics_response(
            ical.calendar(events, name=_("Mijn vergaderingen")), "mijn-vergaderingen.ics"
        )
        response["X-Robots-Tag"] = "noindex"
        return response


class MijnAgendaView(LoginRequiredMixin, PageView):
    """The personal calendar link (and its revocation) and how the user wants to hear of agendas."""

    template_name = "vergaderingen/mijn_agenda.html"

    def get_context_data(self, form=None, nieuw=None, **kwargs):
        user = self.request.user
        token = selectors.kalendertoken_van(user)  # a GET never creates one; the button below does
        # Only the hash is stored: the link is shown once, in the answer to the POST that made it (`nieuw`).
        feed = (
            self.request.build_absolute_uri(
                reverse("vergaderingen:persoonlijke_feed", kwargs={"token": nieuw.token})
            )
            if nieuw is not None
            else None
        )
        return super().get_context_data(
            feed=feed,
            heeft_link=token is not None,
            form=form or VoorkeurForm(initial={"frequentie": user.meldingen}),
            vergaderingen=list(
                selectors.persoonlijke_vergaderingen(user).filter(einde__gte=timezone.now())[:20]
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("actie") == "vernieuwen":
            nieuw = services.renew_kalendertoken(request.user, door=request.user)
            messages.success(
                request,
                _("U hebt een nieuwe agenda-link. Een eerdere link werkt niet meer.")
                + " "
                + _("Kopieer hem nu: hij wordt maar één keer getoond."),
            )
            response = self.render_to_response(self.get_context_data(nieuw=nieuw))
            response["Cache-Control"] = "private, no-store"
            return response
        form = VoorkeurForm(request.POST)
        if form.is_valid():
            services.set_notificatievoorkeur(
                request.user, frequentie=form.cleaned_data["frequentie"], door=request.user
            )
            messages.success(request, _("Uw voorkeur is bewaard."))
            return redirect("vergaderingen:mijn_agenda")
        return self.render_to_response(self.get_context_data(form=form), status=422)
