"""URLs: the JSON API at /api/v1/ and the web pages at /, each once its package exists."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from sharedspace import module_exists

urlpatterns: list[URLPattern | URLResolver] = []


def bare(request: HttpRequest) -> HttpResponse:
    """The least a Django view can do: the yardstick of bench/bench_web.py."""
    return HttpResponse(b"ok\n", content_type="text/plain")


if settings.BENCHMARK:  # only when SHAREDSPACE_BENCHMARK is on, never in production
    urlpatterns.append(path("_bench/bare/", bare))

if module_exists("sharedspace.api.urls"):
    urlpatterns.append(path("api/v1/", include("sharedspace.api.urls")))
if module_exists("sharedspace.web.urls"):
    urlpatterns.append(path("", include("sharedspace.web.urls")))
