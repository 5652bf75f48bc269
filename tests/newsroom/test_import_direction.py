"""The layers of the code (README, *Architecture*): each app imports, when it is
imported, only the layers below it. ``newsroom/`` is the bottom: no module of it
imports an app (``newsroom/urls.py``, the composition root, excepted; the settings
name apps as strings). Imports inside functions run later, once every app is loaded,
and are not counted."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTENT = {"organizations", "attachments", "releases", "events"}
#: app: what it may import at import time (besides itself).
LAYERS = {
    "newsroom": set(),
    "accounts": {"newsroom"},
    "translations": {"newsroom"},
    "workflow": {"newsroom", "accounts", "translations"},
    "public_cache": {"newsroom"},
    "identity": {"newsroom", "public_cache"},
    **{
        app: {"newsroom", "accounts", "workflow", "translations", "public_cache", "identity"}
        | CONTENT
        for app in CONTENT
    },
    "search": {"newsroom", "workflow", "public_cache"} | CONTENT,
    "site_pages": {"newsroom", "workflow", "public_cache"},
    "demo": {"newsroom", "workflow", "translations", "identity", "site_pages"} | CONTENT,
    "desk": {"newsroom", "accounts", "workflow", "translations"} | CONTENT,
    "notices": {"newsroom", "accounts", "workflow", "identity"} | CONTENT,
    "press_lists": {"newsroom"} | CONTENT,
    "subscriptions": {"newsroom", "identity"} | CONTENT,
    "distribution": {"newsroom", "workflow", "identity", "press_lists", "subscriptions"} | CONTENT,
    "webhooks": {"newsroom", "workflow"} | CONTENT,
    "api": {"newsroom", "translations", "search", "public_cache"} | CONTENT,
}
COMPOSITION_ROOT = {ROOT / "newsroom" / "urls.py"}


def import_time_imports(path):
    """The first-party packages a module imports at its top level."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(LAYERS)


def modules(app):
    return [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]


def test_every_app_of_the_project_has_its_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(LAYERS)


def test_each_app_imports_only_the_layers_below_it():
    wrong = []
    for app, allowed in LAYERS.items():
        for path in modules(app):
            if path in COMPOSITION_ROOT:
                continue
            for name in import_time_imports(path) - allowed - {app}:
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


def test_the_check_sees_an_import_that_breaks_the_rule(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text(
        "from releases.models import PressRelease\n\n"
        "def later():\n    from events.models import Event\n"
    )
    assert import_time_imports(module) == {"releases"}
