"""`python -m analysis tone FILE.jsonl`: output per input line, bad lines reported by number and skipped."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from analysis.__main__ import main
from analysis.tone.lines import tone_lines

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
POLARITIES = {"negative", "neutral", "positive"}

GOOD = {"sentence_normalized": "Trump attacked Clinton over the emails.",
        "targets": [{"from": 0, "to": 5, "polarity": 2.0}, {"from": 15, "to": 22, "polarity": 2.0}]}
NONE = {"sentence_normalized": "It rained all day.", "targets": []}


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=REPO, capture_output=True, text=True,
                          input=stdin, timeout=300)


def test_the_command_line_answers_each_line_with_its_targets_in_order(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (GOOD, NONE, GOOD)) + "\n", encoding="utf-8")
    result = run_cli("tone", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["line"] for a in answers] == [1, 2, 3]
    spans = [[(t["from"], t["to"]) for t in a["targets"]] for a in answers]
    assert spans == [[(0, 5), (15, 22)], [], [(0, 5), (15, 22)]]
    assert all(t["polarity"] in POLARITIES for a in answers for t in a["targets"])
    assert answers[0] == answers[2] | {"line": 1}  # the same sentence, the same answer


def test_standard_input_is_read_with_a_dash():
    result = run_cli("tone", "-", stdin=json.dumps(GOOD) + "\n")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)["targets"]) == 2


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{oops", "not JSON"),
        ('"a string"', "expected a JSON object, got str"),
        ('{"targets": []}', 'missing "sentence_normalized"'),
        ('{"sentence_normalized": "Hi."}', 'missing "targets"'),
        ('{"sentence_normalized": "Hi.", "targets": [{"from": 0, "to": 30}]}', "from 0 to 30 is not a span"),
        ('{"sentence_normalized": "Hi.", "targets": [{"from": "0", "to": 2}]}', '"from" must be an integer'),
    ],
)
def test_a_bad_line_is_reported_by_number_and_skipped(bad, message):
    out, err = io.StringIO(), io.StringIO()
    lines = [json.dumps(GOOD), "", bad, json.dumps(NONE)]
    assert tone_lines(lines, "in.jsonl", out, err) == 1
    assert [json.loads(line)["line"] for line in out.getvalue().splitlines()] == [1, 4]  # blank line 2 skipped
    (error,) = err.getvalue().splitlines()
    assert error.startswith("error: in.jsonl:3: ") and message in error


def test_an_empty_file_gives_nothing(tmp_path, capsys):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert main(["tone", str(path)]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read"), (b"\xff\xfe{", "is not UTF-8 text")],
)
def test_an_unreadable_file_is_one_error_line(tmp_path, capsys, content, message):
    path = tmp_path / "in.jsonl"
    if content is not None:
        path.write_bytes(content)
    assert main(["tone", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    (error,) = captured.err.splitlines()
    assert error.startswith("error: ") and message in error and str(path) in error


def test_a_missing_file_argument_is_one_line():
    result = run_cli("tone")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "file" in result.stderr


def test_extract_gives_target_tones_only_when_asked(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text('Olaf Scholz said that "Russia has brought nothing but misery to Ukraine."\n', encoding="utf-8")
    plain, toned = run_cli("extract", str(path)), run_cli("extract", "--target-tone", str(path))
    assert plain.returncode == toned.returncode == 0, plain.stderr + toned.stderr
    (quote,) = json.loads(plain.stdout)["quotes"]
    assert quote["target_tones"] == []
    (quote,) = json.loads(toned.stdout)["quotes"]
    assert [(kind, key) for kind, key, _p in quote["target_tones"]] == [("country", "RUS"), ("country", "UKR")]
    assert json.loads(toned.stdout)["version"].endswith("+tone")
