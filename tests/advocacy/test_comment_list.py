"""The comment list at its cost: theme, channel and sentiment labels translated once a
page (every comment's coding form lists every theme), and no member's ciphertext read
for a comment that shows only their code."""

from unittest import mock

from django.conf import settings
from django.urls import reverse

from advocacy.feedback.actions import comment_code
from advocacy.models import Comment
from centres import crypto

from ..factories import CommentFactory, MemberFactory
from ..translations import catalogue_lookups


def _comments(centre, by, count):
    for n in range(Comment.objects.filter(centre=centre).count(), count):
        member = MemberFactory(centre=centre, phone="+962 79 555 0101")
        comment = CommentFactory(
            centre=centre, text=f"Comment {n}", member=member, contact_wanted=True
        )
        comment_code(comment=comment, by=by, themes=["wages", "osh"], sentiment="negative")


def test_labels_are_looked_up_once_a_page(client, social_worker, centre):
    client.force_login(social_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    url = reverse("comment_list", args=[centre.pk])
    _comments(centre, social_worker, 2)
    client.get(url)
    with catalogue_lookups() as few:
        client.get(url)
    _comments(centre, social_worker, 25)
    with catalogue_lookups() as many:
        page = client.get(url).content.decode()
    # A row still translates its own dozen words (headings, buttons), never a label
    # per theme: 25 themes a form and 2 coded a comment would be about 80.
    assert many.call_count - few.call_count <= 15 * 23
    assert page.count('<span class="tag">الأجور وسرقة الأجور</span>') == 25  # wages
    assert page.count("· سلبي") == 25  # negative
    assert page.count("هاتف العضو") == 25  # the member's phone, as the channel
    assert page.count('value="wages" checked>') == page.count('value="osh" checked>') == 25
    assert page.count('value="wages">') == page.count('value="documents" checked>') == 0


def test_the_list_decrypts_only_the_comments(client, manager, centre):
    _comments(centre, manager, 10)
    client.force_login(manager)
    with mock.patch.object(crypto, "decrypt", wraps=crypto.decrypt) as decrypt:
        page = client.get(reverse("comment_list", args=[centre.pk])).content.decode()
    assert page.count("Comment ") >= 10
    assert decrypt.call_count == 10
