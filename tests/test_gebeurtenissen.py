"""The action log reads as sentences: every action string the code writes is a registered event with a translated
sentence, old strings still show, and the stored values read as "field: old → new" in the user's language."""

import ast
import datetime
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from regioportaal.audit import log_action
from regioportaal.gebeurtenissen import Gebeurtenis, gebeurtenis, registered
from regioportaal.models import ActionLog
from vergaderingen.models import Vergadering, VergaderingStatus

REPO = Path(__file__).resolve().parents[1]
PACKAGES = [
    "regioportaal",
    "besturen",
    "opgaven",
    "programmas",
    "vergaderingen",
    "notities",
    "raad",
    "openbaar",
]


# --- the code scan ------------------------------------------------------------------------------------------------


def _modules():
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(call):
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _action_argument(call, position):
    for keyword in call.keywords:
        if keyword.arg == "actie":
            return keyword.value
    return call.args[position] if len(call.args) > position else None


def _wrappers(trees):
    """Functions that pass their parameter `actie` on to log_action (or to another such function), with its position."""
    wrappers = {"log_action": 1}
    changed = True
    while changed:
        changed = False
        for _path, tree in trees:
            for func in ast.walk(tree):
                if not isinstance(func, ast.FunctionDef) or func.name in wrappers:
                    continue
                params = [a.arg for a in func.args.posonlyargs + func.args.args]
                if "actie" not in params:
                    continue
                for call in ast.walk(func):
                    if isinstance(call, ast.Call) and _name(call) in wrappers:
                        argument = _action_argument(call, wrappers[_name(call)])
                        if isinstance(argument, ast.Name) and argument.id == "actie":
                            wrappers[func.name] = params.index("actie")
                            changed = True
                            break
    return wrappers


def _constants(tree):
    """Module-level NAME = "string" assignments (ACTIE_EXPORT = "persoonsgegevens geëxporteerd")."""
    found = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def _strings(node, constants):
    """The literal action strings an argument can be (both sides of `a if c else b`); empty when computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body, constants) + _strings(node.orelse, constants)
    if isinstance(node, ast.Name) and node.id in constants:
        return [constants[node.id]]
    return []


def _loop_strings(tree):
    """`for actie, … in (("rol toegekend", …), ("rol ingetrokken", …))`: the strings a loop binds to `actie`."""
    found = []
    for loop in ast.walk(tree):
        if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Tuple)):
            continue
        names = [elt.id if isinstance(elt, ast.Name) else None for elt in loop.target.elts]
        if "actie" not in names or not isinstance(loop.iter, ast.Tuple | ast.List):
            continue
        position = names.index("actie")
        for item in loop.iter.elts:
            if isinstance(item, ast.Tuple) and len(item.elts) > position:
                found.extend(_strings(item.elts[position], {}))
    return found


def action_strings_in_code():
    """Every literal action string the services write, with where: {string: ["path:line", …]}."""
    trees = list(_modules())
    wrappers = _wrappers(trees)
    found = {}
    for path, tree in trees:
        where = path.relative_to(REPO)
        constants = _constants(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node) in wrappers:
                argument = _action_argument(node, wrappers[_name(node)])
                for string in _strings(argument, constants) if argument is not None else []:
                    found.setdefault(string, []).append(f"{where}:{node.lineno}")
            elif isinstance(node, ast.Call) and _name(node) in {"create", "ActionLog"}:
                for keyword in node.keywords:
                    if keyword.arg == "actie":
                        for string in _strings(keyword.value, constants):
                            found.setdefault(string, []).append(f"{where}:{node.lineno}")
        for string in _loop_strings(tree):
            found.setdefault(string, []).append(f"{where} (loop)")
    return found


def test_the_scan_finds_the_action_strings_of_every_app():
    found = action_strings_in_code()
    # One literal of each kind the scan must see: direct, through a wrapper, a conditional, a constant, a loop.
    for string in [
        "recht toegekend",
        "vraag gesteld",
        "raadsbesluit gecorrigeerd",
        "persoonsgegevens geëxporteerd",
        "rol ingetrokken",
        "voorstel afgewezen",
    ]:
        assert string in found, string


def test_every_action_string_in_the_code_is_a_registered_event():
    events = registered()
    missing = {string: where for string, where in action_strings_in_code().items() if string not in events}
    assert not missing, (
        "Action strings written by the code without an event type (add them to the app's gebeurtenissen.py, "
        "value = the string, with a label and a sentence):\n"
        + "\n".join(f"- {string!r} at {', '.join(where)}" for string, where in sorted(missing.items()))
    )


def test_every_meeting_status_has_its_event():
    """A meeting's transition is logged as f"status {naar}": the scan cannot read it, so this test does."""
    for status in VergaderingStatus:
        assert gebeurtenis(f"status {status.value}") is not None, status


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_every_event_has_a_label_and_a_sentence_naming_actor_and_object(taal):
    with translation.override(taal):
        for actie, event in registered().items():
            assert isinstance(event, Gebeurtenis)
            assert event.value == actie
            assert str(event.label)
            sentence = event.sentence("ACTOR", "OBJECT", "soort")
            assert "ACTOR" in sentence and "OBJECT" in sentence, actie


# --- rendering -----------------------------------------------------------------------------------------------------


