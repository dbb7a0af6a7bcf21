"""Generated Arabic letters with gold, rendered as scans: the OCR and Arabic parser benchmark.

Fictional, mundane letters (data/arabic_letters.yaml) written from a seed, each with its
gold annotation in the project's gold format (contracts/gold.md); rendered with real Arabic
fonts (Debian's Amiri, Noto Naskh Arabic, Noto Sans Arabic: scripts/setup-ocr.sh; the Kacst
fonts lack Latin digits, colon and slash, which letters use) and shaped by
Pillow's libraqm layout, then degraded as phone photos and photocopies are.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sijill.calendar import hijri_to_gregorian
from sijill.data import TEXT, WORDS, bundled, listof, load, record

FONTS = {
    "amiri": "/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf",
    "noto-naskh": "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    "noto-sans": "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
}
# What a font can draw between the parts of a number or date: Noto Naskh Arabic has no "/" or
# "-", Noto Sans Arabic no "/" (Pillow has no font fallback), so letters in them use another.
_SEPARATOR = {"amiri": "/", "noto-naskh": ".", "noto-sans": "-"}
LEVELS = ("clean", "mild", "moderate", "heavy")
_HIJRI_MONTHS = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
                 "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]
_DIGITS = {"arabic-indic": "٠١٢٣٤٥٦٧٨٩", "eastern": "۰۱۲۳۴۵۶۷۸۹", "western": "0123456789"}
_REF_LETTERS = ["ت", "م", "د", "ص", "ز", "خ"]


@dataclass
class Letter:
    name: str
    text: str
    gold: dict[str, Any]
    font: str


SHAPE = record(groups=WORDS, provinces=WORDS, diwans=WORDS, offices=WORDS, given=WORDS,
               nisbas=WORDS, titles=WORDS, subjects=listof(record(subject=TEXT, body=WORDS)),
               places=WORDS)


@cache
def _parts() -> dict[str, Any]:
    return load(bundled("sijill.synth", "arabic_letters.yaml"), SHAPE)  # type: ignore[no-any-return]


def _digits(number: int | str, style: str) -> str:
    return str(number).translate(str.maketrans("0123456789", _DIGITS[style]))


def letter(seed: int) -> Letter:
    """One fictional letter and its gold, the same for the same seed."""
    rnd = random.Random(seed)
    p = _parts()
    font = rnd.choice(sorted(FONTS))
    sep = _SEPARATOR[font]
    style = rnd.choices(list(_DIGITS), weights=[6, 2, 2])[0]
    levels = [rnd.choice(p["groups"]), rnd.choice(p["provinces"])]
    levels += [x for x in (rnd.choice(p["diwans"]), rnd.choice(p["offices"])) if rnd.random() < 0.7]
    year, month, day = rnd.randint(1438, 1445), rnd.randint(1, 12), rnd.randint(1, 28)
    greg = hijri_to_gregorian(year, month, day)
    reference = _digits(f"{rnd.randint(1, 999)}{sep}{rnd.choice(_REF_LETTERS)}{sep}{year}", style)
    if rnd.random() < 0.6:
        hijri = f"{_digits(day, style)} {_HIJRI_MONTHS[month - 1]} {_digits(year, style)} هـ"
    else:
        hijri = _digits(f"{day}{sep}{month}{sep}{year}", style) + " هـ"
    topic = rnd.choice(p["subjects"])
    place = rnd.choice(p["places"])
    sender = rnd.choice(["أبو ", ""]) + f"{rnd.choice(p['given'])} {rnd.choice(p['nisbas'])}"
    to_person = rnd.random() < 0.6
    addressee = (f"أبو {rnd.choice(p['given'])} {rnd.choice(p['nisbas'])}" if to_person
                 else rnd.choice(p["offices"]))
    cc = rnd.sample(p["diwans"], rnd.randint(0, 2))
    archive = rnd.random() < 0.5
    lines = ["بسم الله الرحمن الرحيم", *levels,
             f"{rnd.choice(['العدد', 'الرقم'])}: {reference}", f"التاريخ: {hijri}"]
    dates = [{"calendar": "hijri", "year": year, "month": month, "day": day}]
    if rnd.random() < 0.7:
        stated = _digits(f"{greg.day}{sep}{greg.month}{sep}{greg.year}", style)
        lines.append(f"الموافق: {stated} م")
        dates.append({"calendar": "gregorian", "year": greg.year, "month": greg.month,
                      "day": greg.day})
    lines += [f"الموضوع: {topic['subject']}",
              f"إلى: الأخ {addressee} المحترم" if to_person else f"إلى: {addressee}",
              "السلام عليكم ورحمة الله وبركاته"]
    lines += [s.format(n=_digits(rnd.randint(3, 400), style), place=place) for s in topic["body"]]
    lines.append("والسلام عليكم ورحمة الله وبركاته")
    if rnd.random() < 0.5:
        lines += [rnd.choice(p["titles"]), sender]
    else:
        lines.append(f"التوقيع: {sender}")
    lines.append("الختم")
    if cc:
        lines.append("نسخة إلى: " + "، ".join(cc))
    if archive:
        lines.append("للحفظ")
    gold = {
        "file": f"letter-{seed:03d}.txt", "part": 0, "issuer": levels,
        "reference_number": reference, "dates": dates, "date": greg.isoformat(),
        "subject": topic["subject"], "sender": sender, "addressees": [addressee],
        "cc": cc + (["للحفظ"] if archive else []),
    }
    return Letter(f"letter-{seed:03d}", "\n".join(lines) + "\n", gold, font)


def corpus(count: int, first_seed: int = 1) -> list[Letter]:
    return [letter(seed) for seed in range(first_seed, first_seed + count)]


# ------------------------------------------------------------------ rendering

PAGE = (1654, 2339)  # A4 at 200 dpi
_MARGIN = 130
_SIZE = 46  # px at 200 dpi: about 16 pt, as Arabic letters are typed


def render(text: str, font: str = "amiri", size: int = _SIZE) -> Any:
    """The letter as a white page, right-aligned lines shaped by libraqm (the basmala
    centred), wrapped to the page width."""
    from PIL import Image, ImageDraw, ImageFont

    face = ImageFont.truetype(FONTS[font], size, layout_engine=ImageFont.Layout.RAQM)
    page = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    width = PAGE[0] - 2 * _MARGIN
    y = _MARGIN
    for n, line in enumerate(text.splitlines()):
        for piece in _wrap(line, face, width):
            length = face.getlength(piece, direction="rtl", language="ar")
            x = (PAGE[0] + length) / 2 if n == 0 else PAGE[0] - _MARGIN
            draw.text((x, y), piece, font=face, fill=0, anchor="ra", direction="rtl",
                      language="ar")
            y += int(size * 1.9)
    page.info["text_bottom"] = y
    return page


def _wrap(line: str, face: Any, width: int) -> list[str]:
    out: list[str] = []
    for word in line.split(" "):
        trial = f"{out[-1]} {word}" if out else word
        if out and face.getlength(trial, direction="rtl", language="ar") <= width:
            out[-1] = trial
        else:
            out.append(word)
    return out or [""]


# degradation parameters per level: skew (degrees), blur radius, noise sigma, JPEG quality,
# marks (a stamp over the closing block; handwriting-like strokes over the text). Mild is a
# good photocopy or a careful phone photo; a stamp over the text starts at moderate.
DEGRADE: dict[str, dict[str, Any]] = {
    "clean": {"skew": 0.0, "blur": 0.0, "noise": 0, "jpeg": None, "stamp": False, "strokes": 0},
    "mild": {"skew": 1.0, "blur": 0.6, "noise": 12, "jpeg": 75, "stamp": False, "strokes": 0},
    "moderate": {"skew": 2.5, "blur": 1.0, "noise": 25, "jpeg": 50, "stamp": True, "strokes": 2},
    "heavy": {"skew": 4.0, "blur": 1.5, "noise": 40, "jpeg": 30, "stamp": True, "strokes": 5},
}


def degrade(page: Any, level: str, seed: int = 0) -> Any:
    """A photocopy or phone photo of the page: skewed, blurred, noisy, JPEG'd, marked."""
    from PIL import Image, ImageDraw, ImageFilter

    spec = DEGRADE[level]
    rnd = random.Random(seed)
    img = page.copy()
    draw = ImageDraw.Draw(img)
    w, h = img.size
    if spec["stamp"]:  # a round stamp in grey ink over the closing block
        bottom = page.info.get("text_bottom", h // 2)
        cx, cy, r = rnd.randint(w // 2, w - 2 * _MARGIN), bottom - rnd.randint(150, 300), 140
        for k in range(3):
            draw.ellipse((cx - r + k * 18, cy - r + k * 18, cx + r - k * 18, cy + r - k * 18),
                         outline=110, width=5)
    for _ in range(spec["strokes"]):  # handwriting-like strokes across lines
        x, y = rnd.randint(_MARGIN, w - _MARGIN), rnd.randint(_MARGIN, h - _MARGIN)
        points = [(x + 40 * i, y + rnd.randint(-25, 25)) for i in range(8)]
        draw.line(points, fill=60, width=4, joint="curve")
    if spec["skew"]:
        angle = rnd.choice((-1, 1)) * spec["skew"]
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if spec["blur"]:
        img = img.filter(ImageFilter.GaussianBlur(spec["blur"]))
    if spec["noise"]:
        noise = Image.effect_noise(img.size, spec["noise"])
        img = Image.blend(img, noise, 0.25).point(lambda v: min(255, int(v * 1.25)))
    if spec["jpeg"]:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=spec["jpeg"])
        img = Image.open(io.BytesIO(buf.getvalue()))
    return img


def write(folder: Path, letters: list[Letter], level: str, fmt: str = "png") -> list[Path]:
    """Render and degrade each letter into `folder` as <name>.<fmt>; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, item in enumerate(letters):
        path = folder / f"{item.name}.{fmt}"
        degrade(render(item.text, item.font), level, seed=n).save(path)
        paths.append(path)
    return paths


# ------------------------------------------------------------------ scoring

FIELDS = ("reference", "hijri_date", "issuer", "subject", "sender", "addressees", "cc")
_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def same_value(found: str | None, gold: str | None) -> bool:
    """Equal once folded (alif forms, ta marbuta, harakat), digits in one script, and
    spacing and punctuation around them ignored: what a reader would call the same value."""
    from sijill.names import fold_arabic

    def key(text: str | None) -> str:
        text = fold_arabic(text or "").translate(_ASCII_DIGITS)
        return "".join(ch for ch in text if ch.isalnum())
    return key(found) == key(gold)


def score(doc: Any, gold: dict[str, Any]) -> dict[str, float]:
    """Each field of a parsed document against the letter's gold: 1.0 right, 0.0 wrong
    (issuer, addressees and cc: the share of gold items found, counted only when no extra
    item was found, so a list is right only when it is the gold list)."""
    hijri = next(d for d in gold["dates"] if d["calendar"] == "hijri")

    def items(found: list[Any], wanted: list[str]) -> float:
        if len(found) != len(wanted):
            return 0.0
        return sum(same_value(f.text, w) for f, w in zip(found, wanted, strict=True)) / max(
            len(wanted), 1) if wanted else 1.0
    return {
        "reference": float(same_value(doc.reference_number and doc.reference_number.text,
                                      gold["reference_number"])),
        "hijri_date": float(any(
            d.calendar == "hijri" and (d.year, d.month, d.day)
            == (hijri["year"], hijri["month"], hijri["day"]) for d in doc.dates)),
        "issuer": items(doc.issuer, gold["issuer"]),
        "subject": float(same_value(doc.subject and doc.subject.text, gold["subject"])),
        "sender": float(same_value(doc.sender and doc.sender.text, gold["sender"])),
        "addressees": items(doc.addressees, gold["addressees"]),
        "cc": items(doc.cc, gold["cc"]),
    }
