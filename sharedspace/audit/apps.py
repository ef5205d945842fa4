from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sharedspace.audit"
    label = "audit"
    verbose_name = "Power audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Keep the running counters in the same transaction as every ledger append.
        from sharedspace.governance import ledger

        from .engine import on_append

        ledger.register_listener(on_append)
