from __future__ import annotations

from django.urls import path

from gongkai.oversight import bulletin_views, views

urlpatterns = [
    # public
    path("bulletins/public/", bulletin_views.public_list, name="public_bulletins"),
    path("bulletins/public/<int:pk>/", bulletin_views.public_page, name="public_bulletin"),
    path("bulletins/public/<int:pk>/docx/", bulletin_views.public_docx, name="public_bulletin_docx"),
    # staff: 通报
    path("bulletins/", bulletin_views.bulletin_list, name="bulletins"),
    path("bulletins/new/<int:office_id>/", bulletin_views.bulletin_new, name="bulletin_new"),
    path("bulletins/<int:pk>/", bulletin_views.bulletin_page, name="bulletin"),
    path("bulletins/<int:pk>/edit/", bulletin_views.bulletin_edit, name="bulletin_edit"),
    path("bulletins/<int:pk>/docx/", bulletin_views.bulletin_docx, name="bulletin_docx"),
    path("bulletins/<int:pk>/publish/", bulletin_views.bulletin_publish, name="bulletin_publish"),
    # staff: 整改通知
    path("", views.notice_list, name="list"),
    path("issue/<int:office_id>/<int:org_id>/", views.notice_issue, name="issue"),
    path("from-check/<int:check_id>/<int:index>/", views.notice_from_check, name="from_check"),
    path("<int:pk>/", views.notice_detail, name="detail"),
    path("<int:pk>/answer/", views.notice_answer, name="answer"),
    path("<int:pk>/close/", views.notice_close, name="close"),
    path("<int:pk>/reopen/", views.notice_reopen, name="reopen"),
]
