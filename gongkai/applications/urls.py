from __future__ import annotations

from django.urls import path

from gongkai.applications import portal, views

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/do/<str:action>/", views.request_detail, name="action"),
    path("<int:pk>/files/<int:attachment_id>/", views.attachment_download, name="file"),
    path("table3/", views.table3_view, name="table3"),
    path("import/", views.import_view, name="import"),
    path("templates/", views.template_list, name="templates"),
    path("templates/site/<str:kind>/", views.template_edit, name="template_site"),
    path("templates/<int:org_id>/<str:kind>/", views.template_edit, name="template_edit"),
    # the public pages
    path("apply/", portal.apply, name="apply"),
    path("apply/done/", portal.applied, name="applied"),
    path("track/", portal.track, name="track"),
    path("track/<str:code>/", portal.tracked, name="tracked"),
    path("track/<str:code>/letters/<int:attachment_id>/", portal.tracked_letter, name="tracked_letter"),
]
