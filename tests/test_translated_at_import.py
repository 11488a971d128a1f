"""Translated strings are translated when shown, in the reader's language, never once at
import time (where they freeze in the default language)."""

import ast
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
APPS = ["centres", "members", "services", "advocacy", "demo", "workercentre"]
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}
LAZY = {"gettext_lazy", "ngettext_lazy", "pgettext_lazy", "npgettext_lazy"}


def _import_time_translations(path: Path) -> list[str]:
    """Lines where a module or class body calls gettext, or formats, joins or
    concatenates a lazy translation (which turns it into a plain str right there)."""
    tree = ast.parse(path.read_text())
    names = {
        alias.asname or alias.name: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
    }

    def translated(node, kinds) -> bool:
        return (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and names.get(node.func.id) in kinds
        )

    found = []

    def visit(node) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            defaults = node.args.defaults + [d for d in node.args.kw_defaults if d]
            for child in defaults + getattr(node, "decorator_list", []):
                visit(child)
            return  # the body runs later, when a language is active
        eager = translated(node, EAGER)
        formatted = isinstance(node, ast.BinOp) and translated(node.left, LAZY | EAGER)
        in_fstring = isinstance(node, ast.JoinedStr) and any(
            translated(value.value, LAZY)
            for value in node.values
            if isinstance(value, ast.FormattedValue)
        )
        method = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"format", "join", "upper", "lower", "strip"}
            and translated(node.func.value, LAZY)
        )
        if eager or formatted or in_fstring or method:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_no_module_translates_at_import_time():
    found = [
        line
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for line in _import_time_translations(path)
    ]
    assert found == []


def test_the_consent_instruction_is_in_the_readers_language(client, social_worker, centre):
    client.force_login(social_worker)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("member_register", args=[centre.pk])).content.decode()
    assert "اقرأ كل جملة على الشخص" in page
    assert "Read each sentence to the person" not in page
