"""A BLOGTAIL_COMPILE=1 wheel parses every labelled capture exactly as the sources do."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.build,
    pytest.mark.timeout(600),
    pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler"),
]


def _parse_all(dump: Path, site: Path | None = None) -> str:
    """Run the accuracy benchmark, writing every parse to ``dump``; return its first line."""
    env = {**os.environ, "PYTHONPATH": str(site or "")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "parse_accuracy.py"), "--dump", str(dump)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()[0]


def test_the_compiled_core_reads_every_capture_as_the_sources_do(tmp_path: Path) -> None:
    wheel_dir = tmp_path / "dist"
    build = ["wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", wheel_dir]
    subprocess.run(
        [sys.executable, "-m", "pip", *map(str, build), str(ROOT)],
        env={**os.environ, "BLOGTAIL_COMPILE": "1"},
        check=True,
    )
    [wheel] = wheel_dir.glob("blogtail-*.whl")
    assert "-cp3" in wheel.name  # a platform wheel: it holds compiled modules
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)

    assert _parse_all(tmp_path / "compiled.jsonl", site) == "parser: compiled (mypyc)"
    assert _parse_all(tmp_path / "sources.jsonl") == "parser: Python sources"
    compiled = (tmp_path / "compiled.jsonl").read_text(encoding="utf-8").splitlines()
    sources = (tmp_path / "sources.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(compiled) > 300  # the corpus, the real pages and the seeds
    assert compiled == sources
    assert not list(ROOT.glob("workers/**/*.so"))  # the checkout is left as it was
