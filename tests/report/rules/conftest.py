from __future__ import annotations

import pytest

from gongkai.report.model import AnnualReport
from tests.report.rules.builders import dazhai_2023


@pytest.fixture
def seed() -> AnnualReport:
    """大寨乡 2023 (tests/fixtures/reports/dazhai-2023.txt), built by hand."""
    return dazhai_2023()
