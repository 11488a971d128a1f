"""Which addresses a link may open. A view that only takes its button's POST
(`require_POST`, `require_http_methods`) answers a GET with 405: such an address is
never followed after signing in, and its 405 page links to the page holding the button."""

from collections.abc import Callable, Collection
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve, reverse


def allowed_methods(view: Callable) -> Collection[str] | None:
    """The methods a view takes, or None when it does not say (it takes any)."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return [m.upper() for m in view_class.http_method_names if hasattr(view_class, m)]
    while view is not None:
        code = getattr(view, "__code__", None)
        # Django's require_http_methods keeps the list in its wrapper's closure.
        if code is not None and "request_method_list" in code.co_freevars:
            cell = view.__closure__[code.co_freevars.index("request_method_list")]
            return cell.cell_contents
        view = getattr(view, "__wrapped__", None)
    return None


def opens_by_link(path: str) -> bool:
    """Whether a GET of this path reaches a page (not a 404, not a 405)."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return False
    methods = allowed_methods(match.func)
    return methods is None or "GET" in methods


def page_of(path: str) -> str:
    """The nearest page above a button's address that a link opens: the ballot's page
    for `/centres/1/ballots/2/close/`, the home page when none is found."""
    parts = urlsplit(path).path.strip("/").split("/")
    while parts:
        parts.pop()
        candidate = "/" + "/".join(parts) + "/" if parts else "/"
        if opens_by_link(candidate):
            return candidate
    return reverse("home")
