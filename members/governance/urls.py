from django.urls import path

from . import (
    views_ballots,
    views_booth,
    views_elections,
    views_meetings,
    views_paper,
    views_schedules,
)

centre = "centres/<int:centre_id>/"
ballot = centre + "ballots/<int:ballot_id>/"

urlpatterns = [
    path(centre + "governance/", views_ballots.governance_home, name="governance_home"),
    path(centre + "ballots/new/", views_ballots.ballot_new, name="ballot_new"),
    path(ballot, views_ballots.ballot_detail, name="ballot_detail"),
    path(ballot + "open/", views_ballots.ballot_open, name="ballot_open"),
    path(ballot + "close/", views_schedules.ballot_close, name="ballot_close"),
    path(ballot + "vote/", views_ballots.ballot_vote, name="ballot_vote"),
    path(ballot + "withdraw/", views_ballots.ballot_withdraw, name="ballot_withdraw"),
    path(ballot + "reschedule/", views_schedules.ballot_reschedule, name="ballot_reschedule"),
    path(ballot + "receipts/", views_ballots.ballot_receipts, name="ballot_receipts"),
    path(ballot + "draw/", views_ballots.ballot_tie_draw, name="ballot_tie_draw"),
    path(
        ballot + "options/<int:option_id>/respond/",
        views_ballots.priority_respond,
        name="priority_respond",
    ),
]

election = centre + "elections/<int:election_id>/"
urlpatterns += [
    path(
        centre + "committees/<int:committee_id>/",
        views_elections.committee_detail,
        name="committee_detail",
    ),
    path(
        centre + "committees/<int:committee_id>/elections/new/",
        views_elections.election_new,
        name="election_new",
    ),
    path(election, views_elections.election_detail, name="election_detail"),
    path(
        election + "candidates/<int:candidate_id>/accept/",
        views_elections.candidate_accept,
        name="candidate_accept",
    ),
    path(election + "open/", views_elections.election_open_voting, name="election_open_voting"),
    path(
        election + "candidates/<int:candidate_id>/picture/",
        views_elections.candidate_picture,
        name="candidate_picture",
    ),
    path(election + "certify/", views_elections.election_certify, name="election_certify"),
    path(
        election + "unopposed/",
        views_elections.election_declare_unopposed,
        name="election_declare_unopposed",
    ),
    path(
        election + "candidates/<int:candidate_id>/acceptance/",
        views_elections.candidate_record_acceptance,
        name="candidate_record_acceptance",
    ),
    path(
        election + "reschedule/",
        views_schedules.election_reschedule,
        name="election_reschedule",
    ),
]

urlpatterns += [
    path(
        centre + "committees/<int:committee_id>/meetings/new/",
        views_meetings.meeting_new,
        name="meeting_new",
    ),
    path(
        centre + "meetings/<int:meeting_id>/", views_meetings.meeting_detail, name="meeting_detail"
    ),
    path(
        centre + "decisions/<int:decision_id>/publish/",
        views_meetings.decision_publish,
        name="decision_publish",
    ),
]

urlpatterns += [
    path(centre + "booths/", views_booth.booth_devices, name="booth_devices"),
    path(
        centre + "booths/<int:device_id>/revoke/",
        views_booth.booth_device_revoke,
        name="booth_device_revoke",
    ),
    path(ballot + "polling/", views_booth.ballot_polling, name="ballot_polling"),
    path(ballot + "officers/", views_booth.polling_officer_name, name="polling_officer_name"),
    path(
        ballot + "officers/<int:officer_id>/remove/",
        views_booth.polling_officer_remove,
        name="polling_officer_remove",
    ),
    path(
        ballot + "polling/<int:pass_id>/cancel/",
        views_booth.booth_pass_cancel,
        name="booth_pass_cancel",
    ),
    # A booth's pages hold no secret in their address: the tablet's cookie says which.
    path("booth/", views_booth.booth, name="booth"),
    path("booth/pair/", views_booth.booth_pair, name="booth_pair"),
    path(
        "booth/pictures/<int:candidate_id>/",
        views_booth.booth_picture,
        name="booth_picture",
    ),
    path(ballot + "paper/", views_paper.ballot_paper, name="ballot_paper"),
    path(ballot + "paper/batches/", views_paper.paper_batch_enter, name="paper_batch_enter"),
    path(
        ballot + "paper/batches/<int:batch_id>/confirm/",
        views_paper.paper_batch_confirm,
        name="paper_batch_confirm",
    ),
    path(
        ballot + "paper/batches/<int:batch_id>/discard/",
        views_paper.paper_batch_discard,
        name="paper_batch_discard",
    ),
]
