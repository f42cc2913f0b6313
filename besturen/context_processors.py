"""Context for every page: the region switcher in the header (its list: `besturen.regiokeuze`)."""

from django.utils.functional import SimpleLazyObject

from .regiokeuze import regios_voor


def mijn_regios(request):
    """The regions in which the logged-in user holds a role, for the switcher in the header (lazy)."""
    user = getattr(request, "user", None)
    return {"mijn_regios": SimpleLazyObject(lambda: regios_voor(user))}
