"""What is generated stays current, the bundled data is the article, the CLI needs no Textual, and a wheel ships
the data."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED_JSON = DATA / "kharkiv-2024-05-31.json"
ARTICLE = DATA / "kharkiv-2024-05-31.txt"
SHARED_ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(f"_script_{name}", ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_schema_is_current() -> None:
    expected = _load_script("make_schema").schema_text()
    assert (DATA / "schema.json").read_text(encoding="utf-8") == expected, (
        "data/schema.json is stale: run python scripts/make_schema.py"
    )


def test_schema_describes_the_format() -> None:
    schema = json.loads((DATA / "schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"schema_version", "source"} <= set(schema["required"])
    assert schema["additionalProperties"] is False


def test_seed_is_what_make_seed_generates(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_seed.py"), str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == SEED_JSON.read_bytes(), (
        "data/kharkiv-2024-05-31.json differs from what scripts/make_seed.py generates: run python scripts/make_seed.py"
    )


def test_seed_text_is_the_article_byte_for_byte() -> None:
    text = json.loads(SEED_JSON.read_text(encoding="utf-8"))["source"]["text"]
    assert text.encode("utf-8") == ARTICLE.read_bytes()


@pytest.mark.skipif(
    not SHARED_ARTICLE.exists(),
    reason="the curators' copy of the article (shared/seed/article.txt, beside the repository) is not here",
)
def test_seed_text_is_the_shared_article() -> None:
    text = json.loads(SEED_JSON.read_text(encoding="utf-8"))["source"]["text"]
    assert text.encode("utf-8") == SHARED_ARTICLE.read_bytes()


LAYERING = (
    "import sys, tui.cli, tui.store, tui.validation, tui.render.export, tui.render.text; "
    "from tui.cli import main; main(['quotes','--format','json']); "
    "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), "
    "[m for m in sys.modules if m.startswith('textual')]"
)


def test_cli_answers_without_importing_textual(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    done = subprocess.run(
        [sys.executable, "-c", LAYERING],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_no_file_names_a_path_of_one_machine() -> None:
    """Messages, skips and instructions say what is missing or what to run, not where it lay on the
    machine they were written on."""
    machine_paths = ["/" + "work/", "/" + "root/", "/" + "home/"]
    files = [*ROOT.glob("tui/**/*.py"), *ROOT.glob("tests/*.py"), *ROOT.glob("scripts/*.py"), ROOT / "README.md"]
    found = [
        f"{path.relative_to(ROOT)}: {needle}"
        for path in files
        for needle in machine_paths
        if needle in path.read_text(encoding="utf-8")
    ]
    assert found == []


def test_the_format_doc_example_is_a_valid_dossier() -> None:
    """docs/format.md's minimal dossier validates once its hash is filled in."""
    from tui.validation import check

    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    example = doc[doc.index("## A minimal dossier") :]
    data = json.loads(example.split("```json", 1)[1].split("```", 1)[0])
    data["source"]["text_sha256"] = hashlib.sha256(data["source"]["text"].encode("utf-8")).hexdigest()
    assert check(data).problems == []


def test_layers_import_downward_only(capsys: pytest.CaptureFixture[str]) -> None:
    """The import-linter contracts in pyproject.toml: every import in tui/ runs down the layers, and
    nothing below the app imports Textual (statically, beside the run-time check above)."""
    from importlinter.cli import lint_imports

    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


def test_wheel_ships_the_data(tmp_path: Path) -> None:
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling is not installed, so a wheel cannot be built offline (--no-build-isolation)")
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("fact_explorer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"tui/_data/kharkiv-2024-05-31.json", "tui/_data/schema.json", "tui/cli.py"} <= names

    # Installed (not editable) into a folder of its own, it answers from another directory.
    site = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import tui, sys; from tui.cli import main; print(tui.__file__, file=sys.stderr); "
            "sys.exit(main(['quotes', '--country', 'PL', '--format', 'json']))",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().startswith(str(site)), done.stderr
    assert [r["actor"] for r in json.loads(done.stdout)] == ["sikorski", "sikorski"]
