"""A job's page (progress bar, refreshed by the page's script or by the reader), its progress as JSON, its files."""

from __future__ import annotations

from urllib.parse import quote

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from gongkai.orgs.decorators import staff_member_required
from gongkai.tasks.models import Job, JobFile


def _visible(request: HttpRequest, pk: int) -> Job:
    """A job of an agency the user may read, or one they started themselves."""
    user = request.user
    jobs = Job.objects.all() if user.is_superuser else (
        Job.objects.filter(Q(pk__in=Job.objects.visible_to(user).values("pk")) | Q(created_by=user)))
    job = jobs.select_related("org", "created_by").filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def _progress(job: Job) -> dict[str, object]:
    outputs = [{"name": f.name, "url": reverse("tasks:file", args=[job.pk, f.pk])} for f in job.outputs()] \
        if job.finished else []
    return {"state": job.state, "state_label": str(job.get_state_display()), "done": job.done, "total": job.total,
            "percent": job.percent, "finished": job.finished, "result_url": job.result_url, "message": job.message,
            "outputs": outputs}


@staff_member_required
@require_GET
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = _visible(request, pk)
    return render(request, "tasks/job.html", {"job": job, "outputs": job.outputs()})


@staff_member_required
@require_GET
def job_progress(request: HttpRequest, pk: int) -> JsonResponse:
    response = JsonResponse(_progress(_visible(request, pk)))
    response["Cache-Control"] = "no-store"
    return response


@staff_member_required
@require_GET
def job_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    job = _visible(request, pk)
    file = JobFile.objects.filter(job=job, role=JobFile.OUTPUT, pk=file_id).first()
    if file is None:
        raise Http404
    response = HttpResponse(bytes(file.data), content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(file.name)}"
    return response
