"""The address a request came from, for the login throttle (django-axes).

Behind the one TLS-terminating proxy `TLS_PROXY=1` promises, every request reaches Django
from the proxy's own address; the proxy appends the address it saw to X-Forwarded-For. That
last entry is the client's. Entries before it were sent by the client and prove nothing: a
client forging one still counts under its own address.
"""


def behind_proxy(request) -> str | None:
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    return last or request.META.get("REMOTE_ADDR")
