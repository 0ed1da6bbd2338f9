"""The queryset every organisation-scoped model uses: `Model.objects.visible_to(user)` / `editable_by(user)`.

A later app's model::

    class Request(models.Model):
        org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT)
        objects = OrgScopedQuerySet.as_manager()

Set `org_field` on a subclass when the organisation is reached by another path (e.g. "case__org").
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models


class OrgScopedQuerySet(models.QuerySet[Any]):
    org_field = "org"

    def _org_lookup(self) -> str:
        return "pk" if self.model._meta.label == "orgs.Organisation" else f"{self.org_field}_id"

    def visible_to(self, user: Any) -> Self:
        """Rows of the organisations the user belongs to or supervises (read access)."""
        from gongkai.orgs.permissions import visible_org_ids

        return self.filter(**{f"{self._org_lookup()}__in": visible_org_ids(user)})

    def editable_by(self, user: Any) -> Self:
        """Rows of the organisations where the user holds an editing role (never a supervisor's)."""
        from gongkai.orgs.permissions import editable_org_ids

        return self.filter(**{f"{self._org_lookup()}__in": editable_org_ids(user)})
