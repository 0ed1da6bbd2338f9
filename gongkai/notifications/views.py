"""Staff pages: the outbox (mails waiting or failed, with 重新发送) and one's own mail setting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.audit.services import record
from gongkai.notifications import delivery
from gongkai.notifications.constants import MailEvent, MailState
from gongkai.notifications.models import Mail, MailPreference
from gongkai.orgs.constants import Role
from gongkai.orgs.decorators import staff_member_required
from gongkai.orgs.permissions import has_role

OUTBOX_ROLES = (Role.ADMIN, Role.OFFICE_HEAD, Role.HANDLER)
SHOWN = 200


def _outbox_of(user: object) -> QuerySet[Mail]:
    """Mails of the agencies where the user administers or handles requests; every mail for an operator."""
    if getattr(user, "is_superuser", False):
        return Mail.objects.all()
    mails = Mail.objects.editable_by(user)
    allowed = [org_id for org_id in mails.values_list("org_id", flat=True).distinct()
               if has_role(user, org_id, *OUTBOX_ROLES)]
    return mails.filter(org_id__in=allowed)


@staff_member_required
def outbox(request: HttpRequest) -> HttpResponse:
    mails = _outbox_of(request.user).select_related("org")
    waiting = mails.exclude(state=MailState.SENT).order_by("state", "next_attempt_at")[:SHOWN]
    sent = mails.filter(state=MailState.SENT).order_by("-sent_at")[:50]
    return render(request, "notifications/outbox.html", {"waiting": waiting, "sent": sent})


@staff_member_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    mail = get_object_or_404(_outbox_of(request.user), pk=pk)
    if mail.state == MailState.SENT:
        messages.info(request, _("该邮件已发送。"))
        return redirect("notifications:outbox")
    with transaction.atomic():
        before = {"state": mail.state, "attempts": mail.attempts, "last_error": mail.last_error}
        delivery.retry(mail)
        record(MailEvent.RETRIED, actor=request.user, obj=mail, org=mail.org, before=before,
               after={"state": mail.state, "to": mail.to, "subject": mail.subject})
        from gongkai.notifications.tasks import deliver_outbox
        from gongkai.tasks.api import enqueue

        enqueue(deliver_outbox)
    messages.success(request, _("已重新排入发送队列：%(subject)s") % {"subject": mail.subject})
    return redirect("notifications:outbox")


@login_required
def preference(request: HttpRequest) -> HttpResponse:
    current = MailPreference.objects.filter(user=request.user).first()
    enabled = current.enabled if current else True
    if request.method == "POST":
        wanted = request.POST.get("enabled") == "on"
        if wanted != enabled:
            with transaction.atomic():
                MailPreference.objects.update_or_create(user=request.user, defaults={"enabled": wanted})
                record(MailEvent.PREFERENCE_CHANGED, actor=request.user, obj=request.user, org=None,
                       before={"enabled": enabled}, after={"enabled": wanted})
        messages.success(request, _("已保存：接收邮件通知。") if wanted else _("已保存：不再接收邮件通知。"))
        return redirect("notifications:preference")
    return render(request, "notifications/preference.html", {"enabled": enabled, "email": request.user.email})
