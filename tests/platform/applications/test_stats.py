"""Table 三 from the records (国办公开办函〔2021〕30号 表三): a hand-counted scenario across two years.

A request counts as 本年新收 in the year it was received, as 上年结转 in a later year while still open,
in an outcome row in the year it was closed, and as 结转下年度 at the end of any year it is still open.
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications.stats import TABLE, format_for_year, table3, table3_for_orgs
from gongkai.law.report_format import CellRef
from gongkai.law.requests import ApplicantType as A
from gongkai.report.findings import Severity
from gongkai.report.model import AnnualReport
from gongkai.report.rules import check
from tests.platform.applications.factories import make_org, make_request

pytestmark = pytest.mark.django_db

N, COM, RES, LEG, OTH = A.NATURAL_PERSON, A.COMMERCIAL, A.RESEARCH, A.LEGAL_SERVICES, A.OTHER_ORG


@pytest.fixture
def town():  # type: ignore[no-untyped-def]
    """测试镇 with requests across 2022–2025, counted by hand below; and a neighbour's request."""
    town = make_org("测试镇", 901)
    neighbour = make_org("邻镇", 902)
    d = date
    make_request(town, d(2022, 12, 20), N, closed=d(2023, 1, 10), outcome_key="granted")  # A
    make_request(town, d(2023, 3, 1), N, closed=d(2023, 3, 20), outcome_key="already_published")  # B
    make_request(town, d(2023, 5, 10), COM, closed=d(2023, 6, 1), outcome_key="partial")  # C
    make_request(town, d(2023, 12, 20), N, closed=d(2024, 1, 15), outcome_key="withheld_process_info")  # D
    make_request(town, d(2023, 12, 28), LEG)  # E: still open
    make_request(town, d(2024, 2, 1), RES, closed=d(2024, 2, 28), outcome_key="not_exist")  # F
    make_request(town, d(2024, 11, 1), N, closed=d(2024, 12, 31), outcome_key="no_correction")  # G
    make_request(town, d(2024, 12, 31), N)  # H: received on the last day, open
    make_request(town, d(2024, 6, 1), OTH, closed=d(2025, 1, 5), outcome_key="withdrawn")  # I
    make_request(town, None, N)  # J: an online application not yet confirmed: not received
    make_request(neighbour, d(2024, 3, 1), N, closed=d(2024, 3, 5), outcome_key="granted")  # K
    return town


def nonzero(cells: dict[CellRef, int]) -> dict[str, int]:
    return {f"{ref.row}|{ref.column}": value for ref, value in cells.items() if value}


def test_2023_by_hand(town) -> None:  # type: ignore[no-untyped-def]
    assert nonzero(table3(town, 2023)) == {
        "new|natural_person": 2, "new|commercial": 1, "new|legal_services": 1, "new|total": 4,  # B D / C / E
        "carried_in|natural_person": 1, "carried_in|total": 1,  # A
        "granted|natural_person": 2, "granted|total": 2,  # A, B (已主动公开 counts as 予以公开)
        "partial|commercial": 1, "partial|total": 1,  # C
        "total|natural_person": 2, "total|commercial": 1, "total|total": 3,
        "carried_out|natural_person": 1, "carried_out|legal_services": 1, "carried_out|total": 2,  # D, E
    }


def test_2024_by_hand(town) -> None:  # type: ignore[no-untyped-def]
    assert nonzero(table3(town, 2024)) == {
        "new|natural_person": 2, "new|research": 1, "new|other_org": 1, "new|total": 4,  # G H / F / I
        "carried_in|natural_person": 1, "carried_in|legal_services": 1, "carried_in|total": 2,  # D, E
        "withheld.process_info|natural_person": 1, "withheld.process_info|total": 1,  # D
        "unable.not_held|research": 1, "unable.not_held|total": 1,  # F
        "other.no_correction|natural_person": 1, "other.no_correction|total": 1,  # G
        "total|natural_person": 2, "total|research": 1, "total|total": 3,
        "carried_out|natural_person": 1, "carried_out|legal_services": 1, "carried_out|other_org": 1,  # H E I
        "carried_out|total": 3,
    }


def test_last_years_carried_out_is_this_years_carried_in(town) -> None:  # type: ignore[no-untyped-def]
    for year in (2023, 2024, 2025):
        before, now = table3(town, year - 1), table3(town, year)
        for column in A:
            assert now[CellRef(TABLE, "carried_in", column)] == before[CellRef(TABLE, "carried_out", column)]


def test_every_cell_of_the_format_is_given(town) -> None:  # type: ignore[no-untyped-def]
    cells = table3(town, 2024)
    assert set(cells) == set(format_for_year(2024).table(TABLE).cells())
    assert len(cells) == 25 * 7


def report_from(org_name: str, year: int, cells: dict[CellRef, int]) -> AnnualReport:
    report = AnnualReport.zeros(org_name, year, format_for_year(year).id)
    report.cells.update(cells)
    return report


def test_the_report_rules_find_no_table3_error(town) -> None:  # type: ignore[no-untyped-def]
    previous = None
    for year in (2022, 2023, 2024, 2025):
        report = report_from(town.name, year, table3(town, year))
        findings = check(report, previous=previous)
        table3_problems = [
            f for f in findings
            if (f.rule.startswith("T3.") or f.rule == "XY.carry_over") and f.severity is not Severity.INFO
        ]
        assert table3_problems == [], [f.message for f in table3_problems]
        previous = report


def test_the_2019_trial_format_has_one_other_row(town) -> None:  # type: ignore[no-untyped-def]
    """国办公开办函〔2019〕60号: reports for 2019 and 2020 have one （六）其他处理 row."""
    make_request(town, date(2020, 5, 6), N, closed=date(2020, 5, 20), outcome_key="no_payment")
    cells = table3(town, 2020)
    assert format_for_year(2020).id == "2019"
    assert cells[CellRef(TABLE, "other", "natural_person")] == 1
    assert CellRef(TABLE, "other.no_payment", "natural_person") not in cells


def test_many_agencies_at_once_equal_one_by_one(town) -> None:  # type: ignore[no-untyped-def]
    from gongkai.orgs.models import Organisation

    ids = list(Organisation.objects.values_list("pk", flat=True))
    for year in (2023, 2024):
        batch = table3_for_orgs(ids, year)
        assert set(batch) == set(ids)
        assert all(batch[pk] == table3(pk, year) for pk in ids)
        assert table3_for_orgs(Organisation.objects.all(), year) == batch
