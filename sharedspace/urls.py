"""URLs: the JSON API at /api/v1/ and the web pages at /, each once its package exists."""

from django.urls import URLPattern, URLResolver, include, path

from sharedspace import module_exists

urlpatterns: list[URLPattern | URLResolver] = []

if module_exists("sharedspace.api.urls"):
    urlpatterns.append(path("api/v1/", include("sharedspace.api.urls")))
if module_exists("sharedspace.web.urls"):
    urlpatterns.append(path("", include("sharedspace.web.urls")))
