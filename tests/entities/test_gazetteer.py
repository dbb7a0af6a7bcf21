"""The gazetteer of place names (sijill.entities.gazetteer)."""

from __future__ import annotations

from sijill.entities import gazetteer


def test_gazetteer_covers_new_countries_and_drops_function_words() -> None:
    known = {p.name for p in gazetteer.place_names()}
    assert {"Benghazi", "Mukalla", "Mogadishu", "Timbuktu", "Herat"} <= known
    assert not {"Of", "The", "And", "Man"} & known
