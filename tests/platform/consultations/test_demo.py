"""The demo county carries an example of each duty of issue 16 built here, so a newcomer sees them:
依申请转主动 (条例第四十四条), the withheld register and its review (第十八条), 政策解读, 意见征集, 回应关切."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.consultations.models import ConcernResponse, Consultation
from gongkai.disclosure import conversions
from gongkai.disclosure.models import WithheldEntry
from gongkai.publishing.models import Item

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_disclosure_feature(demo, org) -> None:
    dazhai, shiqiao = org("大寨乡"), org("石桥镇")
    [proposal] = conversions.proposals(dazhai)
    assert len(proposal.requests) == 3 and "耕地地力保护补贴" in proposal.subject
    assert WithheldEntry.objects.filter(org=shiqiao).count() >= 5
    assert WithheldEntry.objects.filter(org=shiqiao, reviews__decision="keep").exists()
    explained = Item.objects.get(org=dazhai, interprets__isnull=False)
    assert explained.state == explained.interprets.state == "published"
    statuses = {c.status(timezone.localdate()) for c in Consultation.objects.filter(org=dazhai)}
    assert statuses == {"征求意见中", "已公布采纳情况"}
    assert ConcernResponse.objects.public().filter(org=dazhai).exists()
    home = Client().get(reverse("portal:home")).content.decode()
    assert reverse("consultations:public_list") in home and reverse("consultations:public_concerns") in home
    # loading again adds nothing
    from gongkai.web import demo as demo_module

    before = (Consultation.objects.count(), WithheldEntry.objects.count(), Item.objects.count())
    demo_module.load_all()
    assert (Consultation.objects.count(), WithheldEntry.objects.count(), Item.objects.count()) == before

