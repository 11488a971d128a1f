"""django-allauth's pages speak Hindi, Nepali and Bengali.

allauth 65.21.1 ships no catalogue for hi, ne or bn; locale_allauth/ carries one. Each page
below must show a string that only that catalogue translates (the English text is absent).
"""

import pytest
from django.conf import settings
from django.urls import reverse

from .factories import PASSWORD

# (English text allauth renders, {language: translation}) for each page.
PAGES = {
    "account_login": (
        "Forgot your password?",
        {"hi": "पासवर्ड भूल गए?", "ne": "पासवर्ड बिर्सनुभयो?", "bn": "পাসওয়ার্ড ভুলে গেছেন?"},
    ),
    "account_reset_password": (
        "Reset My Password",
        {
            "hi": "मेरा पासवर्ड बदलें",
            "ne": "मेरो पासवर्ड बदल्नुहोस्",
            "bn": "আমার পাসওয়ার্ড রিসেট করুন",
        },
    ),
    "account_reauthenticate": (
        "Please reauthenticate to safeguard your account.",
        {
            "hi": "अपने खाते की सुरक्षा के लिए कृपया फिर से पहचान साबित करें।",
            "ne": "आफ्नो खाताको सुरक्षाका लागि कृपया फेरि पहिचान पुष्टि गर्नुहोस्।",
            "bn": "আপনার অ্যাকাউন্টের সুরক্ষার জন্য অনুগ্রহ করে আবার পরিচয় নিশ্চিত করুন।",
        },
    ),
    "mfa_index": (
        "An authenticator app is not active.",
        {
            "hi": "ऑथेंटिकेटर ऐप चालू नहीं है।",
            "ne": "प्रमाणीकरण एप सुरु छैन।",
            "bn": "অথেনটিকেটর অ্যাপ চালু নেই।",
        },
    ),
    "mfa_activate_totp": (
        "Activate Authenticator App",
        {
            "hi": "ऑथेंटिकेटर ऐप चालू करें",
            "ne": "प्रमाणीकरण एप सुरु गर्नुहोस्",
            "bn": "অথেনটিকেটর অ্যাপ চালু করুন",
        },
    ),
    "account_change_password": (
        "Current Password",
        {"hi": "अभी का पासवर्ड", "ne": "अहिलेको पासवर्ड", "bn": "এখনকার পাসওয়ার্ড"},
    ),
    "account_logout": (
        "Are you sure you want to sign out?",
        {
            "hi": "क्या आप सच में साइन आउट करना चाहते हैं?",
            "ne": "के तपाईं साँच्चै साइन आउट गर्न चाहनुहुन्छ?",
            "bn": "আপনি কি সত্যিই সাইন আউট করতে চান?",
        },
    ),
}
SIGNED_OUT = {"account_login", "account_reset_password"}
# Setting up the authenticator app asks for the password again first.
ASKS_AGAIN = {"mfa_activate_totp"}


@pytest.mark.parametrize("language", ["hi", "ne", "bn"])
@pytest.mark.parametrize("url_name", list(PAGES))
def test_allauth_page_is_translated(client, manager, url_name, language):
    english, translations = PAGES[url_name]
    if url_name not in SIGNED_OUT:
        client.force_login(manager)
    if url_name in ASKS_AGAIN:
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    page = response.content.decode()
    assert translations[language] in page
    assert english not in page


def test_english_still_reads_english(client, manager):
    client.force_login(manager)
    page = client.get(reverse("mfa_index")).content.decode()
    assert "An authenticator app is not active." in page
