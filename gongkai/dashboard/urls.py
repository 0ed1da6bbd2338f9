from __future__ import annotations

from django.urls import path

from gongkai.dashboard import views

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:org_id>/", views.org_dashboard, name="org"),
]
