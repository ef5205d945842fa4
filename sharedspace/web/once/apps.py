from django.apps import AppConfig


class OnceConfig(AppConfig):
    name = "sharedspace.web.once"
    label = "web_once"
    verbose_name = "Once-only form keys"
