from __future__ import annotations

from django.urls import path

from gongkai.portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/<int:org_id>/", views.agency, name="agency"),
]
