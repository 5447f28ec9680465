"""``strategy-kb trace``: find a statement by id or inflected text, print its lineage tree."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.trace import find_statements
from site_server import goal_id

PIONEER = "Hyvinvointialue on edelläkävijä digitaalisten sovellusten ja teknologian hyödyntämisessä"


@pytest.fixture(scope="module")
def db(corpus_db):
    return corpus_db


def _trace(db, query):
    result = CliRunner().invoke(main, ["trace", query, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.output


def test_trace_by_id_shows_relation_score_language_page_and_evaluation(db):
    pioneer = goal_id(db, "luvn-strategia-2023-2025", PIONEER)
    out = _trace(db, pioneer)
    first = out.splitlines()[0]
    assert first.startswith(f"{pioneer}  [goal 4, fi, p. 15]")  # the strategy's goal 4, on its page 15
    assert "→ evaluated_in (" in out and "evaluation: achieved " in out and "score " in out
    assert "→ continues (0." in out and ", fi, p. " in out


def test_trace_finds_inflected_finnish_text(db):
    assert find_statements(db, "digitaalinen sovellus edelläkävijä")[0] in (
        goal_id(db, "luvn-strategia-2023-2025", PIONEER), goal_id(db, "luvn-strategia-2023-2025-arviointi", PIONEER))
    out = _trace(db, "teknologian hyödyntämisen edelläkävijä")
    assert "edelläkävijä" in out.lower() and "continues" in out


def test_trace_finds_inflected_swedish_text_and_goes_back_to_finnish(db):
    out = _trace(db, "ansvarsfulla")
    assert "Ansvarsfullt" in out
    assert "← continues (" in out and "vastuullisesti" in out.lower() and ", sv, p. " in out


def test_trace_of_unknown_text_fails_cleanly(db):
    result = CliRunner().invoke(main, ["trace", "zzzz qqqq", "--db", str(db)])
    assert result.exit_code == 1 and "no statement matches" in result.output


def test_trace_without_database(tmp_path):
    result = CliRunner().invoke(main, ["trace", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2


def test_trace_of_the_preparedness_goal_reaches_the_change_promise(db):
    """The 2023 goal shares no title word with the promise that carries it on; its context does."""
    out = _trace(db, "varautuu tarvittavin suunnitelmin")
    assert "Kriittiset palvelut toimiviksi kaikissa olosuhteissa" in out
    assert "Kritiska tjänster fungerar under alla förhållanden" in out
    assert "fate dropped" not in out
