"""Outcome scoring against worked examples, bands, missing sections and important change."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain.outcomes import (
    Instrument,
    NprsAnswers,
    OutcomeScore,
    PsfsAnswers,
    PsfsRating,
    SectionAnswers,
    Verdict,
    compare,
    important_change,
    psfs_activity_changes,
    score,
)
from coach.domain.profile import ValidationError

DAY = date(2026, 3, 1)


def odi(*sections: int | None) -> SectionAnswers:
    return SectionAnswers(Instrument.ODI, tuple(sections))


def ndi(*sections: int | None) -> SectionAnswers:
    return SectionAnswers(Instrument.NDI, tuple(sections))


def psfs(*ratings: int) -> PsfsAnswers:
    names = ["Walking", "Sitting", "Lifting", "Gardening", "Driving"]
    return PsfsAnswers(tuple(PsfsRating(names[i], r) for i, r in enumerate(ratings)))


def test_odi_16_points_over_9_answered_sections_is_35_6_percent() -> None:
    result = score(odi(2, 2, 1, 2, 2, 2, 2, 1, 2, None))
    assert result.score == pytest.approx(35.555, abs=0.001)
    assert result.text == "35.6 %"
    assert result.band == "Moderate disability"
    assert "1 section was not answered" in result.remark
    assert "16 of 45" in result.remark


def test_odi_all_sections_answered_has_no_remark() -> None:
    result = score(odi(1, 1, 1, 1, 1, 1, 1, 1, 1, 1))
    assert result.score == 20.0
    assert result.band == "Minimal disability"
    assert result.remark == ""


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "Minimal disability"),
        (10, "Minimal disability"),
        (11, "Moderate disability"),
        (20, "Moderate disability"),
        (21, "Severe disability"),
        (30, "Severe disability"),
        (31, "Crippling disability"),
        (40, "Crippling disability"),
        (41, "Bed-bound"),
        (50, "Bed-bound"),
    ],
)
def test_odi_bands_at_their_edges(total: int, band: str) -> None:
    sections = [5] * (total // 5) + ([total % 5] if total % 5 else [])
    sections += [0] * (10 - len(sections))
    assert score(odi(*sections)).band == band


def test_odi_band_reads_the_rounded_percentage() -> None:
    # 18 of 45 = 40.0 %, 19 of 45 = 42.2 %; 9 of 45 = 20.0 %; 10 of 45 = 22.2 %.
    assert score(odi(5, 5, 5, 3, 0, 0, 0, 0, 0, None)).band == "Moderate disability"
    assert score(odi(5, 5, 5, 4, 0, 0, 0, 0, 0, None)).band == "Severe disability"


def test_ndi_total_percentage_and_band() -> None:
    result = score(ndi(2, 1, 2, 1, 3, 1, 2, 2, 1, 1))
    assert result.score == 16
    assert result.text == "16 of 50 (32 %)"
    assert result.band == "Moderate disability"
    assert result.remark == ""


def test_ndi_with_driving_not_applicable_is_scaled_and_says_so() -> None:
    result = score(ndi(2, 1, 2, 1, 3, 1, 2, None, 1, 1))
    # 14 points over 9 sections, scaled to 10: 15.6.
    assert result.score == pytest.approx(15.556, abs=0.001)
    assert result.text == "15.6 of 50 (31 %)"
    assert result.band == "Moderate disability"
    assert "scaled up" in result.remark and "14" in result.remark


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (4, "No disability"),
        (5, "Mild disability"),
        (14, "Mild disability"),
        (15, "Moderate disability"),
        (24, "Moderate disability"),
        (25, "Severe disability"),
        (34, "Severe disability"),
        (35, "Complete disability"),
        (50, "Complete disability"),
    ],
)
def test_ndi_bands(total: int, band: str) -> None:
    sections = [5] * (total // 5) + ([total % 5] if total % 5 else [])
    sections += [0] * (10 - len(sections))
    assert score(ndi(*sections)).band == band


def test_psfs_mean() -> None:
    result = score(psfs(3, 4, 8))
    assert result.score == pytest.approx(5.0)
    assert result.text == "5.0 of 10 (mean of 3 activities)"
    assert score(psfs(2, 3, 3, 5)).score == pytest.approx(3.25)


@pytest.mark.parametrize("count", [0, 1, 2, 6])
def test_psfs_refuses_fewer_than_three_or_more_than_five(count: int) -> None:
    ratings = tuple(PsfsRating(f"Activity {i}", 5) for i in range(count))
    with pytest.raises(ValidationError) as caught:
        PsfsAnswers(ratings)
    assert caught.value.field == "psfs.activities"


def test_psfs_refuses_unnamed_repeated_or_out_of_range() -> None:
    with pytest.raises(ValidationError) as caught:
        PsfsAnswers((PsfsRating("Walk", 1), PsfsRating("  ", 2), PsfsRating("Sit", 3)))
    assert caught.value.field == "psfs.activity.1"
    with pytest.raises(ValidationError) as caught:
        PsfsAnswers((PsfsRating("Walk", 1), PsfsRating("walk ", 2), PsfsRating("Sit", 3)))
    assert caught.value.field == "psfs.activity.1"
    with pytest.raises(ValidationError) as caught:
        PsfsAnswers((PsfsRating("Walk", 1), PsfsRating("Run", 2), PsfsRating("Sit", 11)))
    assert caught.value.field == "psfs.rating.2"


@pytest.mark.parametrize("bad", [-1, 6, 10])
def test_sections_outside_0_to_5_are_refused_at_the_section(bad: int) -> None:
    with pytest.raises(ValidationError) as caught:
        odi(1, 1, 1, bad, 1, 1, 1, 1, 1, 1)
    assert caught.value.field == "odi.section.3"
    assert "Walking" in caught.value.message


def test_too_few_sections_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        ndi(1, 1, 1, 1, 1, 1, 1, None, None, None)
    assert caught.value.field == "ndi.sections"


def test_nprs_range() -> None:
    assert score(NprsAnswers(7)).score == 7
    for bad in (-1, 11):
        with pytest.raises(ValidationError):
            NprsAnswers(bad)


def test_nprs_important_change_depends_on_baseline() -> None:
    assert important_change(Instrument.NPRS, 3).high == 1
    assert important_change(Instrument.NPRS, 6).high == 2
    high_baseline = important_change(Instrument.NPRS, 9)
    assert (high_baseline.low, high_baseline.high) == (3, 4)


def test_a_one_point_threshold_is_one_point() -> None:
    change = compare(score(NprsAnswers(3)), DAY, score(NprsAnswers(1)))
    assert change.text.endswith("(about 1 point).")
    again = compare(score(NprsAnswers(6)), DAY, score(NprsAnswers(3)))
    assert again.text.endswith("(about 2 points).")


def test_odi_change_verdicts() -> None:
    before = score(odi(3, 3, 3, 3, 3, 3, 3, 3, 3, 3))  # 60 %
    small = compare(before, DAY, score(odi(3, 3, 3, 3, 3, 3, 3, 3, 3, 1)))  # 56 %
    possible = compare(before, DAY, score(odi(3, 3, 3, 3, 3, 3, 3, 3, 2, 1)))  # 54 %
    important = compare(before, DAY, score(odi(3, 3, 3, 3, 3, 3, 2, 2, 2, 1)))  # 50 %
    assert (small.verdict, possible.verdict, important.verdict) == (
        Verdict.SMALL,
        Verdict.POSSIBLE,
        Verdict.IMPORTANT,
    )
    assert important.improved
    assert important.difference == pytest.approx(-10)
    assert "10.0 percentage points better" in important.text
    assert "clinically important change" in important.text


def test_psfs_higher_is_better_and_needs_two_points() -> None:
    change = compare(score(psfs(3, 3, 3)), DAY, score(psfs(5, 5, 5)))
    assert change.improved and change.verdict is Verdict.IMPORTANT
    worse = compare(score(psfs(5, 5, 5)), DAY, score(psfs(4, 4, 5)))
    assert not worse.improved and worse.verdict is Verdict.SMALL
    assert "worse" in worse.text


def test_ndi_change_of_five_points_is_important() -> None:
    change = compare(
        score(ndi(2, 2, 2, 2, 2, 2, 2, 2, 2, 2)), DAY, score(ndi(2, 2, 2, 2, 2, 1, 1, 1, 1, 1))
    )
    assert change.difference == -5 and change.verdict is Verdict.IMPORTANT


def test_psfs_single_activity_change_needs_three_points() -> None:
    changes = psfs_activity_changes(psfs(2, 3, 4), psfs(5, 5, 4))
    assert [(c.activity, c.important) for c in changes] == [
        ("Walking", True),
        ("Sitting", False),
        ("Lifting", False),
    ]


def test_comparing_different_instruments_is_a_bug() -> None:
    with pytest.raises(ValueError):
        compare(score(NprsAnswers(3)), DAY, score(psfs(1, 2, 3)))


def test_outcome_score_needs_an_aware_time() -> None:
    with pytest.raises(ValidationError):
        OutcomeScore(NprsAnswers(3), datetime(2026, 1, 1))
    aware = OutcomeScore(NprsAnswers(3), datetime(2026, 1, 1, tzinfo=UTC))
    assert aware.instrument is Instrument.NPRS


# Ten section scores with up to two of them left blank (the most the rules allow).
sections_st = st.tuples(
    st.lists(st.integers(0, 5), min_size=10, max_size=10),
    st.sets(st.integers(0, 9), max_size=2),
).map(lambda drawn: [None if i in drawn[1] else v for i, v in enumerate(drawn[0])])


@given(sections_st)
def test_odi_percentage_is_total_over_five_times_answered(sections: list[int | None]) -> None:
    answered = [v for v in sections if v is not None]
    result = score(odi(*sections))
    assert result.score == pytest.approx(sum(answered) / (5 * len(answered)) * 100)
    assert 0 <= result.score <= 100


@given(sections_st)
def test_ndi_scaled_total_stays_within_0_to_50_and_matches_odi(sections: list[int | None]) -> None:
    result = score(ndi(*sections))
    assert 0 <= result.score <= 50
    # Both instruments use the same missing-section rule: NDI % equals the ODI formula.
    assert result.score * 2 == pytest.approx(score(odi(*sections)).score)


@given(st.lists(st.integers(0, 10), min_size=3, max_size=5))
def test_psfs_mean_is_between_lowest_and_highest(ratings: list[int]) -> None:
    result = score(psfs(*ratings))
    assert min(ratings) <= result.score <= max(ratings)


@given(st.integers(0, 10), st.integers(0, 10))
def test_change_is_antisymmetric_in_direction(a: int, b: int) -> None:
    forward = compare(score(NprsAnswers(a)), DAY, score(NprsAnswers(b)))
    assert forward.difference == b - a
    assert forward.improved == (b < a)
