"""Pages travel compressed (GZipMiddleware), and no page loads a script it does not use."""

import gzip

from django.urls import reverse


def test_pages_are_gzipped_for_browsers_that_accept_it(client, worker, centre):
    client.force_login(worker)
    url = reverse("centre_detail", args=[centre.pk])
    response = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    page = gzip.decompress(response.content).decode()
    assert centre.name in page
    assert "htmx" not in page
    assert client.get(url).get("Content-Encoding") is None


def test_the_csrf_token_differs_on_every_response(client, db):
    """BREACH: a secret repeated byte for byte in compressed bodies can be guessed;
    Django masks the CSRF token afresh each time."""
    url = reverse("account_login")
    first, second = (client.get(url).content.decode() for _ in range(2))
    marker = 'name="csrfmiddlewaretoken" value="'

    def token(page):
        start = page.index(marker) + len(marker)
        return page[start : page.index('"', start)]

    assert token(first) != token(second)
