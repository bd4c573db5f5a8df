"""Every app's tests run: an app missing from pytest's ``testpaths`` would have its tests
left out of ``make test`` and CI without anyone noticing (it happened to the check-in)."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_app_with_tests_is_in_testpaths_and_packaged():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    testpaths = set(project["tool"]["pytest"]["ini_options"]["testpaths"])
    packaged = {
        name.rstrip("*") for name in project["tool"]["setuptools"]["packages"]["find"]["include"]
    }
    apps = {
        folder.name
        for folder in ROOT.iterdir()
        if (folder / "apps.py").is_file() and (folder / "tests").is_dir()
    }
    assert apps - testpaths == set()
    assert apps - packaged == set()
