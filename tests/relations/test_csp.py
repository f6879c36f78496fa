"""The Content-Security-Policy is on in every mode, and no page needs what it forbids.

A browser blocks, under this policy, any inline <script> or <style> without the request's
nonce, any style="" attribute whose hash the policy does not list, event handler attributes
(onclick=…), javascript: links, and anything loaded from another site. Each page of the
public site and of the admin is read and checked for all of these, so a template that
would break (silently, in a visitor's browser) fails here first.
"""

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from tests.site_pages import admin_action_pages, admin_pages, public_pages

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"'nonce-([^']+)'")


def allowed_style_hashes() -> set[str]:
    return {v for v in settings.SECURE_CSP.get("style-src-attr", []) if v.startswith("'sha256-")}


def style_hash(value: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(value.encode()).digest()).decode() + "'"


class _Blocked(HTMLParser):
    """Collects what the policy would block in one page."""

    def __init__(self, nonce: str | None):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.blocked: list[str] = []
        self.style_hashes = allowed_style_hashes()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.blocked.append(f"<{tag} {name}=…> event handler attribute")
            if name == "style" and style_hash(value or "") not in self.style_hashes:
                self.blocked.append(f'<{tag} style="{value}">')
            if name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}={value!r}>")
        nonced = self.nonce is not None and attributes.get("nonce") == self.nonce
        if tag == "script" and not attributes.get("src") and not nonced:
            self.blocked.append("inline <script> without the nonce")
        if tag == "style" and not nonced:
            self.blocked.append("<style> without the nonce")
        for name in ("src", "href"):
            url = attributes.get(name) or ""
            loads = tag in {"script", "img", "iframe", "embed", "source"} or (
                tag == "link" and "stylesheet" in (attributes.get("rel") or "")
            )
            if loads and re.match(r"(?i)(https?:)?//", url):
                self.blocked.append(f"<{tag} {name}={url!r}> from another site")
            elif loads and re.match(r"(?i)\s*(data|blob):", url):
                self.blocked.append(f"<{tag} {name}={url[:20]!r}…> inline data")
        if tag in {"object", "embed", "iframe", "frame"}:
            self.blocked.append(f"<{tag}>")


def blocked(response) -> list[str]:
    policy = response.headers.get("Content-Security-Policy", "")
    found = NONCE.search(policy)
    parser = _Blocked(found.group(1) if found else None)
    parser.feed(response.content.decode())
    parser.close()
    return parser.blocked


def check(responses: dict[str, object]) -> dict[str, list[str]]:
    problems = {}
    for name, response in responses.items():
        if response.status_code != 200:
            problems[name] = [f"status {response.status_code}"]
        elif "Content-Security-Policy" not in response.headers:
            problems[name] = ["no Content-Security-Policy header"]
        elif found := blocked(response):
            problems[name] = found
    return problems


def test_the_policy_is_strict_and_sent_outside_production_too(client, ingested):
    """The suite runs with the development settings (not DEBUG=0's): the policy is there."""
    policy = client.get("/").headers["Content-Security-Policy"]

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no nonce asked for: none granted
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_public_page_needs_what_the_policy_blocks(client, ingested):
    pages = public_pages()
    assert len(pages) >= 14

    assert check({name: client.get(url) for name, url in pages.items()}) == {}


def test_no_admin_page_needs_what_the_policy_blocks(admin_client, admin_user, ingested):
    pages = admin_pages(admin_user)
    assert {"review queue", "upload", "relations.meeting history entry"} <= set(pages)

    responses = {name: admin_client.get(url, follow=True) for name, url in pages.items()}
    responses |= admin_action_pages(admin_client)

    assert check(responses) == {}


def test_the_admin_login_page_passes_too(client, db):
    assert check({"login": client.get("/admin/login/")}) == {}


def test_admin_pages_get_a_fresh_nonce_for_their_inline_script_tags(
    admin_client, admin_user, ingested
):
    """The admin's templates mark their <script>/<style> with the request's nonce; the header
    grants that nonce and no other, and each response has a new one."""
    url = admin_pages(admin_user)["relations.meeting change"]

    first, second = admin_client.get(url), admin_client.get(url)

    nonces = [NONCE.search(r.headers["Content-Security-Policy"]).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]
    assert f'nonce="{nonces[0]}"' in first.content.decode()


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<script>alert(1)</script>", ["inline <script> without the nonce"]),
        ('<script nonce="other">x()</script>', ["inline <script> without the nonce"]),
        ("<style>p{}</style>", ["<style> without the nonce"]),
        ('<p style="color: red">', ['<p style="color: red">']),
        ('<a onclick="x()">', ["<a onclick=…> event handler attribute"]),
        ('<a href="javascript:x()">', ["<a href='javascript:x()'>"]),
        (
            '<script src="https://cdn.example.com/x.js"></script>',
            ["<script src='https://cdn.example.com/x.js'> from another site"],
        ),
        (
            '<img src="data:image/png;base64,AAAA">',
            ["<img src='data:image/png;base6'…> inline data"],
        ),
        ('<script src="/static/x.js" nonce="n"></script><style nonce="n"></style>', []),
        ('<p class="paginator" style="border-top: 0">', ['<p style="border-top: 0">']),
    ],
)
def test_the_check_finds_what_a_browser_would_block(html, expected):
    class Page:
        headers = {"Content-Security-Policy": "script-src 'self' 'nonce-n'"}
        content = html.encode()

    assert blocked(Page) == expected
