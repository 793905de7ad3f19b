"""The HTML view without a browser: self-contained, escaped, deterministic, options."""
from __future__ import annotations

import re

import pytest

from graph.errors import CoopgraphError
from graph.netx import load_networkx
from graph.rdf import to_dataset
from graph.store import save_dataset
from graph.viz import render_html, romanise
from sample import sample_extraction


@pytest.fixture(scope="module")
def G(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("g")
    save_dataset(to_dataset(sample_extraction()), tmp / "g.trig")
    return load_networkx(tmp / "g.trig")


def node_labels(page: str) -> set[str]:
    import json

    raw = json.loads(data_block(page))
    col = raw["nf"].index("zh")
    return {row[col] for row in raw["nodes"]}


def data_block(page: str) -> str:
    return re.search(r'<script id="cg-data" type="application/json">(.*?)</script>', page,
                     re.S).group(1)


def test_nothing_is_fetched_from_the_network(G) -> None:
    page = render_html(G)
    assert '<meta charset="utf-8">' in page.lower().replace("'", '"')
    assert not re.search(r'<(script|link|img)[^>]+(src|href)=["\']?(https?:)?//', page)


def test_article_strings_cannot_break_out_of_the_data(G) -> None:
    data = data_block(render_html(G))
    assert "<img" not in data and "</script" not in data
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in data


def test_same_graph_same_page(G) -> None:
    assert render_html(G) == render_html(G)
    assert render_html(G, layout="geo") == render_html(G, layout="geo")


def test_focus_keeps_the_neighbourhood(G) -> None:
    near = node_labels(render_html(G, focus="宁波大桥", depth=1))
    assert near == {"宁波大桥", "雨花区", "湘潭县"}


def test_city_level_folds_districts(G) -> None:
    labels = node_labels(render_html(G, level="city"))
    assert {"长沙市", "湘潭市"} <= labels
    assert not {"雨花区", "湘潭县"} & labels


def test_romanised_labels() -> None:
    assert romanise("金湾区") == "Jinwan Qu"
    assert romanise("金湾区", "en", place=True).startswith("Jinwan")


@pytest.mark.parametrize("kwargs, message", [
    ({"layout": "circle"}, "unknown layout 'circle'"),
    ({"focus": "不存在的地方"}, "focus '不存在的地方' not found"),
    ({"lang": "fr"}, "unknown lang 'fr'"),
])
def test_bad_options_are_one_line_errors(G, kwargs, message) -> None:
    with pytest.raises(CoopgraphError) as err:
        render_html(G, **kwargs)
    assert str(err.value).startswith(message) and "\n" not in str(err.value)
