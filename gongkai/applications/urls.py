from __future__ import annotations

from django.urls import path

from gongkai.applications import correction_views, holiday_views, portal, views

urlpatterns = [
    path("", views.request_list, name="list"),
    path("register.xlsx", views.register_xlsx, name="register_xlsx"),
    path("new/", views.request_new, name="new"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/do/<str:action>/", views.request_detail, name="action"),
    path("<int:pk>/files/<int:attachment_id>/", views.attachment_download, name="file"),
    path("table3/", views.table3_view, name="table3"),
    path("corrections/", correction_views.correction_list, name="corrections"),  # 条例 第四十一条
    path("corrections/<int:pk>/", correction_views.correction_detail, name="correction"),
    path("corrections/<int:pk>/letter/", correction_views.correction_letter, name="correction_letter"),
    path("import/", views.import_view, name="import"),
    path("templates/", views.template_list, name="templates"),
    path("holidays/", holiday_views.holiday_years, name="holidays"),
    path("holidays/<int:year>/", holiday_views.holiday_notice, name="holiday_notice"),
    path("templates/site/<str:kind>/", views.template_edit, name="template_site"),
    path("templates/<int:org_id>/<str:kind>/", views.template_edit, name="template_edit"),
    # the public pages
    path("apply/", portal.apply, name="apply"),
    path("apply/done/", portal.applied, name="applied"),
    path("track/", portal.track, name="track"),
    path("track/<str:code>/", portal.tracked, name="tracked"),
    path("track/<str:code>/letters/<int:attachment_id>/", portal.tracked_letter, name="tracked_letter"),
]
