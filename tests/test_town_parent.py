"""A town written right after its county hangs under that county (graph/linking.py)."""
from graph.pipeline import extract_text


def _parent_label(ex, label: str) -> str | None:
    town = next(e for e in ex.entities.values() if e.label == label)
    return ex.entities[town.parent].label if town.parent in ex.entities else None


def test_namesake_town_listed_under_another_city_is_the_countys():
    # the gazetteer lists a 沙溪镇 under 中山市; 太仓市沙溪镇 is Taicang's
    ex = extract_text("娄江智造产业园位于太仓市沙溪镇，去年开园。")
    assert _parent_label(ex, "沙溪镇") == "太仓市"
    assert not any(e.label == "中山市" for e in ex.entities.values())


def test_town_found_by_its_suffix_hangs_under_the_county_before_it():
    ex = extract_text("园区选址宁国市梅林镇，主攻汽车零部件。")
    assert _parent_label(ex, "梅林镇") == "宁国市"


def test_town_written_alone_has_no_parent():
    ex = extract_text("园区选址梅林镇，主攻汽车零部件。")
    assert _parent_label(ex, "梅林镇") is None
