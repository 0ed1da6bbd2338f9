"""Admin for the platform's operators (superusers); every change there is audited."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from gongkai.audit.admin import AuditedModelAdmin
from gongkai.orgs.models import Membership, Organisation, User


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ("org",)


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):  # type: ignore[misc]
    list_display = ("username", "full_name", "account_type", "phone", "is_active", "is_superuser")
    list_filter = ("account_type", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "phone", "email")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("个人信息"), {"fields": ("full_name", "phone", "email", "account_type")}),
        (_("权限"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("时间"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "account_type", "password1", "password2")}),
    )
    inlines = (MembershipInline,)


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "credit_code", "parent", "supervising_org", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "credit_code")
    autocomplete_fields = ("parent", "supervising_org", "person_in_charge")


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ("user", "org", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "org__name")
    autocomplete_fields = ("user", "org")
