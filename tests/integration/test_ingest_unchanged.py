"""A no-change ingest checks the manifest against the corpus and leaves the store closed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

SCRIPT = """
import json, sys
from assistant.config import Settings
from assistant.index import ingest
report = ingest(Settings(corpus_dir=sys.argv[1], index_dir=sys.argv[2], _env_file=None))
print(json.dumps({"embedded": report.embedded, "chunks": report.chunks,
                  "chromadb": "chromadb" in sys.modules}))
"""


def _mtimes(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*") if p.is_file()}


def test_no_change_ingest_does_not_open_the_store(shipped_assistant) -> None:
    settings = shipped_assistant.settings
    before = _mtimes(Path(settings.index_dir))
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(settings.corpus_dir), str(settings.index_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["embedded"] == 0 and report["chunks"] > 0
    assert report["chromadb"] is False
    assert _mtimes(Path(settings.index_dir)) == before


def test_a_changed_document_is_embedded_again(tmp_path: Path, shipped_settings) -> None:
    import shutil

    from assistant.config import Settings
    from assistant.index import ingest

    corpus = tmp_path / "corpus"
    shutil.copytree(shipped_settings.corpus_dir, corpus)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", _env_file=None)
    ingest(settings)
    assert ingest(settings).embedded == 0
    note = corpus / "sources" / "source-1.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nA new line about 12% growth.\n")
    assert ingest(settings).embedded > 0
