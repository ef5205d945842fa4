from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sharedspace.web"
    label = "web"
    verbose_name = "Web pages"
