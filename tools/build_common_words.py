#!/usr/bin/env python3
"""Builds data/lists/common_words.tsv: the ordinary words of English and French.

A word is listed for a language when it is lowercase letters (hyphens
allowed), at least 3 letters long, as frequent as Zipf 3.0 in that
language (wordfreq 3.1.1: about once per million words) and accepted in
lowercase by Debian's hunspell dictionary of that language (en_US from
hunspell-en-us, fr_FR from hunspell-fr-comprehensive). Extraction asks
it whether a lone capitalised word ("Senior researcher ...") is an
ordinary word rather than a name (src/extract/mentions/tagger.rs).

    apt-get install hunspell hunspell-en-us hunspell-fr-comprehensive
    pip install -r tools/requirements.txt
    python3 tools/build_common_words.py

tools/build_lists.py runs it too. It writes the same bytes on every run
(sorted rows, UTF-8, tab separated, one header line) and needs no network.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "lists" / "common_words.tsv"
# wordfreq's Zipf scale: 3.0 is about once per million words.
MIN_ZIPF = 3.0
DICTS = {"en": "en_US", "fr": "fr_FR"}
WORD = re.compile(r"[^\W\d_]{3,}(?:-[^\W\d_]+)*")


def words_of(lang: str) -> list[str]:
    """The lowercase words of `lang` as frequent as MIN_ZIPF that hunspell accepts."""
    from wordfreq import top_n_list, zipf_frequency  # installed from tools/requirements.txt

    frequent = sorted(
        {
            w
            for w in top_n_list(lang, 100_000)
            if w == w.lower() and WORD.fullmatch(w) and zipf_frequency(w, lang) >= MIN_ZIPF
        }
    )
    return sorted(hunspell_accepted(DICTS[lang], frequent))


def hunspell_accepted(dictionary: str, words: list[str]) -> set[str]:
    """The words of `words` that hunspell's `dictionary` accepts as written
    (tools/build_lists.py asks it too)."""
    out = subprocess.run(
        ["hunspell", "-d", dictionary, "-i", "utf-8", "-G"],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    return set(out.split("\n")) & set(words)


def build() -> int:
    rows = sorted((w, lang) for lang in DICTS for w in words_of(lang))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("word\tlang\n")
        for w, lang in rows:
            f.write(f"{w}\t{lang}\n")
    return len(rows)


def main() -> int:
    n = build()
    print(f"{OUT.name:32} {n:7} rows  {OUT.stat().st_size / 1024:8.1f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
