from __future__ import annotations

from django.urls import path

from gongkai.findings import views

urlpatterns = [
    path("org/<int:org_id>/<int:year>/decide/", views.decide, name="decide"),
    path("regions/", views.regions, name="regions"),
    path("supervise/<int:org_id>/findings.xlsx", views.findings_xlsx, name="xlsx"),
    path("supervise/<int:org_id>/decisions.json", views.decisions_json, name="decisions_json"),
    path("supervise/<int:org_id>/collect/", views.collect_start, name="collect"),
    path("collected/<int:job_id>/", views.collected, name="collected"),
]
