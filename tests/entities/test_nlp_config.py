"""The spaCy components take their data through `default_config` (sijill.entities.nlp)."""

from __future__ import annotations

from pathlib import Path

import spacy

from sijill.entities import nlp

AUTHORITY = """entities:
  - {id: green-valley-council, type: organization, name: Green Valley Council}
"""


def _pipe(**config: object) -> spacy.language.Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sijill_norm")
    pipeline.add_pipe("sijill_phrases", config=config)
    return pipeline


def _labels(pipeline: spacy.language.Language, text: str) -> set[str]:
    doc = pipeline(text)
    return {span.label_ for span in doc.spans["sj_phrases"]}


def test_sijill_phrases_reads_the_authority_files_its_config_names(tmp_path: Path) -> None:
    path = tmp_path / "authority.yaml"
    path.write_text(AUTHORITY, encoding="utf-8")
    text = "The Green Valley Council wrote to Hayat Tahrir al-Sham."
    own = _labels(_pipe(authority_files=[str(path)], shipped_authority=False), text)
    assert own == {"organization|auth:green-valley-council"}
    both = _labels(_pipe(authority_files=[str(path)]), text)
    assert both == {"organization|auth:green-valley-council", "organization|auth:hts"}


def test_the_components_declare_their_defaults() -> None:
    built = nlp.build()
    assert built.get_pipe_config("sijill_phrases")["shipped_authority"] is True
    assert built.get_pipe_config("sijill_alias_cues")["aliases_file"] is None


def test_sijill_alias_cues_reads_the_file_its_config_names(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("forward: [[better, known, as]]\nbackward: []\nskip: []\nnot_for: {}\n",
                    encoding="utf-8")
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sijill_alias_cues", config={"aliases_file": str(path)})
    doc = pipeline("Karim, better known as the baker, signed.")
    assert doc._.sj_alias_cues == [(2, 5, "forward")]
