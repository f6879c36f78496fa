from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class RelationsConfig(AppConfig):
    name = "relations"
    verbose_name = "Relations: officials, meetings and agreements"

    def ready(self):
        from relations import facet_cache
        from relations.roles import create_editors_group

        # Any saved or deleted row of the knowledge base makes cached counts stale.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(facet_cache.on_change, dispatch_uid=f"relations.facet_cache.{signal}")

        # After every `migrate` (and test database set-up): the editors group exists.
        post_migrate.connect(
            create_editors_group, sender=self, dispatch_uid="relations.editors_group"
        )
