"""Which module may import which: the import-linter contracts of pyproject.toml, run here
so that the suite fails when an import breaks one (a cycle, core importing an app, a page
model importing its listing). No database: the contracts read the source files only.
"""

import logging
import tomllib
from pathlib import Path

import pytest
from importlinter.cli import EXIT_STATUS_ERROR, EXIT_STATUS_SUCCESS, lint_imports

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def project_config():
    return tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]


def contract(contract_id):
    (found,) = [c for c in project_config()["contracts"] if c["id"] == contract_id]
    return found


def run(config_filename, *contract_ids):
    # import-linter configures logging with dictConfig, which disables every logger that
    # exists already (the site's own): they are turned back on for the tests that follow.
    disabled = {
        name: logger.disabled
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    try:
        return lint_imports(
            config_filename=str(config_filename),
            limit_to_contracts=contract_ids,
            no_cache=True,
            no_logo=True,
        )
    finally:
        for name, was_disabled in disabled.items():
            logging.getLogger(name).disabled = was_disabled


def test_the_project_keeps_its_import_contracts():
    # On failure, the captured output names each broken contract and the imports breaking it.
    assert run(PYPROJECT) == EXIT_STATUS_SUCCESS


def test_every_app_is_checked_for_cycles():
    roots = set(project_config()["root_packages"])
    assert set(contract("no-cycles-in-apps")["ancestors"]) == roots


@pytest.fixture
def app_with_a_cycle(tmp_path, monkeypatch):
    """An app whose models import its listing inside a function, and the listing the
    models: the shape the contracts forbid."""
    app = tmp_path / "cyclic_app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text("def get_context():\n    from cyclic_app import listing\n")
    (app / "listing.py").write_text("from cyclic_app import models\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    layers = "\n    ".join(contract("models-never-import-listings")["layers"])
    config = tmp_path / "contracts.ini"
    config.write_text(
        "[importlinter]\n"
        "root_packages = cyclic_app\n\n"
        "[importlinter:contract:cycles]\n"
        "name = no cycles\n"
        "type = acyclic_siblings\n"
        "ancestors = cyclic_app\n\n"
        "[importlinter:contract:models-listing]\n"
        "name = models never import their listing\n"
        "type = layers\n"
        "containers = cyclic_app\n"
        f"layers =\n    {layers}\n"
    )
    return config


@pytest.mark.parametrize("contract_id", ["cycles", "models-listing"])
def test_the_contracts_fail_on_a_cycle(app_with_a_cycle, contract_id):
    """The project's contract types (and its layers of listing and models) catch a cycle,
    even through an import made inside a function."""
    assert run(app_with_a_cycle, contract_id) == EXIT_STATUS_ERROR
