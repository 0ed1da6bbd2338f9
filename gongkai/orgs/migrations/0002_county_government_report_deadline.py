"""条例 第四十九条第二款: a 县级以上地方人民政府's own report is due 31 March. County governments created before
`create_org` applied that default still carry the 31 January one: move them, unless a local date was chosen
(anything other than 31 January is kept)."""

from django.db import migrations

from gongkai.law.report_deadlines import DEPARTMENT_DEADLINE, GOVERNMENT_DEADLINE


def to_government_deadline(apps, schema_editor):  # type: ignore[no-untyped-def]
    Organisation = apps.get_model("orgs", "Organisation")
    month, day = DEPARTMENT_DEADLINE
    Organisation.objects.filter(kind="county_gov", report_deadline_month=month, report_deadline_day=day).update(
        report_deadline_month=GOVERNMENT_DEADLINE[0], report_deadline_day=GOVERNMENT_DEADLINE[1])


def back_to_department_deadline(apps, schema_editor):  # type: ignore[no-untyped-def]
    Organisation = apps.get_model("orgs", "Organisation")
    month, day = GOVERNMENT_DEADLINE
    Organisation.objects.filter(kind="county_gov", report_deadline_month=month, report_deadline_day=day).update(
        report_deadline_month=DEPARTMENT_DEADLINE[0], report_deadline_day=DEPARTMENT_DEADLINE[1])


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]

    operations = [migrations.RunPython(to_government_deadline, back_to_department_deadline)]
