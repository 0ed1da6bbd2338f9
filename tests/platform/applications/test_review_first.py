"""复议前置 (行政复议法 2023年修订 第二十三条第一款第（四）项): a setting per outcome, review first by default for
every reply that provides no information; the reply letters and the 公开指南's 监督和救济 say the same."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client, override_settings

from .test_handling import letter_text, reply

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", ["not_exist", "petition"])  # 无法提供, 不予处理
def test_replies_providing_nothing_send_the_applicant_to_review_first(register, users, key: str) -> None:
    req = reply(register, users, date(2025, 5, 6), key, date(2025, 5, 20))
    text = letter_text(req.attachments.get(letter_kind="reply"))
    assert ("应当自收到本答复之日起60日内向某县人民政府申请行政复议"
            "（《中华人民共和国行政复议法》第二十三条第一款第（四）项）") in text
    assert "6个月" not in text


@override_settings(GONGKAI_REQUEST_SETTINGS={"review_first_outcomes": ["partial", "withheld_process_info"]})
def test_the_site_may_narrow_review_first_to_chosen_outcomes(register, users, dazhai) -> None:
    req = reply(register, users, date(2025, 5, 6), "not_exist", date(2025, 5, 20))
    assert "也可以自收到本答复之日起6个月内依法向人民法院提起行政诉讼" in letter_text(
        req.attachments.get(letter_kind="reply"))
    page = Client().get(f"/publishing/guide/{dazhai.pk}/").content.decode()
    first, direct = page.split("先申请行政复议", 1)
    assert "对本机关作出的部分公开、不予公开：过程性信息、" in first and "无法提供" not in first.rsplit("<p>", 1)[1]
    assert "无法提供、不予处理" in direct.split("6个月内依法提起行政诉讼", 1)[0]


def test_the_guide_states_review_first_as_the_letters_do(dazhai) -> None:  # 条例 第十二条、第五十一条
    page = Client().get(f"/publishing/guide/{dazhai.pk}/").content.decode()
    assert ("对本机关作出的部分公开、不予公开、无法提供、不予处理、其他处理的答复不服的，"
            "应当自收到答复之日起60日内先申请行政复议") in page
    assert ("对予以公开的答复不服的，可以自收到答复之日起60日内申请行政复议，"
            "也可以自收到答复之日起6个月内依法提起行政诉讼") in page
    assert "条例第四十三条" in page  # help for applicants with reading, visual or hearing difficulties
