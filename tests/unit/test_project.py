"""The project's shape: layering, the message catalog, styles shipped in the wheel, and
property tests that never fail by chance in `make test`."""

from __future__ import annotations

import ast
import os
import re
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import settings

from deskconsole.i18n import catalog

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "deskconsole"


def test_core_layers_do_not_import_textual() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import deskconsole\n"
        "for m in pkgutil.walk_packages(deskconsole.__path__, 'deskconsole.'):\n"
        "    if not m.name.startswith('deskconsole.ui') and m.name != 'deskconsole.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'textual' or n.startswith('textual.'))\n"
        "print(len(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "0"


LAYER_ORDER = ["models", "storage", "domain", "export", "cli", "ui"]
# ``output`` (files written for people) sits on storage, below domain and export;
# ``crash`` (masked crash reports) sits below everything, like ``errors``.
MAY_IMPORT = {
    "models": {"models"},
    "storage": {"models", "storage"},
    "domain": {"models", "storage", "output", "domain"},
    "export": {"models", "storage", "output", "domain", "export"},
    "ui": {"models", "storage", "output", "domain", "export", "ui", "config"},
}
SINGLE_MODULES = {"output": {"models", "storage"}, "crash": set()}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("layer", sorted(MAY_IMPORT))
def test_layers_point_one_way(layer: str) -> None:
    allowed = MAY_IMPORT[layer] | {"i18n", "errors", "crash", ""}
    for path in (PACKAGE / layer).rglob("*.py"):
        for module in _imports(path):
            if module.startswith("deskconsole."):
                top = module.split(".")[1]
                assert top in allowed, f"{path.relative_to(ROOT)} imports {module}"


@pytest.mark.parametrize("name", sorted(SINGLE_MODULES))
def test_single_module_layers(name: str) -> None:
    allowed = SINGLE_MODULES[name] | {"i18n", "errors", ""}
    for module in _imports(PACKAGE / f"{name}.py"):
        if module.startswith("deskconsole."):
            assert module.split(".")[1] in allowed, f"{name}.py imports {module}"


def _fields(text: str) -> set[str]:
    """The parameters a message uses (a plural form ``{count|case|cases}`` uses ``count``)."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return {name.split("|")[0] for name in names}


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, (english, chinese) in catalog().items():
        assert english.strip() and chinese.strip(), key
        assert _fields(english) == _fields(chinese), key


KEY_PATTERN = re.compile(r"^[a-z_]+\.[A-Za-z0-9_.]+$")


def _literal_keys() -> list[tuple[Path, str]]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        if "i18n" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            args = list(node.args)
            if name == "t" and args and isinstance(args[0], ast.Constant):
                found.append((path, str(args[0].value)))
            if name == "Binding" and len(args) >= 3 and isinstance(args[2], ast.Constant):
                found.append((path, str(args[2].value)))
            for keyword in node.keywords:
                if (
                    name == "Binding"
                    and keyword.arg in ("description", "tooltip")
                    and isinstance(keyword.value, ast.Constant)
                ):
                    found.append((path, str(keyword.value.value)))
    return found


def test_every_literal_message_key_exists() -> None:
    keys = catalog()
    missing = [
        f"{path.relative_to(ROOT)}: {key}"
        for path, key in _literal_keys()
        if key and KEY_PATTERN.match(key) and key not in keys
    ]
    assert not missing
    assert len(_literal_keys()) > 20


@pytest.mark.slow
def test_wheel_ships_the_styles_and_finds_them(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("deskconsole-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for style in ("app", "lookup", "intake", "board", "register"):
            assert f"deskconsole/styles/{style}.tcss" in names
        archive.extractall(tmp_path / "site")
    code = (
        "from deskconsole.ui.styles import style_paths\n"
        "paths = style_paths()\n"
        "assert all(p.is_file() for p in paths), paths\n"
        "print(paths[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip() == str(tmp_path / "site" / "deskconsole" / "styles" / "app.tcss")


def test_make_test_runs_property_tests_derandomised_and_make_fuzz_at_random() -> None:
    if os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci":
        pytest.skip("running under another hypothesis profile")
    current = settings()  # what a test gets from the loaded profile
    assert current.derandomize is True
    assert current.database is None
    fuzz = settings.get_profile("fuzz")
    assert not fuzz.derandomize and fuzz.max_examples > current.max_examples
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "HYPOTHESIS_PROFILE=fuzz" in makefile.split("\nfuzz:", 1)[1].split("\n\n", 1)[0]
