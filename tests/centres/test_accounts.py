"""Password reset, the admin behind the application's sign-in, and the default schedules."""

import re

from django.core import mail
from django.urls import reverse

from ..factories import UserFactory


def test_password_reset_by_email(client, social_worker):
    client.post(reverse("account_reset_password"), {"email": social_worker.email})
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    new = "new-river-lantern-2026"
    client.post(form_url, {"password1": new, "password2": new})
    client.logout()
    assert client.login(email=social_worker.email, password=new)


def test_unknown_address_gets_no_reset_mail(client, db):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert all("password/reset/key" not in m.body for m in mail.outbox)


def test_admin_is_behind_the_application_sign_in(client, social_worker):
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(social_worker)
    assert client.get("/admin/login/").status_code == 403
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200


def test_default_schedules_reach_the_database_scheduler(transactional_db):
    # The scheduler closes stale database connections, as beat does in production.
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import DatabaseScheduler

    from workercentre.celery import app

    DatabaseScheduler(app=app).setup_schedule()
    task = PeriodicTask.objects.get(name="purge-expired-access")
    assert task.task == "centres.tasks.purge_expired_access"
    assert task.crontab is not None


def test_the_admin_deactivates_people_and_never_deletes_them(client, social_worker):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = f"/admin/centres/user/{social_worker.pk}/delete/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    from centres.models import User

    assert User.objects.filter(pk=social_worker.pk).exists()
