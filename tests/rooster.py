"""The page grids of the permission tests: what each role gets back from a page, and that a refusal writes nothing.

An answer in a grid is one of "200", "403", "404", "302" (done: redirected, not to the login page) and "login"
(redirected to the login page). Each role is tried in a savepoint that is rolled back, so one world serves a row.
"""

from urllib.parse import urlsplit

from django.db import transaction
from django.urls import reverse

from regioportaal.models import ActionLog


def grid_row(rollen, standaard, **per_rol):
    """A row of the grid: `standaard` for every role in `rollen`, except those named."""
    return {rol: per_rol.get(rol, standaard) for rol in rollen}


def assert_status(response, verwacht, wie):
    if verwacht == "login":
        assert response.status_code == 302, wie
        assert urlsplit(response["Location"]).path == reverse("login"), wie
    elif verwacht == "302":
        assert response.status_code == 302, (wie, response.status_code)
        assert urlsplit(response["Location"]).path != reverse("login"), wie
    else:
        assert response.status_code == int(verwacht), (wie, response.status_code)


def assert_grid_is_complete(rooster, paginas, rollen):
    """The grid names every page action, and gives every role something it may and something it may not do."""
    assert rooster.keys() == paginas.keys()
    for rol in rollen:
        uitkomsten = {per_rol[rol] for per_rol in rooster.values()}
        assert uitkomsten & {"200", "302"}, f"{rol} mag niets"
        assert uitkomsten & {"403", "404", "login"}, f"{rol} mag alles"


def assert_each_role_gets(client, users, rij, request):
    """Log in as each role of `rij` in turn (None: anonymous) and call `request(user)`: the answer is the row's, and
    only a "302" (done) writes to the action log."""
    for wie, verwacht in rij.items():
        client.logout()
        if users[wie] is not None:
            client.force_login(users[wie])
        with transaction.atomic():
            voor = ActionLog.objects.count()
            response = request(users[wie])
            assert_status(response, verwacht, wie)
            assert (ActionLog.objects.count() != voor) is (verwacht == "302"), wie
            transaction.set_rollback(True)
