"""Requests made directly in the database, for tests that need records rather than the workflow."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from gongkai.applications.models import Request
from gongkai.law.requests import ApplicantType, ReceiptChannel, outcome
from gongkai.orgs.constants import OrgKind
from gongkai.orgs.demo import demo_credit_code
from gongkai.orgs.models import Organisation

_serials = itertools.count(1)


def make_org(name: str, serial: int) -> Organisation:
    """A township of its own, outside the demo county's records."""
    return Organisation.objects.create(name=name, kind=OrgKind.TOWNSHIP, credit_code=demo_credit_code(serial))


def make_request(
    org: Organisation,
    received: date | None,
    applicant: ApplicantType = ApplicantType.NATURAL_PERSON,
    *,
    closed: date | None = None,
    outcome_key: str = "",
    **fields: Any,
) -> Request:
    """A request received on `received` (None: not yet confirmed), closed with `outcome_key` if given."""
    serial = next(_serials)
    result = outcome(outcome_key) if outcome_key else None
    values: dict[str, Any] = {
        "org": org,
        "year": (received or date.today()).year,
        "serial": serial,
        "tracking_code": f"T{serial:010d}",
        "channel": ReceiptChannel.IN_PERSON if received else ReceiptChannel.ONLINE,
        "handed_in": received,
        "received": received,
        "applicant_type": applicant,
        "applicant_name": "申请人",
        "id_number": "110101199001011234",
        "phone": "13800000000",
        "description": "某项政府信息",
        "closed": closed,
        "outcome": result.key if result else "",
        "outcome_row": result.row() if result else "",
        "outcome_article": result.citation if result else "",
    }
    values.update(fields)
    return Request.objects.create(**values)
