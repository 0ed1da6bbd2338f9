from __future__ import annotations

from django.urls import path

from gongkai.audit import views

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("export.csv", views.entry_export, name="export"),
    path("<int:seq>/", views.entry_detail, name="detail"),
]
