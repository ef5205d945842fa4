"""Sign-in links (sharedspace/signin.py)."""

from __future__ import annotations

from sesame.utils import get_user

from sharedspace.governance import actions
from sharedspace.signin import sign_in_url


def test_a_sign_in_link_names_the_person_it_signs_in(db, monkeypatch):
    """The link is the base URL, /sign-in/link/ and a sesame token for that person only."""
    monkeypatch.delenv("SHAREDSPACE_BASE_URL", raising=False)
    nia = actions.person_create(email="nia@example.org", name="Nia")
    rhys = actions.person_create(email="rhys@example.org", name="Rhys")
    url = sign_in_url(nia)
    assert url.startswith("http://127.0.0.1:8000/sign-in/link/?sesame=")
    token = url.split("sesame=", 1)[1]
    assert get_user(token) == nia
    assert get_user(sign_in_url(rhys).split("sesame=", 1)[1]) == rhys


def test_the_base_url_comes_from_the_argument_or_the_environment(db, monkeypatch):
    """An explicit base_url wins; otherwise SHAREDSPACE_BASE_URL, without a double slash."""
    nia = actions.person_create(email="nia@example.org", name="Nia")
    monkeypatch.setenv("SHAREDSPACE_BASE_URL", "https://shared.example.org/")
    assert sign_in_url(nia).startswith("https://shared.example.org/sign-in/link/?sesame=")
    assert sign_in_url(nia, base_url="http://localhost:9000").startswith(
        "http://localhost:9000/sign-in/link/?sesame="
    )
