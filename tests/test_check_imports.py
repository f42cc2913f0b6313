"""scripts/check_imports.py: the import graph goes one way and has no circle at module level."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["regioportaal", "besturen", "opgaven", "programmas", "vergaderingen", "notities", "raad", "openbaar"]


@pytest.fixture(scope="module")
def check_imports():
    spec = importlib.util.spec_from_file_location("check_imports", ROOT / "scripts" / "check_imports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_tree(root, files):
    """The five packages, empty, plus `files` (path -> source)."""
    for app in APPS:
        (root / app).mkdir()
        (root / app / "__init__.py").write_text("")
    for path, source in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(source)


CLEAN = {
    "regioportaal/models.py": "from django.db import models\n",
    "besturen/models.py": "from regioportaal.models import models\n",
    "besturen/selectors.py": "from .models import models\n",
    "besturen/services.py": "from . import selectors\n\n\ndef f():\n    from . import pdf\n",
    "besturen/pdf.py": "from besturen import selectors\n",
    "besturen/tasks.py": "from besturen import services\n",
    "vergaderingen/services.py": "from programmas import services\nfrom besturen.models import Regio\n",
    "programmas/services.py": "import opgaven.models\n",
    "opgaven/models.py": "from besturen.models import models\n",
}


def test_a_clean_tree_passes_and_prints_the_app_graph(tmp_path, check_imports, capsys):
    make_tree(tmp_path, CLEAN)

    assert check_imports.main(["--root", str(tmp_path)]) == 0

    out = capsys.readouterr().out
    assert "vergaderingen → programmas (1 import)" in out
    assert "vergaderingen → besturen (1 import)" in out
    assert "besturen → regioportaal (1 import)" in out
    assert "regioportaal imports no other app" in out


def test_a_circle_closed_by_an_import_inside_a_function_fails(tmp_path, check_imports, capsys):
    make_tree(
        tmp_path,
        {**CLEAN, "besturen/services.py": "from . import selectors\n\n\ndef f():\n    from . import tasks\n"},
    )

    assert check_imports.main(["--root", str(tmp_path)]) == 1

    out = capsys.readouterr().out
    assert (
        "besturen/services.py:5: circle closed by an import inside a function: "
        "besturen.services → besturen.tasks → besturen.services" in out
    )
    assert out.splitlines()[-1] == "check_imports: 1 problem"


def test_the_graph_in_the_architecture_document_must_be_the_graph_as_it_is(tmp_path, check_imports, capsys):
    make_tree(tmp_path, CLEAN)
    doc = tmp_path / "docs" / "architecture.md"
    doc.parent.mkdir()
    doc.write_text("# Architecture\n\n<!-- import-graph -->\nold\n<!-- /import-graph -->\n\nMore text.\n")

    assert check_imports.main(["--root", str(tmp_path)]) == 1
    assert "the import graph in the document is not the graph as it is" in capsys.readouterr().out

    assert check_imports.main(["--root", str(tmp_path), "--write"]) == 0
    text = doc.read_text()
    assert "vergaderingen ──► programmas, besturen" in text
    assert "regioportaal  ──► (no app)" in text
    assert text.endswith("<!-- /import-graph -->\n\nMore text.\n")
    assert check_imports.main(["--root", str(tmp_path)]) == 0


def test_a_lower_app_importing_a_higher_one_fails_with_file_and_line(tmp_path, check_imports, capsys):
    make_tree(
        tmp_path,
        {
            **CLEAN,
            "regioportaal/urls.py": "from django.urls import path\nfrom besturen.views import X\n",
            "opgaven/views.py": "def f():\n    from vergaderingen import services\n",
        },
    )

    assert check_imports.main(["--root", str(tmp_path)]) == 1

    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("regioportaal/urls.py:2: regioportaal imports besturen") for line in lines)
    # Inside a function the wrong way is still wrong.
    assert any(
        line.startswith("opgaven/views.py:2: opgaven imports vergaderingen.services") for line in lines
    )
    assert lines[-1] == "check_imports: 2 problems"


def test_a_circle_at_module_level_fails(tmp_path, check_imports, capsys):
    make_tree(
        tmp_path,
        {
            **CLEAN,
            "programmas/services.py": "from .selectors import versies\n",
            "programmas/selectors.py": "from programmas.services import bereken\n",
        },
    )

    assert check_imports.main(["--root", str(tmp_path)]) == 1

    out = capsys.readouterr().out
    assert "circle at module level: programmas.selectors → programmas.services → programmas.selectors" in out
    assert "programmas/selectors.py:1" in out and "programmas/services.py:1" in out
    assert out.splitlines()[-1] == "check_imports: 1 problem"


def test_migrations_and_tests_are_not_read(tmp_path, check_imports):
    make_tree(
        tmp_path,
        {
            **CLEAN,
            "besturen/migrations/0001_initial.py": "import vergaderingen.models\n",
            "besturen/tests/test_x.py": "import vergaderingen.models\n",
        },
    )

    assert check_imports.main(["--root", str(tmp_path)]) == 0


def test_the_project_passes(check_imports, capsys):
    assert check_imports.main([]) == 0, capsys.readouterr().out
