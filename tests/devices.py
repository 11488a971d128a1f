"""Pair a test client with a kiosk or a voting booth, as staff do on the tablet."""

from __future__ import annotations

from django.test import Client

from members.actions import booth_device_create, kiosk_create


def pair(client: Client, code: str, kind: str = "kiosk") -> None:
    """Send the pairing code from the device's pairing page: the client then holds the
    device's cookie. `kind` is "kiosk" or "booth"."""
    response = client.post(f"/{kind}/pair/", {"code": code})
    assert response.status_code == 302, response.content.decode()[:2000]
    client.get(response["Location"])  # as a browser does: its notice is shown there


def paired_kiosk(client: Client, centre, by=None, label: str = "Front door"):
    """A new kiosk of `centre`, paired with `client`."""
    kiosk, code = kiosk_create(centre=centre, label=label, by=by)
    pair(client, code, "kiosk")
    return kiosk


def paired_booth(client: Client, centre, by=None, label: str = "Booth 1"):
    """A new booth device of `centre`, paired with `client`."""
    device, code = booth_device_create(centre=centre, label=label, by=by)
    pair(client, code, "booth")
    return device


def pair_in_browser(page, base_url: str, code: str, kind: str = "kiosk") -> None:
    """Pair a Playwright page's browser as staff do: open the pairing page, type the
    code, send it. The page then shows the device's first page."""
    page.goto(f"{base_url}/{kind}/pair/")
    page.locator("input[name=code]").fill(code)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/{kind}/")
