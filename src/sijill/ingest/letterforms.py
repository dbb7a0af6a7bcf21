"""OCR text of an Arabic page in Arabic letter forms.

Tesseract's Arabic-script model reads Arabic, Persian and Urdu, and writes the Persian form of
a letter that looks the same (ک for ك, ی for ي and ى, ھ or ہ for ه, گ for ك) and digits of
either script in one number. On a page that is not Persian each is put in its Arabic form,
one character for one, so every word's offsets and box stay exact.
"""

from __future__ import annotations

from sijill.ingest import digits

# Letters only Persian (and Urdu) write: a page that has them is not Arabic-language.
_PERSIAN_ONLY = frozenset("پچژگ")
# What Tesseract's Arabic-script model writes for an Arabic letter of the same shape: Persian
# kaf and heh (ک ھ), Urdu heh goal (ہ); gaf (گ) for a kaf whose top stroke a blur doubled;
# Persian ye is alif maqsura at the end of a word, ye elsewhere.
_ARABIC_FORMS = str.maketrans("کھہگ", "كههك")


def persian(words: list[str]) -> bool:
    """Whether a page's words are Persian (or Urdu): three letters only they write, or more."""
    letters = [c for word in words for c in word if c.isalpha()]
    count = sum(c in _PERSIAN_ONLY for c in letters)
    return count >= 3 and count > 0.01 * len(letters)  # not one misread letter


def arabic_forms(word: str, persian: bool = False) -> str:
    """The word with Arabic letters for Persian look-alikes and its digits in one script;
    one character for one, so offsets and boxes stay exact."""
    word = digits.one_script(list(word), word) if any(c in digits.DIGITS for c in word) else word
    word = "".join(word)
    if persian:
        return word
    word = word.translate(_ARABIC_FORMS)
    return "".join(("ى" if i + 1 == len(word) or not word[i + 1].isalpha() else "ي")
                   if c == "ی" else c for i, c in enumerate(word))
