"""Records merged into a record that was itself merged later point straight at the survivor.

Since relations.editing re-points them at merge time, a merged record is one hop from the
record that stands for it; this brings chains made before that change into line.
"""

from django.db import migrations

FACTS = ("Official", "Meeting", "Agreement")


def point_at_survivors(apps, schema_editor):
    for name in FACTS:
        model = apps.get_model("relations", name)
        merged = dict(
            model.objects.filter(merged_into__isnull=False).values_list("pk", "merged_into")
        )
        for pk, target in merged.items():
            end, seen = target, {pk}
            while end in merged and end not in seen:  # `seen`: a cycle cannot hang it
                seen.add(end)
                end = merged[end]
            if end != target:
                model.objects.filter(pk=pk).update(merged_into=end)


class Migration(migrations.Migration):
    dependencies = [("relations", "0003_scale_indexes")]

    operations = [migrations.RunPython(point_at_survivors, migrations.RunPython.noop)]
