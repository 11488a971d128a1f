"""Two confirmations of one import at the same moment, on PostgreSQL: one import."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from centres.categories import BUILT_IN, ServiceCategory
from centres.submissions import FIELD, new_key
from members.models import Member

pytestmark = pytest.mark.postgresql


@pytest.fixture(autouse=True)
def built_in_categories(transactional_db):
    for position, (code, (kind, _name)) in enumerate(BUILT_IN.items()):
        ServiceCategory.objects.get_or_create(
            code=code, centre=None, defaults={"kind": kind, "position": position}
        )


def test_two_confirmations_at_once_import_once(transactional_db, manager, centre):
    first = Client()
    first.force_login(manager)
    rows = tablib.Dataset(["Sita"], ["Rahim"], ["Amina"], headers=["preferred_name"])
    upload = SimpleUploadedFile("m.csv", rows.export("csv").encode(), content_type="text/csv")
    url = reverse("member_import", args=[centre.pk])
    checked = first.post(url, {"file": upload})
    # The same browser sending the confirmation twice: one session, one form key.
    second = Client()
    second.cookies = first.cookies
    data = {"import_id": checked.context["import_id"], FIELD: new_key()}
    barrier = Barrier(2)

    def confirm(client):
        try:
            barrier.wait(timeout=30)
            return client.post(url, data)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        responses = list(pool.map(confirm, [first, second]))
    assert Member.objects.count() == 3
    assert [r.status_code for r in responses] == [302, 302]
