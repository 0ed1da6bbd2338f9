"""The reader on fourteen real published reports (tests/fixtures/real-reports): no regression allowed.

Every table 三 and 四 cell the truth gives must be read right, and every report's outcome must be right:
the two files of 自然资源与生态环境局 2023 (011 page text, 012 web page) publish tables that break the
勾稽关系 and are 有错误; the other thirteen are 通过 — whatever their pages do to the tables (cells glued
together, random spaces, blank rows, a section heading worded differently, an extra section).
"""

from __future__ import annotations

import pytest

from tests.report.real_reports import FileScore, score, summary

# Table 二 cells read right today (truth leaves ambiguous glued rows null); reading fewer is a regression.
TABLE2_AT_LEAST = {
    "001_pingtan_junshanpianqu_2019.txt": 20,
    "002_pingtan_jiaotongjianshe_2019.txt": 12,
    "003_pingtan_ziranziyuan_2019.txt": 11,
    "004_pingtan_haitanpianqu_2020.txt": 20,
    "005_pingtan_xingzhengshenpi_2020.txt": 19,
    "006_pingtan_shichangjianguan_2021.txt": 7,
    "007_pingtan_jinjingpianqu_2022.txt": 10,
    "008_pingtan_shehuishiye_2022.txt": 7,
    "009_pingtan_haitanpianqu_2023.txt": 7,
    "010_pingtan_xingzhengshenpi_2023.txt": 10,
    "011_pingtan_ziranziyuan_2023.txt": 7,
    "012_pingtan_ziranziyuan_2023_page.html": 10,
    "013_pingtan_jiaotongjianshe_2024.txt": 7,
    "014_pingtan_gonganju_2024.txt": 10,
    "015_pingtan_supingpianqu_2025.txt": 10,
}


@pytest.fixture(scope="module")
def scores() -> dict[str, FileScore]:
    results = score()
    print(summary(results))
    return {s.name: s for s in results}


@pytest.mark.parametrize("name", sorted(TABLE2_AT_LEAST))
def test_every_cell_of_tables_3_and_4_is_read_right(scores: dict[str, FileScore], name: str) -> None:
    result = scores[name]
    assert result.right == result.total, result.wrong


@pytest.mark.parametrize("name", sorted(TABLE2_AT_LEAST))
def test_the_outcome_is_right(scores: dict[str, FileScore], name: str) -> None:
    """有错误 only where the published tables break a 勾稽 rule; a reading problem is never an error."""
    result = scores[name]
    assert result.outcome is result.expected_outcome


@pytest.mark.parametrize("name", sorted(TABLE2_AT_LEAST))
def test_table_2_reads_no_fewer_cells_than_before(scores: dict[str, FileScore], name: str) -> None:
    assert scores[name].table2_right >= TABLE2_AT_LEAST[name]


def test_every_file_of_the_corpus_is_scored(scores: dict[str, FileScore]) -> None:
    assert set(scores) == set(TABLE2_AT_LEAST)
