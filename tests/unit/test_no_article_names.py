"""No file of the package names the shipped article's company, products, people or sources.

The assistant must work on any corpus folder; a name of the shipped article inside
``assistant/`` is a rule tuned to that article (issue 10). Tests and evals may name it.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "assistant"

NAMES = (
    "Alibaba",
    "AInvest",
    "Zacks",
    "Mizuho",
    "Douyin",
    "Trendyol",
    "Eddie Wu",
    "Tencent",
    "Baidu",
    "Huawei",
    "Qwen",
    "Taobao",
    "Tmall",
    "BABA",
)
# Any spacing between the words of a name ("Eddie  Wu"); the ticker only as a word of its own
# (so "$BABA" and "BABA--" count, and no longer word merely containing it does).
PATTERN = re.compile(
    "|".join(
        r"(?<![a-z])baba(?![a-z])" if name == "BABA" else r"\s+".join(map(re.escape, name.split()))
        for name in NAMES
    ),
    re.IGNORECASE,
)
TEXT_SUFFIXES = {".py", ".yaml", ".yml", ".css", ".md", ".txt", ".json", ".html", ".js", ".toml"}


def package_files() -> list[Path]:
    """Every text file of the package (compiled caches left out)."""
    return sorted(
        p
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix in TEXT_SUFFIXES and "__pycache__" not in p.parts
    )


def hits(path: Path) -> list[str]:
    """``file:line: text`` for each line of ``path`` that names the shipped article."""
    text = path.read_text(encoding="utf-8", errors="replace")
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in PATTERN.finditer(line):
            found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)!r} in {line.strip()}")
    return found


def test_the_scan_covers_the_whole_package() -> None:
    files = package_files()
    suffixes = {p.suffix for p in files}
    assert {".py", ".yaml", ".css"} <= suffixes, suffixes
    names = {p.name for p in files}
    assert {"__init__.py", "cli.py", "chain.py", "prompts.yaml", "style.css"} <= names, names


def test_the_pattern_finds_each_name_in_any_case(tmp_path: Path) -> None:
    for name in NAMES:
        for variant in (name, name.lower(), name.upper()):
            assert PATTERN.search(f"x {variant} y"), variant
    assert PATTERN.search("tickers such as $BABA or BABA-- are debris")
    assert PATTERN.search("Eddie\n Wu said") is not None
    assert PATTERN.search("a baobab and an abacus") is None
    planted = tmp_path / "planted.py"
    planted.write_text("ok = 1\n# Tencent Cloud\n", encoding="utf-8")
    text = planted.read_text(encoding="utf-8")
    assert [n for n, line in enumerate(text.splitlines(), 1) if PATTERN.search(line)] == [2]


def test_the_package_names_nothing_from_the_shipped_article() -> None:
    found = [hit for path in package_files() for hit in hits(path)]
    assert found == [], "the shipped article is named inside assistant/:\n" + "\n".join(found)
