from __future__ import annotations

from django.urls import path

from gongkai.disclosure import views

urlpatterns = [
    path("", views.home, name="home"),
    path("org/<int:org_id>/conversions/", views.conversion_list, name="conversions"),
    path("org/<int:org_id>/withheld/", views.withheld_list, name="withheld"),
    path("withheld/<int:pk>/", views.withheld_entry, name="withheld_entry"),
]
