from django.apps import AppConfig


class PerceptionConfig(AppConfig):
    name = "sharedspace.perception"
    label = "perception"
    verbose_name = "Perception check"
    default_auto_field = "django.db.models.BigAutoField"
