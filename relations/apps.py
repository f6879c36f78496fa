from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RelationsConfig(AppConfig):
    name = "relations"
    verbose_name = "Relations: officials, meetings and agreements"

    def ready(self):
        from relations.roles import create_editors_group

        # After every `migrate` (and test database set-up): the editors group exists.
        post_migrate.connect(
            create_editors_group, sender=self, dispatch_uid="relations.editors_group"
        )
