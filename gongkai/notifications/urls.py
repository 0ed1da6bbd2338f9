from __future__ import annotations

from django.urls import path

from gongkai.notifications import views

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("<int:pk>/retry/", views.retry, name="retry"),
    path("settings/", views.preference, name="preference"),
]
