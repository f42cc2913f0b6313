"""Links that leave the site (mails, calendar feeds): the path joined to settings.SITE_URL, and the site's host."""

from django.conf import settings


def absolute_url(path):
    """`path` (from reverse() or get_absolute_url()) as a full URL on this site."""
    return settings.SITE_URL.rstrip("/") + path


def site_host():
    """The host name of settings.SITE_URL (for calendar UIDs); "regioportaal" when it has none."""
    return settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "regioportaal"
