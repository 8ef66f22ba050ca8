#!/usr/bin/env python3
"""Build data/lists/abbreviations.tsv: per language, the abbreviations after
which a period need not end a sentence.

Source: the Unicode CLDR sentence-break suppressions of English and French
(npm package cldr-segments-full, pinned below with its integrity hash; Unicode
License v3), corrected by tools/curated/abbreviations.tsv (additions, and
entries dropped because they are also ordinary words or given names). Entries
holding a space ("av. J.-C.") are left out: kg's tokens never span a space.
The output is sorted and deterministic. Usage:

    python3 tools/build_abbreviations.py            # fetches the package with `npm pack`
    python3 tools/build_abbreviations.py --package DIR   # an unpacked package instead

Needs only Python 3 and, without --package, npm. It installs nothing.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "tools" / "curated" / "abbreviations.tsv"
OUT = ROOT / "data" / "lists" / "abbreviations.tsv"

PACKAGE = "cldr-segments-full@46.1.0"
INTEGRITY = "sha512-nSA9+EBrQg6CN719kd70a4qnJ0+hMg/bAVo/b6hdLDAhw91BsqVNuvntgenfXtlAQwoYvBFLh3xBBE7JR/tpNA=="
LANGS = ("en", "fr")


def fetch(dest: Path) -> Path:
    """The package unpacked under dest, its tarball checked against INTEGRITY."""
    out = subprocess.run(
        ["npm", "pack", PACKAGE, "--pack-destination", str(dest), "--silent"],
        check=True,
        capture_output=True,
        text=True,
    )
    tgz = dest / out.stdout.strip().splitlines()[-1]
    algo, want = INTEGRITY.split("-", 1)
    got = base64.b64encode(hashlib.new(algo, tgz.read_bytes()).digest()).decode()
    if got != want:
        sys.exit(f"{tgz}: integrity {algo}-{got}, expected {INTEGRITY}")
    with tarfile.open(tgz) as tar:
        tar.extractall(dest, filter="data")
    return dest / "package"


def cldr(package: Path, lang: str) -> list[str]:
    """The sentence-break suppressions of one language, as listed."""
    data = json.loads((package / "segments" / lang / "suppressions.json").read_text("utf-8"))
    rows = data["segments"]["segmentations"]["SentenceBreak"]["standard"]
    return [r["suppression"] for r in rows]


def curated() -> list[tuple[str, str, str]]:
    """(abbreviation, lang, add or drop) rows of the curated file."""
    rows = []
    for n, line in enumerate(CURATED.read_text("utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        row = line.split("\t")
        if (
            len(row) != 3
            or row[1] not in LANGS
            or row[2] not in ("add", "drop")
            or not usable(row[0])
        ):
            sys.exit(f"{CURATED}:{n}: bad row {line!r}")
        rows.append((row[0], row[1], row[2]))
    return rows


def usable(form: str) -> bool:
    """One word ending in a period: kg's tokens never span a space."""
    return form.endswith(".") and len(form) > 1 and not any(c.isspace() for c in form)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package", type=Path, help="an unpacked cldr-segments-full package")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        package = args.package or fetch(Path(tmp))
        rows: dict[tuple[str, str], str] = {}
        for lang in LANGS:
            for form in cldr(package, lang):
                if usable(form):
                    rows.setdefault((lang, form), "cldr")
    for form, lang, action in curated():
        if action == "add":
            rows.setdefault((lang, form), "kg")
        elif rows.pop((lang, form), None) is None:
            sys.exit(f"{CURATED}: {form} ({lang}) to drop is not in CLDR's list")
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write("abbreviation\tlang\tsource\n")
        for (lang, form), source in sorted(rows.items()):
            f.write(f"{form}\t{lang}\t{source}\n")
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} abbreviations", file=sys.stderr)


if __name__ == "__main__":
    main()
