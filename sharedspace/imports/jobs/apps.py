from django.apps import AppConfig


class ImportJobsConfig(AppConfig):
    name = "sharedspace.imports.jobs"
    label = "import_jobs"
    verbose_name = "Audits of uploaded records"
    default_auto_field = "django.db.models.BigAutoField"
