from __future__ import annotations

from django.urls import path

from gongkai.consultations import public_views, views

urlpatterns = [
    # public
    path("public/", public_views.consultation_list, name="public_list"),
    path("public/<int:pk>/", public_views.consultation_page, name="public_detail"),
    path("concerns/", public_views.concern_list, name="public_concerns"),
    path("concerns/<int:pk>/", public_views.concern_page, name="public_concern"),
    # staff
    path("", views.home, name="home"),
    path("org/<int:org_id>/", views.org_list, name="org"),
    path("org/<int:org_id>/new/", views.consultation_new, name="new"),
    path("org/<int:org_id>/concerns/new/", views.concern_new, name="concern_new"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("comments/<int:pk>/reply/", views.comment_reply, name="reply"),
    path("staff/concerns/<int:pk>/", views.concern_detail, name="concern"),
]
