"""The query language and its one engine (sijill.query): parsing, errors, words, phrases,
Booleans, prefixes, fields, dates in both calendars, spelling variants, stemming, tags, the
time budget and the complexity limits. All sample text is fictional."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill.errors import QueryError, QueryTooSlow
from sijill.model import DateValue, DocDate, Document, Entity, Mention, SourceText, sha256_hex
from sijill.query import parse
from sijill.query.language import MAX_PREFIXES, MAX_TERMS, And, DateRange, Not, Or, Term
from sijill.store import Archive
from sijill.store.labels import labels, set_note, set_tag
from sijill.store.search import budget, matching_ids, search
from tests.conftest import REPO, span_of
from tests.store.conftest import LETTER, RECEIPT, STAGES, letter, put_letter, receipt, source_of

MEMO = """\
Southern Plains Relief Office

Memo 3/88
Date: 12 Shawwal 1436 AH

From: Hamed Talib
To: the storekeepers of Wadi Qasr

The monthly salary of each guard is raised. Deliver the flour to the bakery and keep
the sugar in the dry store.
"""


def memo(source: SourceText) -> Document:
    t = source.text
    date = span_of(t, "12 Shawwal 1436 AH")
    person = span_of(t, "Hamed Talib")
    return Document(
        source=source.source(0), text=t, title="Guards and stores",
        issuer=[span_of(t, "Southern Plains Relief Office")], reference_number=span_of(t, "3/88"),
        dates=[DateValue(date.text, date.start, date.end, calendar="hijri", year=1436,
                         month=10, day=12, iso="2015-07-28")],
        date=DocDate("2015-07-28", "day", "hijri"),
        sender=person, addressees=[span_of(t, "the storekeepers of Wadi Qasr")],
        mentions=[Mention(person.text, person.start, person.end, type="person", entity="p9")],
        entities=[Entity("p9", "person", "Hamed Talib")])


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "q.db") as opened:
        put_letter(opened)
        rec = source_of(RECEIPT, "receipts/lw-77.txt")
        opened.put_source(rec, [receipt(rec)], STAGES)
        src = SourceText(sha256_hex(MEMO.encode()), MEMO, path="memos/3-88.txt")
        opened.put_source(src, [memo(src)], STAGES)
        yield opened


IDS = {"letter": letter(source_of(LETTER)).id,
       "receipt": receipt(source_of(RECEIPT, "receipts/lw-77.txt")).id}


def found(archive: Archive, query: str) -> set[str]:
    """Which of the three documents match, by name."""
    memo_id = next(d.id for d in archive.documents() if d.title == "Guards and stores")
    names = {**{v: k for k, v in IDS.items()}, memo_id: "memo"}
    return {names[h.id] for h in search(archive.connection, query, limit=50).hits}


# -- the language -----------------------------------------------------------------------------


def test_parse_precedence_and_forms() -> None:
    w = lambda text, kind="word", field=None: Term(text, kind, field)  # noqa: E731
    assert parse("a b OR c") == Or((And((w("a"), w("b"))), w("c")))
    assert parse("a (b OR c)") == And((w("a"), Or((w("b"), w("c")))))
    assert parse("NOT a -b") == And((Not(w("a")), Not(w("b"))))
    assert parse('from:"Abu Yahya" sala*') == And((w("Abu Yahya", "phrase", "from"),
                                                  w("sala", "prefix")))
    assert parse("date:2015-03..2015-06") == DateRange("gregorian", (2015, 3), (2015, 6))
    assert parse("hijri:1443-01") == DateRange("hijri", (1443, 1), (1443, 1))
    assert parse("date:..2016") == DateRange("gregorian", None, (2016,))
    assert parse("and or not") == And((w("and"), w("or"), w("not")))  # lower case: words
    assert parse("al-Qadiri") == w("al-Qadiri")  # a hyphen inside a word is no NOT
    assert parse("   ") is None


@pytest.mark.parametrize(("query", "message"), [
    ('"flour', "never closed"),
    ("(flour OR sugar", "never closed: add a )"),
    ("flour)", "has no opening one"),
    ("flour AND", "AND needs something to search for after it"),
    ("OR flour", "OR at character 1 needs a word before it"),
    ("NOT", "NOT needs something"),
    ("()", "empty parentheses"),
    ("title:chalk", "there is no field 'title'"),
    ("issuer:(a OR b)", "(issuer:one OR issuer:other)"),
    ("a*", "a prefix needs at least 3 letters"),
    ("date:2015-13", "there is no month 13"),
    ("date:March", "is not a date"),
    ("date:2016..2015", "ends before it starts"),
    ("hijri:..", "needs a date"),
    ("x" * 501, "at most 500 characters"),
    (" ".join(["flour"] * (MAX_TERMS + 1)), f"at most {MAX_TERMS} terms"),
    (" ".join(f"abc{i}*" for i in range(MAX_PREFIXES + 1)), f"at most {MAX_PREFIXES} prefix"),
    ("(" * 13 + "a" + ")" * 13, "nest more than"),
])
def test_mistakes_are_query_errors_that_say_what_to_do(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        parse(query)


# -- words, phrases, Booleans -----------------------------------------------------------------


def test_words_phrases_and_prefixes(archive: Archive) -> None:
    assert found(archive, "chalk") == {"letter"}
    assert found(archive, "village schools") == {"letter"}
    assert found(archive, '"water tanks"') == {"receipt"}
    assert found(archive, '"tanks water"') == set()  # a phrase keeps its order
    assert found(archive, "chalk pump") == set()  # every word must match
    assert found(archive, "Abu Sami") == {"letter"}  # entity aliases are indexed
    assert found(archive, "Marwānī") == {"letter"}  # diacritics folded
    assert found(archive, "recei*") == {"letter", "receipt"}


def test_booleans(archive: Archive) -> None:
    assert found(archive, "flour OR chalk") == {"memo", "letter"}
    assert found(archive, "flour OR sugar") == {"memo"}
    assert found(archive, "office OR received") == {"letter", "receipt", "memo"}
    assert found(archive, "office NOT chalk") == {"memo"}
    assert found(archive, "office -chalk") == {"memo"}
    assert found(archive, "(chalk OR pump) AND NOT tanks") == {"letter"}
    assert found(archive, "NOT chalk") == {"receipt", "memo"}  # NOT alone: all but those


def test_stemming_on_body_text(archive: Archive) -> None:
    assert found(archive, "salaries") == {"memo"}  # the memo says "salary"
    assert found(archive, "delivered") == {"memo"}  # ... and "Deliver"
    assert found(archive, '"salaries"') == set()  # quotes: this spelling only
    # a common noun in an organisation's name is still stemmed ("Relief Office")
    assert found(archive, "offices") == {"letter", "memo"}


def test_name_words_widen_to_their_spellings(archive: Archive) -> None:
    # "Taleb" is the letter's spelling, "Talib" the memo's: either finds both
    assert found(archive, "Taleb") == {"letter", "memo"}
    assert found(archive, "Hamid Taleb") == {"letter", "memo"}
    results = search(archive.connection, "Taleb")
    assert results.variants == {"Taleb": ["talib"]}
    assert found(archive, '"Hamid Taleb"') == {"letter"}  # quoted: one spelling


def test_snippets_mark_matches_and_paging(archive: Archive) -> None:
    hit = search(archive.connection, "chalk").hits[0]
    assert "<mark>chalk</mark>" in hit.marked("<mark>", "</mark>")
    hit = search(archive.connection, "salaries").hits[0]
    assert "\x02salary\x03" in hit.snippet  # the stemmed match is marked too
    everything = search(archive.connection, "the")
    page = search(archive.connection, "the", limit=1, offset=1)
    assert page.total == everything.total == 3 and len(page.hits) == 1
    assert page.hits[0].id == everything.hits[1].id


def test_title_and_subject_rank_above_body(tmp_path: Path) -> None:
    in_title = "Chalk deliveries\n\nThe office received pens."
    in_body = "Pens\n\nThe office received chalk for the school, chalk again, and pens."
    ids = []
    with Archive(tmp_path / "r.db") as archive:
        for i, text in enumerate((in_body, in_title)):
            src = SourceText(sha256_hex(text.encode()), text, path=f"memo{i}.txt")
            doc = Document(source=src.source(0), text=text, title=text.split("\n")[0])
            archive.put_source(src, [doc], STAGES)
            ids.append(doc.id)
        hits = search(archive.connection, "chalk").hits
    assert [h.id for h in hits] == [ids[1], ids[0]]
    assert hits[0].score > hits[1].score


# -- fields, dates, tags ----------------------------------------------------------------------


def test_fields(archive: Archive) -> None:
    assert found(archive, "issuer:Kirem") == {"letter"}  # any level of the issuer chain
    assert found(archive, 'issuer:"Relief Office"') == {"memo"}
    assert found(archive, "from:Haddad") == {"receipt"}
    assert found(archive, "from:Taleb") == {"memo"}  # Talib, in another spelling
    assert found(archive, "to:storekeepers") == {"memo"}
    assert found(archive, "cc:archive") == {"letter"}
    assert found(archive, "ref:NV/ED/0412") == {"letter"}
    assert found(archive, "ref:nved*") == {"letter"}
    assert found(archive, "ref:3/88") == {"memo"}
    assert found(archive, "person:Hamid") == {"letter", "memo"}  # Hamid and Hamed
    assert found(archive, 'person:"Hamed Talib"') == {"memo"}
    assert found(archive, "org:Hamid") == set()
    assert found(archive, "from:Haddad OR cc:archive") == {"receipt", "letter"}


def test_dates_in_both_calendars(archive: Archive) -> None:
    assert found(archive, "date:2020") == {"letter"}
    assert found(archive, "date:2020-02") == {"letter"}
    assert found(archive, "date:2020-02-27") == {"letter"}
    assert found(archive, "date:2015-03..2015-07") == {"memo"}
    assert found(archive, "date:2015-03..2015-06") == set()
    assert found(archive, "date:2016..") == {"letter"}
    assert found(archive, "date:..2016") == {"memo"}
    assert found(archive, "hijri:1441") == {"letter"}
    assert found(archive, "hijri:1441-07") == {"letter"}  # 3 Rajab 1441
    assert found(archive, "hijri:1441-08") == set()
    assert found(archive, "hijri:1436-10-12") == {"memo"}
    assert found(archive, "hijri:1430..1437") == {"memo"}
    assert found(archive, "flour hijri:1436") == {"memo"}


def test_tags_on_documents_and_entities_are_searchable(archive: Archive) -> None:
    set_tag(archive, "Payroll Check", on=True, author="rania", doc_id=IDS["letter"])
    assert labels(archive, doc_id=IDS["letter"]).tags == ["payroll-check"]
    assert found(archive, "tag:payroll-check") == {"letter"}
    assert found(archive, 'tag:"payroll check"') == {"letter"}
    set_tag(archive, "payroll-check", on=False, author="rania", doc_id=IDS["letter"])
    assert found(archive, "tag:payroll-check") == set()
    set_tag(archive, "guards", on=True, author="rania", entity_id="p9")
    assert found(archive, "tag:guards") == {"memo"}  # the memo names the tagged entity
    set_note(archive, "Check the pay scale.", author="rania", entity_id="p9")
    assert labels(archive, entity_id="p9").note == "Check the pay scale."


def test_matching_ids_for_exports(archive: Archive) -> None:
    memo_id = next(d.id for d in archive.documents() if d.title == "Guards and stores")
    # storage order (the letter was stored first), whatever the rank
    assert matching_ids(archive.connection, "flour OR chalk") == [IDS["letter"], memo_id]
    assert matching_ids(archive.connection, " ") == []


# -- limits ---------------------------------------------------------------------------------


def test_budget_stops_a_long_statement(archive: Archive) -> None:
    conn = archive.connection
    slow = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1e8)"
            " SELECT count(*) FROM n")
    with pytest.raises(QueryTooSlow, match="longer than"), budget(conn, 0.05):
        conn.execute(slow).fetchone()
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3  # still usable


def test_budget_applies_to_search(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0] + [1000.0] * 10_000)  # the clock jumps past the budget at once
    monkeypatch.setattr("sijill.store.search.engine.time.monotonic", lambda: next(clock))
    monkeypatch.setattr("sijill.store.search.engine.CHECK_EVERY", 1)  # a tiny archive: look often
    with pytest.raises(QueryTooSlow):
        search(archive.connection, "office OR received OR flour")


HOSTILE = ['"', '""', "*", "AND(", "NEAR/", "NEAR(a b)", "chalk AND", "OR", "-chalk",
           "title:chalk", "^chalk", "chalk\x00", "(((", "'", '"chalk', 'chalk"', "\ud800",
           "{title subject}: chalk", "chalk + pens", ":", "NOT", "…", "_", '"_"', "date:",
           "ref:--", "tag:!!", "from:—", "hijri:0001", "hijri:9999", "date:0000-01-01",
           "a:b:c", "from:", '"" OR ""', "NOT (NOT (x))", "x -", "--x", "é*"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_answer_or_explain(archive: Archive, query: str) -> None:
    try:
        result = search(archive.connection, query)
    except QueryError as exc:
        assert str(exc)
    else:
        assert result.total >= len(result.hits)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.characters(blacklist_categories=())) | st.lists(
    st.sampled_from(["flour", "Taleb", '"', "(", ")", "AND", "OR", "NOT", "-", "from:",
                     "date:2015", "hijri:1436", "sal*", "tag:x", " ", "ref:3", "*", ":"]),
).map("".join))
def test_any_query_answers_or_explains(archive: Archive, query: str) -> None:
    try:
        result = search(archive.connection, query)
    except QueryError as exc:
        assert str(exc) and exc.status == 400
    except sqlite3.Error as exc:  # pragma: no cover - what this test exists to catch
        pytest.fail(f"{query!r}: {exc}")
    else:
        assert result.total >= len(result.hits)


# -- the documentation's examples -------------------------------------------------------------

DOC = REPO / "docs" / "query-language.md"


def _examples(kind: str) -> list[str]:
    blocks = re.findall(rf"```{kind}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


@pytest.mark.parametrize("query", _examples("query"))
def test_documented_examples_run(archive: Archive, query: str) -> None:
    assert search(archive.connection, query).total >= 0


@pytest.mark.parametrize("query", _examples("error"))
def test_documented_mistakes_are_refused(archive: Archive, query: str) -> None:
    with pytest.raises(QueryError):
        search(archive.connection, query)


def test_the_documentation_has_examples() -> None:
    assert len(_examples("query")) >= 30 and len(_examples("error")) >= 8


def test_the_language_loads_no_sql_and_the_engine_nothing_of_the_stages_above() -> None:
    """sijill.query is the pure language; sijill.store.search, the engine, sits in the store
    and loads only the lowest layer besides the language and the store: no stage, no web
    app, no CLI."""
    code = ("import json, sys, importlib; importlib.import_module(sys.argv[1]); "
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('sijill.'))))")

    def loaded(module: str) -> list[str]:
        done = subprocess.run([sys.executable, "-c", code, module], capture_output=True,
                              text=True, check=True)
        return json.loads(done.stdout)

    assert loaded("sijill.query") == ["sijill.errors", "sijill.query", "sijill.query.language"]
    above = ("sijill.ingest", "sijill.parse", "sijill.entities", "sijill.relations",
             "sijill.web", "sijill.cli")
    assert [m for m in loaded("sijill.store.search") if m.startswith(above)] == []
