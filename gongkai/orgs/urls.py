from __future__ import annotations

from django.urls import path

from gongkai.orgs import views

urlpatterns = [
    path("", views.org_list, name="list"),
    path("<int:org_id>/", views.org_detail, name="detail"),
    path("<int:org_id>/edit/", views.org_edit, name="edit"),
    path("<int:org_id>/people/add/", views.person_add, name="person_add"),
    path("<int:org_id>/people/<int:user_id>/", views.person_roles, name="person_roles"),
]
