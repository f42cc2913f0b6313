from django.utils.functional import SimpleLazyObject

from .permissions import regios_of


def mijn_regios(request):
    """The regions in which the logged-in user holds a role, for the switcher in the header (lazy: one query)."""
    user = getattr(request, "user", None)
    return {"mijn_regios": SimpleLazyObject(lambda: list(regios_of(user).order_by("naam")) if user else [])}
