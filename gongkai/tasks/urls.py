from __future__ import annotations

from django.urls import path

from gongkai.tasks import views

urlpatterns = [
    path("<int:pk>/", views.job_page, name="job"),
    path("<int:pk>/progress.json", views.job_progress, name="progress"),
    path("<int:pk>/files/<int:file_id>/", views.job_file, name="file"),
]
