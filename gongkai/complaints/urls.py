from __future__ import annotations

from django.urls import path

from gongkai.complaints import public_views, views

urlpatterns = [
    # public
    path("new/", public_views.complain, name="complain"),
    path("new/done/", public_views.submitted, name="submitted"),
    path("track/", public_views.track, name="track"),
    path("track/<str:code>/", public_views.tracked, name="tracked"),
    path("track/<str:code>/letter/", public_views.tracked_letter, name="tracked_letter"),
    path("rate/", public_views.rate, name="rate"),
    # staff
    path("", views.complaint_list, name="list"),
    path("register/", views.complaint_register, name="register"),
    path("ratings/", views.rating_results, name="ratings"),
    path("<int:pk>/", views.complaint_detail, name="detail"),
    path("<int:pk>/assign/", views.complaint_assign, name="assign"),
    path("<int:pk>/ask/", views.complaint_ask, name="ask"),
    path("<int:pk>/explain/", views.complaint_explain, name="explain"),
    path("<int:pk>/reply/", views.complaint_reply, name="reply"),
    path("<int:pk>/share/", views.complaint_share, name="share"),
    path("<int:pk>/letter/", views.complaint_letter, name="letter"),
]