def _entry(actie, obj, wijzigingen, actor=None):
    return log_action(actor, actie, obj, wijzigingen)


@pytest.fixture
def vergadering(world):
    from vergaderingen import services

    begin = datetime.datetime(2030, 3, 5, 19, 30, tzinfo=datetime.UTC)
    return services.plan_vergadering(
        world.dbo, begin=begin, einde=begin + datetime.timedelta(hours=2), locatie="Stadhuis", door=None
    )


@pytest.mark.django_db
def test_a_published_agenda_reads_as_a_sentence_with_labels_not_raw_values(world, vergadering):
    entry = _entry(
        "status agenda_gepubliceerd",
        vergadering,
        {"status": ["gepland", "agenda_gepubliceerd"], "locatie": None, "begin": "2030-03-05T19:30:00+00:00"},
        actor=world.secretariaat,
    )
    with translation.override("nl"):
        assert entry.zin == f"{world.secretariaat} heeft de agenda van {vergadering} gepubliceerd"
        regels = dict(entry.leesbare_wijzigingen)
    assert regels["Status"] == "gepland → agenda gepubliceerd"
    assert regels["Locatie"] == "—"
    assert regels["Begin"] == "5 maart 2030, 20:30"
    assert "['gepland'" not in str(regels) and "None" not in str(regels)


@pytest.mark.django_db
def test_a_change_shows_old_and_new_with_dates_in_dutch_and_none_as_a_dash(world):
    entry = _entry(
        "deelname toegevoegd", world.dender, {"begindatum": "2019-01-01", "einddatum": None, "te_laat": True}
    )
    with translation.override("nl"):
        assert entry.zin == "Het systeem heeft een bestuur laten deelnemen aan Denderregio"
        assert entry.leesbare_wijzigingen == [
            ("Begindatum", "1 januari 2019"),
            ("Einddatum", "—"),
            ("Te laat", "ja"),
        ]


@pytest.mark.django_db
def test_a_list_of_roles_is_a_list_not_a_change(world):
    entry = _entry(
        "recht toegekend", world.dender, {"recht": "view", "groepen": ["orgaan:1:lid", "orgaan:1:voorzitter"]}
    )
    with translation.override("nl"):
        assert dict(entry.leesbare_wijzigingen)["Rollen"] == "orgaan:1:lid, orgaan:1:voorzitter"


@pytest.mark.django_db
def test_an_old_unknown_action_still_shows_as_itself(world):
    entry = _entry("iets van vroeger", world.dender, {"naam": ["Oud", "Nieuw"]}, actor=world.secretariaat)
    assert entry.gebeurtenis is None
    with translation.override("nl"):
        assert entry.zin == f"{world.secretariaat}: iets van vroeger, Denderregio"
        assert entry.leesbare_wijzigingen == [("Naam", "Oud → Nieuw")]


@pytest.mark.django_db
def test_the_sentence_follows_the_users_language(world):
    entry = _entry("aangemaakt", world.dbo, {})
    with translation.override("nl"):
        assert entry.zin == f"Het systeem heeft orgaan {world.dbo} aangemaakt"


# --- the pages that show the log -----------------------------------------------------------------------------------


def _fill_log(world, aantal):
    content_type = ContentType.objects.get_for_model(Vergadering)
    ActionLog.objects.bulk_create(
        ActionLog(
            actor=world.secretariaat,
            actie="status agenda_gepubliceerd",
            content_type=content_type,
            object_id=str(nummer),
            object_repr=f"Vergadering {nummer}",
            wijzigingen={"status": ["gepland", "agenda_gepubliceerd"], "einde": None},
            scope=f"regio:{world.dender.pk}",
        )
        for nummer in range(aantal)
    )


@pytest.mark.django_db
def test_the_regions_action_log_shows_sentences_and_readable_changes(client, world):
    _fill_log(world, 2)
    client.force_login(world.secretariaat)
    response = client.get(reverse("besturen:logboek", args=[world.dender.slug]), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{world.secretariaat} heeft de agenda van Vergadering 1 gepubliceerd" in html
    assert "gepland → agenda gepubliceerd" in html
    assert "agenda_gepubliceerd" not in html
    assert "None" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [2, 20])
def test_the_regions_action_log_takes_the_same_queries_for_2_and_20_entries(
    client, world, aantal, django_assert_max_num_queries
):
    _fill_log(world, aantal)
    client.force_login(world.secretariaat)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("besturen:logboek", args=[world.dender.slug]))
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_council_member_may_not_read_the_regions_action_log(client, world):
    client.force_login(world.raadslid)
    response = client.get(reverse("besturen:logboek", args=[world.dender.slug]))
    assert response.status_code == 403


@pytest.mark.django_db
def test_the_admin_lists_the_log_as_sentences(client, world):
    _fill_log(world, 2)
    client.force_login(world.platformbeheerder)
    response = client.get(reverse("admin:regioportaal_actionlog_changelist"), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    html = response.content.decode()
    assert "heeft de agenda van Vergadering 1 gepubliceerd" in html
    entry = ActionLog.objects.filter(actie="status agenda_gepubliceerd").first()
    response = client.get(
        reverse("admin:regioportaal_actionlog_change", args=[entry.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 200
    assert "gepland → agenda gepubliceerd" in response.content.decode()
