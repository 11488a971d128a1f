"""A name, title, label or code put into a sentence built in Python (a message after a
form, an error) is isolated from it (U+2068 … U+2069): in Arabic, "الاقتراع مفتوح في
Booth 1." otherwise shows its full stop beside the English name, and a code's hyphen
and digits run into the sentence."""

import ast
from pathlib import Path

from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from centres.templatetags.bidi import isolated

from ..factories import CommitteeFactory, MemberFactory, open_ballot

APPS = ("centres", "members", "services", "advocacy")
# A value named like these is a name, a title, a label or a code typed by someone.
NAMED = (".name", ".code", ".label", ".title", ".email", ".reference", ".device", ".text")
TRANSLATE = {"_", "gettext", "ngettext", "gettext_lazy", "pgettext"}


def _bare_values(tree: ast.AST, source: str) -> list[str]:
    """Values of `_("…%(x)s…") % {"x": value}` that name something and are not isolated.
    E-mail subjects and bodies are plain text, left to the mail program: isolate marks
    would show there as boxes (`centres.mail`)."""
    bare = []
    subjects = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword) and node.arg in ("subject", "body", "message")
        for inner in ast.walk(node.value)
    }
    for node in ast.walk(tree):
        if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod)):
            continue
        if id(node) in subjects or not isinstance(node.right, ast.Dict):
            continue
        left = node.left
        if not (isinstance(left, ast.Call) and getattr(left.func, "id", "") in TRANSLATE):
            continue
        for value in node.right.values:
            text = ast.get_source_segment(source, value)
            if text.endswith(").label"):
                continue  # a translated choice's label, e.g. Status(to).label
            if text.endswith(NAMED) or text in ("code", "who"):
                bare.append(f"line {value.lineno}: {text}")
    return bare


def test_names_in_sentences_built_in_python_are_isolated():
    bare = []
    for app in APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            source = path.read_text()
            bare += [f"{path.relative_to(settings.BASE_DIR)} {where}"
                     for where in _bare_values(ast.parse(source), source)]  # fmt: skip
    assert bare == []


def test_the_scan_finds_a_bare_name():
    source = 'x = _("Saved %(name)s.") % {"name": service.name}\n'
    assert _bare_values(ast.parse(source), source) == ["line 1: service.name"]
    source = 'x = _("Saved %(name)s.") % {"name": isolated(service.name)}\n'
    assert _bare_values(ast.parse(source), source) == []


def test_the_booth_named_in_the_check_in_message_is_isolated(
    client, manager, committee_member, centre
):
    from members.actions import booth_device_create

    member = MemberFactory(centre=centre)
    ballot = open_ballot(CommitteeFactory(centre=centre))
    device, _token = booth_device_create(
        centre=centre, label="Booth behind the curtain", by=manager
    )
    client.force_login(committee_member)
    client.cookies["django_language"] = "ar"
    response = client.post(
        reverse("ballot_polling", args=[centre.pk, ballot.pk]),
        {"code": member.code, "device": device.pk},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(isolated("Booth behind the curtain") in text for text in texts), texts


def test_a_saved_category_is_named_isolated(client, manager, centre):
    client.force_login(manager)
    response = client.post(
        reverse("category_add", args=[centre.pk]), {"name": "Laundry", "kind": "supplementary"}
    )
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("\u2068Laundry\u2069" in text for text in texts), texts
