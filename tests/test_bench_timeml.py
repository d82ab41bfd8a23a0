"""The TimeML benchmark reads annotations at the right offsets and scores spans, values and the timeline."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from bot.bench.timeml import Timex, read_timeml, score_document, score_timelines, split_dev_held_out
from bot.bench.timeml_losses import CLEANED_AWAY, MERGED, NO_ENTRY, NOT_READ, READ_OTHER_VALUE
from bot.cli import main

_HEAD = '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>{name}</DOCID>\n<DCT><TIMEX3 tid="t0" type="TIME" value="{dct}T14:26:00" functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n<TEXT>\n'  # noqa: E501
_TAIL = "\n</TEXT>\n</TimeML>\n"

REPUBLIC = (
    'CANBERRA, Australia (AP) _ A constitutional convention <EVENT eid="e1" class="OCCURRENCE">voted</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="1998-02-13">Friday</TIMEX3> to make Australia a republic, turning its back on '
    '<TIMEX3 tid="t2" type="DURATION" value="P210Y">210 years</TIMEX3> of loyalty to the British royal family.\n\n'
    "Prime Minister John Howard promised to put the question to a national referendum "
    '<TIMEX3 tid="t3" type="DATE" value="1999">next year</TIMEX3>.'
)
APPOINTMENT = (
    "The board of the bank named a new chief executive officer at its meeting, the company said. "
    'The appointment takes effect <TIMEX3 tid="t1" type="DATE" value="1989-11-13">Nov. 13</TIMEX3>.\n\n'
    "Profit at the bank rose sharply in "
    '<TIMEX3 tid="t2" type="DATE" value="1989-09">September</TIMEX3>, the company said.'
)
# An earnings report and a strike: one date the bot cannot read, one it reads as a quarter where the people
# gave the year, one in a photo caption, and a week retold as the day it holds.
STRIKE = (
    "Acme Corp. said its net income for the "
    '<TIMEX3 tid="t1" type="DATE" value="1989-Q3">third quarter</TIMEX3> rose 12% to $40 million, '
    'from $35.7 million <TIMEX3 tid="t2" type="DATE" value="1988">a year earlier</TIMEX3>.\n\n'
    "The company said sales had fallen on "
    '<TIMEX3 tid="t3" type="DATE" value="1989-10-27">the second day</TIMEX3> of a strike by its workers.\n\n'
    'Acme employees picket the plant in Ohio on <TIMEX3 tid="t4" type="DATE" value="1989-10-30">Monday</TIMEX3>. '
    "Photograph: John Smith/Reuters\n\n"
    'The workers walked out <TIMEX3 tid="t5" type="DATE" value="1989-W43">last week</TIMEX3> '
    "over a pay dispute with Acme, the union said.\n\n"
    "The union said the workers walked out over a pay dispute with Acme on "
    '<TIMEX3 tid="t6" type="DATE" value="1989-10-26">Thursday</TIMEX3>.'
)


@pytest.fixture
def timebank(tmp_path: Path) -> Path:
    """Two articles in the TimeML form TimeBank uses: a DCT, and TIMEX3/EVENT tags inside TEXT."""
    folder = tmp_path / "timebank"
    folder.mkdir()
    for name, dct, body in (("APW0001", "1998-02-13", REPUBLIC), ("WSJ0002", "1989-11-02", APPOINTMENT)):
        (folder / f"{name}.tml").write_text(_HEAD.format(name=name, dct=dct) + body + _TAIL, encoding="utf-8")
    return folder


def test_read_timeml_keeps_offsets_into_the_plain_text(timebank: Path) -> None:
    """Tags are dropped from the text and each TIMEX3 keeps its span, type and value; the DCT is the date."""
    doc = read_timeml(timebank / "APW0001.tml")
    assert doc.dct == date(1998, 2, 13)
    assert "<" not in doc.text
    assert [(doc.text[t.start : t.end], t.type, t.value) for t in doc.timexes] == [
        ("Friday", "DATE", "1998-02-13"),
        ("210 years", "DURATION", "P210Y"),
        ("next year", "DATE", "1999"),
    ]


def test_scores_count_strict_relaxed_and_value_matches(timebank: Path) -> None:
    """An exact span is a strict hit, an overlapping one only relaxed, and a value counts only when equal."""
    doc = read_timeml(timebank / "WSJ0002.tml")
    month_at = doc.text.index("in September")
    found = [
        Timex(doc.text.index("Nov. 13"), doc.text.index("Nov. 13") + 7, "DATE", "1988-11-13"),
        Timex(month_at, month_at + len("in September"), "DATE", "1989-09"),
    ]
    scores = score_document(doc, found)
    assert (scores.strict.hits, scores.relaxed.hits, scores.date_value.hits) == (1, 2, 1)
    assert (scores.relaxed.found, scores.relaxed.gold) == (2, 2)


def test_timeline_scores_compare_entry_dates_with_the_people(timebank: Path) -> None:
    """Each article loaded alone gives a timeline whose dates are compared with the annotated calendar dates."""
    docs = [read_timeml(p) for p in sorted(timebank.glob("*.tml"))]
    scores = score_timelines(docs)
    assert scores.gold_dates == 4
    assert 0 < scores.entries_with_gold_date <= scores.entries
    assert scores.gold_dates_on_timeline == 4 - len(scores.misses)


def test_each_missed_date_is_put_down_to_the_stage_that_lost_it(tmp_path: Path) -> None:
    """A date not read, one read with another value, one in a removed caption and one merged into a day."""
    path = tmp_path / "WSJ0003.tml"
    path.write_text(_HEAD.format(name="WSJ0003", dct="1989-11-01") + STRIKE + _TAIL, encoding="utf-8")
    scores = score_timelines([read_timeml(path)], causes=True)
    assert scores.causes == {
        NOT_READ: 1,
        READ_OTHER_VALUE: 1,
        CLEANED_AWAY: 1,
        NO_ENTRY: 0,
        MERGED: 1,
    }
    assert sorted(scores.misses) == ["WSJ0003: 1988", "WSJ0003: 1989-10-27", "WSJ0003: 1989-10-30", "WSJ0003: 1989-W43"]
    assert scores.misses_per_file == [4]


def test_split_keeps_every_third_file_aside(timebank: Path) -> None:
    """The held-out part is every third file by name; the rest is for development."""
    docs = [read_timeml(p) for p in sorted(timebank.glob("*.tml"))] * 3
    dev, held_out = split_dev_held_out(docs)
    assert (len(dev), len(held_out)) == (4, 2)


def test_bench_command_reports_timeml_beside_baselines(timebank: Path) -> None:
    """``bench --timeml`` reports the bot and its baselines on both parts, and the timeline figures."""
    out = io.StringIO()
    assert main(["bench", "--timeml", str(timebank), "--scale", "1"], stdout=out) == 0
    report = json.loads(out.getvalue())["timeml"]
    assert report["files"] == 2 and "untensed" in report["baselines"]
    extraction = report["all"]["extraction"]
    assert extraction["bot"]["relaxed"]["recall"] == pytest.approx(4 / 5)
    assert set(extraction) == {"bot", *report["baselines"]}
    assert set(report["all"]["timeline"]) >= {"calendar_dates_on_timeline", "entries_with_a_people_date"}
    # Causes of the misses are counted on the development part only.
    assert set(report["dev"]["timeline"]["missed_by_cause"]) == {
        NOT_READ,
        READ_OTHER_VALUE,
        CLEANED_AWAY,
        NO_ENTRY,
        MERGED,
    }
    assert "missed_by_cause" not in report["all"]["timeline"]


def test_bench_rejects_a_folder_without_timeml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder with no .tml files is one clear error line, exit code 2."""
    assert main(["bench", "--timeml", str(tmp_path), "--scale", "1"], stdout=io.StringIO()) == 2
    assert "no .tml files" in capsys.readouterr().err
