"""The account page's tokens part says who needs a token and how to send one: in the
``Authorization`` header as ``Bearer <token>``, with an example at this service's own address
that really works when the words YOUR-TOKEN are replaced by a token."""

from __future__ import annotations

import re
import shlex
from html import unescape

from django.test import Client, override_settings
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.web import easyread


def tokens_part(client: Client) -> str:
    html = client.get(reverse("web:account")).content.decode()
    return html[html.index('id="tokens"'):html.index('id="erase"')]


def example(part: str) -> list[str]:
    """The example command, as the words a terminal would see."""
    found = re.search(r"<code>(curl .*?)</code>", part, re.S)
    assert found, part
    return shlex.split(unescape(found.group(1)))


def test_the_page_says_who_needs_a_token_and_how_to_send_it(cast, signed_in):
    part = tokens_part(signed_in(cast.carol))
    assert "You need a token only if you connect another program to Shared Space." in part
    assert "<code>Authorization: Bearer</code>, a space, then the token." in part
    command = example(part)
    assert command == ["curl", "-H", "Authorization: Bearer YOUR-TOKEN",
                       "http://testserver/api/v1/me"]


def test_the_example_works_with_a_real_token(cast, signed_in):
    """The header and address of the example, with YOUR-TOKEN replaced by a real token, read
    the person's own details from the API; the words YOUR-TOKEN themselves are refused."""
    _curl, _flag, header, address = example(tokens_part(signed_in(cast.carol)))
    name, _colon, value = header.partition(": ")
    assert name == "Authorization"
    _token, raw = actions.token_create(actor=cast.carol, name="Spreadsheet")
    api = Client()  # no session: the token alone signs the request in
    path = address.removeprefix("http://testserver")
    answer = api.get(path, HTTP_AUTHORIZATION=value.replace("YOUR-TOKEN", raw))
    assert answer.status_code == 200
    assert answer.json()["email"] == "carol@example.org"
    assert api.get(path, HTTP_AUTHORIZATION=value).status_code == 401


@override_settings(SHAREDSPACE_BASE_URL="https://shared.example.org/")
def test_the_example_uses_the_address_people_reach_the_service_by(cast, signed_in):
    """Behind a proxy the request's own address may not be the service's: the example uses
    SHAREDSPACE_BASE_URL when it is set, as the sign-in links do."""
    assert example(tokens_part(signed_in(cast.carol)))[-1] == "https://shared.example.org/api/v1/me"


def test_the_new_token_page_keeps_the_help(cast, signed_in):
    """Just after making a token, the help is still there, next to the token to copy."""
    from .conftest import form_data

    response = signed_in(cast.carol).post(reverse("web:account"),
                                          form_data("token", name="Spreadsheet"))
    assert response.status_code == 201
    html = response.content.decode()
    assert "Copy this token now." in html
    assert "http://testserver/api/v1/me" in html


def test_easy_read_says_who_needs_one(cast, signed_in):
    client = signed_in(cast.carol)
    client.cookies["easy_read"] = "1"
    part = tokens_part(client)
    line = "You only need one to connect another program."
    assert line in part
    assert line in [str(said) for said in easyread.TEXTS["tokens"].lines]
