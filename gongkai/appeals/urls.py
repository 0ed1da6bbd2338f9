from __future__ import annotations

from django.urls import path

from gongkai.appeals import views

urlpatterns = [
    path("", views.appeal_list, name="list"),
    path("org/<int:org_id>/", views.org_appeals, name="org"),
    path("org/<int:org_id>/add/", views.appeal_add, name="add"),
    path("<int:pk>/", views.appeal_edit, name="edit"),
    path("<int:pk>/delete/", views.appeal_delete, name="delete"),
]
