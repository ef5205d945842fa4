"""The front end: pinned packages, static files, no GOV.UK brand, a strict CSP, CSRF."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_front_end_packages_are_pinned_exactly():
    """package.json pins GOV.UK Frontend 6.x and axe-core 4.x to exact versions, and the
    lock file agrees with it."""
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    versions = {**package["dependencies"], **package["devDependencies"]}
    assert re.fullmatch(r"6\.\d+\.\d+", versions["govuk-frontend"])
    assert re.fullmatch(r"4\.\d+\.\d+", versions["axe-core"])
    for name, version in versions.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_static_files_are_found():
    """GOV.UK Frontend's compiled CSS and JavaScript, and our own files, are static files."""
    for name in ("govuk/govuk-frontend.min.css", "govuk/govuk-frontend.min.js",
                 "web/app.css", "web/app.mjs", "web/js-enabled.js"):
        assert finders.find(name), name


def test_no_transport_font_and_no_crown():
    """Our CSS puts a system font first everywhere; no page names GOV.UK or shows the crown."""
    css = Path(finders.find("web/app.css")).read_text()
    assert re.search(r"html, body, body \*\s*\{\s*font-family: system-ui", css)
    page = Client().get(reverse("web:home")).content.decode()
    assert "GOV.UK" not in page
    assert "crown" not in page.lower() and "crest" not in page.lower()
    assert "Shared Space" in page


def test_scripts_are_modules_with_the_csp_nonce_and_nothing_inline(client):
    """Every script is a file (no inline code); the module script carries the CSP nonce,
    and the policy allows no inline scripts or styles."""
    response = client.get(reverse("web:home"))
    csp = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    html = response.content.decode()
    assert f'<script type="module" src="/static/web/app.mjs" nonce="{nonce}">' in html
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    for script in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S):
        assert script.strip() == "", "no inline script"
    assert " style=" not in html, "no inline styles (the CSP would block them)"
    assert response["X-Frame-Options"] == "DENY"


def test_app_module_imports_govuk_frontend():
    """The module imports initAll from GOV.UK Frontend's ES module build, relative to itself."""
    js = Path(finders.find("web/app.mjs")).read_text()
    assert 'import { initAll } from "../govuk/govuk-frontend.min.js"' in js
    assert "initAll();" in js


def test_posts_need_a_csrf_token(cast):
    """Every form is protected against cross-site requests."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.carol)
    response = client.post(reverse("web:party_new"), {"form": "party", "party-name": "X"})
    assert response.status_code == 403
    page = client.get(reverse("web:party_new")).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
