"""Every page of the foundation renders in the five languages; Arabic is right-to-left."""

import pytest
from django.conf import settings
from django.urls import reverse

from centres.tokens import hash_token

from .factories import InvitationFactory

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# A string of the base layout in each language, proving its catalogue is compiled and used.
SKIP_LINK = {
    "en": "Skip to content",
    "ar": "انتقل إلى المحتوى",
    "hi": "सामग्री पर जाएँ",
    "ne": "सामग्रीमा जानुहोस्",
    "bn": "বিষয়বস্তুতে যান",
}


def _pages(centre):
    InvitationFactory(centre=centre, token_hash=hash_token("lang-token"))
    return {
        "manager": [
            reverse("home"),
            reverse("centre_detail", args=[centre.pk]),
            reverse("centre_edit", args=[centre.pk]),
            reverse("staff_list", args=[centre.pk]),
            reverse("staff_invite", args=[centre.pk]),
            reverse("audit_trail", args=[centre.pk]),
            reverse("retention", args=[centre.pk]),
            reverse("mfa_index"),
            reverse("account_reauthenticate"),
        ],
        None: [
            reverse("account_login"),
            reverse("account_reset_password"),
            reverse("invitation_accept", args=["lang-token"]),
        ],
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_renders_in_each_language(client, manager, centre, language):
    for who, urls in _pages(centre).items():
        client.logout()  # also empties the cookie jar
        if who:
            client.force_login(manager)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            page = response.content.decode()
            assert (
                f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in page
            ), url
            assert SKIP_LINK[language] in page, (url, language)


def test_language_switcher_sets_the_language(client, db):
    response = client.post(
        reverse("set_language"), {"language": "ar", "next": reverse("account_login")}
    )
    assert response.status_code == 302
    page = client.get(reverse("account_login")).content.decode()
    assert 'dir="rtl"' in page
