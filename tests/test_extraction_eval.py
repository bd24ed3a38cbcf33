"""bench/extraction_eval.py and bench/attribution_eval.py on invented data (never corpus text)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import attribution_eval as ae  # noqa: E402
import extraction_eval as ee  # noqa: E402

TEXT = (
    "Minister speaks\n"
    "\n"
    "“We cancelled the parade,” Anna Petrova said. “It did not feel right.”\n"
    "\n"
    "Petrova  told reporters that the budget was   balanced.\n"
    "\n"
    "The envoy called the talks “very useful”, he said.\n"
)


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def ann_for(text: str) -> str:
    """A brat file for TEXT: E lines before the T lines they name, one Content2."""
    spans = [  # (id, label, covered text, a unique context that starts with it)
        ("T1", "Source", "Anna Petrova", "Anna Petrova"),
        ("T2", "Cue", "said", "said. “It"),
        ("T3", "Content", "“We cancelled the parade,”", "“We"),
        ("T4", "Content", "“It did not feel right.”", "“It"),
        ("T5", "Source", "Petrova", "Petrova  told"),
        ("T6", "Cue", "told", "told"),
        ("T7", "Content", "that the budget was   balanced", "that the budget"),
        ("T8", "Source", "he", "he said"),
        ("T9", "Cue", "said", "said.\n"),
        ("T10", "Content", "The envoy called the talks “very useful”", "The envoy"),
    ]
    lines = [
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3 Content2:T4",
        "E2\tAttribution:T6 Cue:T6 Content:T7 Source:T5",
        "E3\tAttribution:T9 Content:T10 Source:T8 Cue:T9",
    ]
    for tid, label, part, context in spans:
        start = text.index(context)
        assert text.count(context) == 1 and text[start : start + len(part)] == part
        lines.append(f"{tid}\t{label} {start} {start + len(part)}\t{part}")
    return "\n".join(lines) + "\n"


def test_read_ann_reads_events_before_their_spans_and_content2():
    gold = ae.read_ann(ann_for(TEXT), TEXT)
    assert len(gold) == 4
    assert [g.source_text for g in gold] == ["Anna Petrova", "Anna Petrova", "Petrova", "he"]
    assert gold[1].content == (span_of(TEXT, "“It did not feel right.”"),)


def test_map_spans_ignores_whitespace_the_pipeline_collapsed():
    found = ae.map_spans(TEXT, ["Petrova told reporters that the budget was balanced.", "absent"])
    assert found[0] == span_of(TEXT, "Petrova  told reporters that the budget was   balanced.")
    assert found[1] is None


def test_covers_needs_a_majority_either_way():
    content = ((10, 20),)
    assert ae.covers((0, 30), content)  # all of the content inside the claim
    assert ae.covers((12, 19), content)  # all of the claim inside the content
    assert not ae.covers((0, 14), content)  # 4 shared of a 14-char claim and a 10-char span


@pytest.mark.parametrize(
    ("speaker", "source", "same"),
    [
        ("Donald Trump", "Mr. Trump", True),
        ("Donald Trump", "donald  trump", True),
        ("José Núñez", "Nunez", True),
        ("John G. Roberts Jr.", "Chief Justice Roberts", True),
        ("Robby Mook", "Clinton’s campaign manager Robby Mook", True),
        ("Hillary Clinton", "Clinton’s campaign manager Robby Mook", False),
        ("Yahoo", "Google and Yahoo", True),
        ("Donald Trump", "Hillary Clinton", False),
        ("Lou Jiwei", "Mr. Lou", True),  # family name first
        ("Donald Trump", "Donald", True),
        ("Lou Jiwei", "Jacob Lew", False),
    ],
)
def test_same_speaker(speaker, source, same):
    assert ae.same_speaker(speaker, source) is same


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("he", "pronoun"),
        ("They", "pronoun"),
        ("the president", "description"),
        ("The President", "description"),
        ("Officials", "description"),
        ("Clinton’s spokesman", "description"),
        ("President Obama", "named"),
        ("The New York Post", "named"),
        ("many Democrats", "description"),
        ("A senior Obama administration official", "description"),
        ("The Trump campaign", "description"),
        ("Former Gov. Bill Richardson of New Mexico", "named"),
        ("Google and Yahoo", "named"),
    ],
)
def test_source_kind(source, kind):
    assert ae.source_kind(source) == kind


def test_categories_direct_partial_indirect_and_continuation():
    gold = ae.read_ann(ann_for(TEXT), TEXT)
    mask = ae.quote_mask(TEXT)
    assert [ae.category(TEXT, mask, g) for g in gold] == [
        "direct quote",
        "continuation",  # "said." ends the cue's sentence before it
        "indirect speech",
        "partial quote",
    ]


def test_quote_mask_runs_an_open_quotation_to_the_paragraph_end():
    text = "He said: “One. Two.\nNext"
    mask = ae.quote_mask(text)
    assert mask[text.index("“") : text.index("\n")] == b"\x01" * len("“One. Two.")
    assert not any(mask[text.index("Next") :])


def test_score_counts_precision_recall_and_strays():
    gold = ae.read_ann(ann_for(TEXT), TEXT)
    first = span_of(TEXT, "“We cancelled the parade,” Anna Petrova said.")
    claims = [
        ae.Claim(span_of(TEXT, "Minister speaks"), "Anna Petrova"),  # covers no content
        ae.Claim(first, "Anna Petrova"),
        ae.Claim(span_of(TEXT, "“It did not feel right.”"), None),
        ae.Claim(span_of(TEXT, "Petrova  told reporters that the budget was   balanced."), "Ivan"),
        ae.Claim(span_of(TEXT, "The envoy called the talks “very useful”, he said."), "Olga Sato"),
        ae.Claim(None, None),
    ]
    score = ae.AttributionScore()
    score.add_article(TEXT, gold, claims)
    result = score.as_dict()
    total = result["total"]
    assert (total["gold"], total["gold_attributed"], total["gold_correct"]) == (4, 3, 1)
    assert (total["claims_judged"], total["claims_correct"]) == (2, 1)
    assert total["precision"] == 0.5 and total["recall"] == 0.75
    assert result["by_category"]["continuation"]["gold_attributed"] == 0
    pairs = result["pronoun_or_description"]["pairs"]
    assert pairs == [{"source": "he", "pipeline_speaker": "Olga Sato", "count": 1}]
    assert result["attributed_claims_on_no_gold_content"] == 1
    assert result["claims_not_found_in_raw_text"] == 1


def test_f1_report_and_the_all_yes_floor():
    report = ee.f1_report([True, True, False, False], [True, False, True, False])
    assert (report["tp"], report["fp"], report["fn"]) == (1, 1, 1)
    assert report["precision"] == report["recall"] == report["f1"] == 0.5
    assert report["all_yes_f1"] == round(2 * 0.5 / 1.5, 4)  # precision 2/4, recall 1


def write_corpora(root: Path) -> None:
    dev = root / ee.POLNEAR_DEV
    (dev / "text").mkdir(parents=True)
    (dev / "attributions").mkdir()
    (dev / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (dev / "attributions" / "a_0001.ann").write_text(ann_for(TEXT), encoding="utf-8")
    (dev / "attributions" / "a_0002.ann").write_text("", encoding="utf-8")  # not the first
    rules = root / ee.GOLDEN_RULES
    rules.parent.mkdir(parents=True)
    cases = [
        {
            "id": 1,
            "rule": "two",
            "text": "The cat sat. The dog ran.",
            "expected": ["The cat sat.", "The dog ran."],
        },
        {
            "id": 2,
            "rule": "wrong on purpose",
            "text": "One. Two.",
            "expected": ["One. Two. Three."],
        },
    ]
    rules.write_text(json.dumps(cases), encoding="utf-8")
    tsv = "Sentence_id\tText\tclass_label\n"
    tsv += "1\tThe deficit rose by 40 percent in 2019 under Anna Petrova.\tYes\n"
    tsv += '2\t"Thank you, all."\tNo\n3\tWhat do you think?\tNo\n4\tWe did it.\tYes\n'
    for path in ee.CT24.values():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(tsv, encoding="utf-8")


def test_read_ct24_unwraps_csv_quoting(tmp_path):
    write_corpora(tmp_path)
    rows = ee.read_ct24(tmp_path / ee.CT24["train"])
    assert [label for _, label in rows] == [True, False, False, True]
    assert rows[1][0] == "Thank you, all."


def test_golden_rules_counts_exact_passes(tmp_path):
    write_corpora(tmp_path)
    result = ee.golden_rules(tmp_path / ee.GOLDEN_RULES)
    assert (result["cases"], result["passed"]) == (2, 1)
    assert result["failed"][0]["id"] == 2


def test_main_on_invented_corpora_prints_json(tmp_path, capsys):
    write_corpora(tmp_path)
    assert ee.main(["--corpora", str(tmp_path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["attribution"]["articles"] == 1
    assert result["attribution"]["total"]["gold"] == 4
    assert result["worthiness"]["dev-test"]["n"] == 4
    assert result["speed"]["sentences"] > 0
    assert result["boilerplate"]["articles"] == 1
    assert result["boilerplate"]["title_sources"] == {"first_line": 1}  # "Minister speaks"
    assert ee.main(["--corpora", str(tmp_path), "--only", "sentences"]) == 0
    assert "Golden Rules passed: 1 / 2" in capsys.readouterr().out


def test_main_says_where_it_looked_when_the_corpora_are_absent(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert ee.main(["--corpora", str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and len(err.strip().splitlines()) == 1


def test_anonymous_claims_count_as_attributed_and_speakerless_ones_are_judged() -> None:
    text = "Officials said the bridge would reopen. Maria Lund said taxes would fall."
    first = span_of(text, "Officials said the bridge would reopen.")
    second = span_of(text, "Maria Lund said taxes would fall.")
    gold = [
        ae.GoldContent(((first[0] + 15, first[1] - 1),), ((0, 9),), ((10, 14),), "Officials"),
        ae.GoldContent(
            ((second[0] + 16, second[1] - 1),), ((second[0], second[0] + 10),), None, "Maria Lund"
        ),
    ]
    score = ae.AttributionScore()
    score.add_article(
        text, gold, [ae.Claim(first, None, "anonymous"), ae.Claim(second, None, "indirect")]
    )
    total = score.as_dict()["total"]
    assert total["gold_attributed"] == 2  # both attributed, neither has a speaker
    assert (total["claims_judged"], total["claims_correct"]) == (1, 0)  # Lund's is wrong


def test_a_content_no_claim_belongs_to_is_counted_as_the_ceiling() -> None:
    text = "Maria Lund, who said taxes would fall, argued that the plan works."
    claim = span_of(text, text)
    inner = span_of(text, "taxes would fall")
    outer = span_of(text, "the plan works")
    gold = [
        ae.GoldContent((inner,), ((0, 10),), None, "Maria Lund"),
        ae.GoldContent(((inner[0], outer[1]),), ((0, 10),), None, "Maria Lund"),
    ]
    score = ae.AttributionScore()
    score.add_article(text, gold, [ae.Claim(claim, "Maria Lund", "indirect")])
    result = score.as_dict()
    assert result["no_claim_gold"] == 1  # the clause: the sentence's claim is the other's
    assert result["total"]["gold_attributed"] == 1


def test_map_spans_ignores_the_style_of_quotation_marks():
    # The body gives quotations in single marks double ones, character for character.
    raw = "Intro line.\n\n'We will win,' Kask said. ‘Fees fall,’ he added."
    found = ae.map_spans(raw, ["“We will win,” Kask said.", "“Fees fall,” he added."])
    assert [raw[a:b] for a, b in found] == ["'We will win,' Kask said.", "‘Fees fall,’ he added."]
