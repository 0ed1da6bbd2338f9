"""A large 台账 imported by the background worker: the page shows the progress, then the result or the problems.

A register of up to GONGKAI_IMPORT_INLINE_ROWS rows (200) is imported at once, as before; a larger one goes
to the worker with the file, so the request that uploaded it returns at once and no web thread is held.
Either way it is all or nothing: a register with any bad row imports nothing and every problem is listed.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.applications.importer import ImportProblem, RegisterImportError, import_register, read_rows
from gongkai.applications.models import Request
from gongkai.orgs import permissions
from gongkai.spreadsheets import csv_writer
from gongkai.tasks import api as tasks
from gongkai.tasks.models import Job, JobFile

INLINE_ROWS = 200
JOB_KIND = "applications.import_register"
PROBLEMS_FILE = "台账问题清单.csv"


def start_import(org: Any, name: str, content: bytes, *, actor: Any) -> list[Request] | Job:
    """The requests imported at once, or the background job importing a large register.

    A file that cannot be read at all (wrong type, damaged, missing columns) raises `RegisterImportError` here,
    before any job is made.
    """
    permissions.require_edit(actor, org)
    rows = read_rows(name, content)
    if len(rows) <= getattr(settings, "GONGKAI_IMPORT_INLINE_ROWS", INLINE_ROWS):
        return import_register(org, name, content, actor=actor)
    title = _("导入申请台账%(name)s（%(n)d行）") % {"name": name, "n": len(rows)}
    return tasks.start(import_task, kind=JOB_KIND, title=title, org=org, actor=actor, inputs=[(name, content)])


@tasks.task()
@tasks.tracked
def import_task(job: Job) -> int:
    """Import the job's register; the outcome in words on the job, the problems as a CSV kept for download."""
    [(name, content)] = list(job.inputs())
    try:
        created = import_register(job.org, name, content, actor=job.created_by, progress=job.advance,
                                  start=job.begin)
    except RegisterImportError as exc:
        job.keep(PROBLEMS_FILE, problems_csv(exc.problems))
        message = _("台账有%(n)d处问题，未导入任何记录。请下载问题清单，改正后重新导入。") % {"n": len(exc.problems)}
        Job.objects.filter(pk=job.pk).update(message=message)
        count = 0
    else:
        count = len(created)
        url = f"{reverse('applications:list')}?org={job.org_id}"
        Job.objects.filter(pk=job.pk).update(message=_("已导入%(n)d件申请。") % {"n": count}, result_url=url)
    job.files.filter(role=JobFile.INPUT).delete()  # the register is in the records now, or it was refused
    return count


def problems_csv(problems: list[ImportProblem]) -> bytes:
    """The problems as Excel on Chinese Windows opens them (UTF-8 with a BOM): 行, 列, 原因."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(("行", "列", "原因"))
    for problem in problems:
        writer.writerow((problem.row, problem.column or "—", problem.reason))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
