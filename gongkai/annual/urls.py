from __future__ import annotations

from django.urls import path

from gongkai.annual import views

urlpatterns = [
    path("", views.home, name="home"),
    path("org/<int:org_id>/", views.org_reports, name="org"),
    path("org/<int:org_id>/<int:year>/", views.report_page, name="report"),
    path("org/<int:org_id>/<int:year>/start/", views.report_start, name="start"),
    path("org/<int:org_id>/<int:year>/edit/", views.report_edit, name="edit"),
    path("org/<int:org_id>/<int:year>/submit/", views.report_submit, name="submit"),
    path("org/<int:org_id>/<int:year>/withdraw/", views.report_withdraw, name="withdraw"),
    path("org/<int:org_id>/<int:year>/review/", views.report_review, name="review"),
    path("org/<int:org_id>/<int:year>/publish/", views.report_publish, name="publish"),
    path("org/<int:org_id>/<int:year>/reopen/", views.report_reopen, name="reopen"),
    path("org/<int:org_id>/<int:year>/import/", views.report_import, name="import"),
    path("org/<int:org_id>/<int:year>/download/<str:kind>/", views.report_download, name="download"),
    path("org/<int:org_id>/<int:year>/figures/", views.figures_page, name="figures"),
    path("org/<int:org_id>/figures/import/", views.figures_import, name="figures_import"),
    path("org/<int:org_id>/<int:year>/figures/template.xlsx", views.figures_template, name="figures_template"),
    path("supervise/<int:org_id>/", views.supervise, name="supervise"),
    path("supervise/<int:org_id>/chart/<str:name>.svg", views.supervise_chart, name="chart"),
    path("supervise/<int:org_id>/check/", views.bulk_check, name="bulk_check"),
    path("checks/<int:pk>/", views.check_result, name="check"),
    path("checks/<int:pk>/results.xlsx", views.check_xlsx, name="check_xlsx"),
    path("reports/", views.public_list, name="public_list"),
    path("reports/agency/<int:org_id>/", views.public_agency, name="public_agency"),
    path("reports/<int:org_id>/<int:year>/", views.public_report, name="public_report"),
    path("reports/<int:org_id>/<int:year>/<str:kind>/", views.public_document, name="public_document"),
]
