"""The WSGI application that `sharedspace serve` (gunicorn) runs."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedspace.settings")

application = get_wsgi_application()
