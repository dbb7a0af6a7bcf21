"""Which two files are named as an original and its translation (data/pairs.yaml), and which
documents of one page pair up."""

from __future__ import annotations

from sijill.ingest.pairs import file_pairs, named, page_pairs


def test_the_naming_conventions_pair_files_of_one_stem_in_one_folder() -> None:
    keys = ["a/letter.ar.txt", "a/letter.en.txt",            # both marked
            "a/notice-original.pdf", "a/notice.txt",          # original marked, bare text
            "b/Receipt 4 (Arabic).png", "b/Receipt 4.txt",     # "(Arabic)", case and spaces
            "b/ledger.png", "b/ledger.html",                   # a bare scan and a bare text
            "c/memo_AR.txt", "c/memo_EN.txt", "c/memo.txt",    # marked wins over bare
            "d/alone.ar.txt", "e/alone.en.txt",                # other folders: no pair
            "f/report.txt", "f/report.html"]                   # no original, no scan: none
    assert file_pairs(keys) == [
        ("a/letter.ar.txt", "a/letter.en.txt", "NAME.ar + NAME.en"),
        ("a/notice-original.pdf", "a/notice.txt", "NAME-original + NAME"),
        ("b/Receipt 4 (Arabic).png", "b/Receipt 4.txt", "NAME (arabic) + NAME"),
        ("b/ledger.png", "b/ledger.html", "a scan + NAME"),
        ("c/memo_AR.txt", "c/memo_EN.txt", "NAME_ar + NAME_en"),
    ]


def test_a_url_or_a_bare_hash_is_no_file_name_and_an_ending_alone_is_no_stem() -> None:
    assert named("https://example.org/letter.ar.txt") is None
    assert named("ab" * 32) is None
    only = named("x/.ar.txt")
    assert only is not None and only.role == "bare"
    assert file_pairs(["x/-original.txt", "x/.txt"]) == []


def test_one_pages_documents_pair_with_their_neighbour_in_the_other_script() -> None:
    assert page_pairs([True, False]) == [(0, 1)]
    assert page_pairs([False, True]) == [(1, 0)]
    assert page_pairs([True, False, True, False]) == [(0, 1), (2, 3)]
    assert page_pairs([False, False, True]) == [(2, 1)]
    assert page_pairs([True, True]) == [] and page_pairs([False]) == []
