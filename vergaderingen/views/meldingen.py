"""Who received what about a meeting: every message about it (agenda, addenda, changes), for its secretariat."""

from django.contrib.auth.views import redirect_to_login

from besturen.selectors import current_seats
from regioportaal.meldingen import meldingen_over
from regioportaal.views import PageView, paginate, refuse

from ..policies import VergaderingPolicy
from ._gedeeld import _vergadering_or_404


class OntvangersView(PageView):
    """The messages about a meeting, one row per recipient, with where each stands; and the members no mail reaches
    (no account and no e-mail address). 404 when the meeting is hidden, 403 for who may not manage it."""

    template_name = "vergaderingen/ontvangers.html"

    def dispatch(self, request, *args, **kwargs):
        self.vergadering = _vergadering_or_404(request, kwargs["pk"])
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(VergaderingPolicy().holds(request.user, "edit_agenda", self.vergadering))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        vergadering = self.vergadering
        meldingen = paginate(self.request, meldingen_over(vergadering))
        seats = current_seats(orgaan=vergadering.orgaan_id).select_related("persoon__user")
        onbereikbaar = sorted(
            {seat.persoon for seat in seats if seat.persoon.user_id is None and not seat.persoon.email},
            key=lambda persoon: (persoon.achternaam, persoon.voornaam),
        )
        return super().get_context_data(
            vergadering=vergadering,
            orgaan=vergadering.orgaan,
            meldingen=meldingen,
            onbereikbaar=onbereikbaar,
            **kwargs,
        )
