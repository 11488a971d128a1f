"""Demo feedback: a survey set up when the centre opened and answered on phones, at the
kiosk and on paper over the four months since, free comments of the last months coded
into themes a few days after they came, one shared with the committee redacted.

Deterministic (a fixed random seed), and only ever loaded into a centre without surveys.
"""

import random
import secrets
from datetime import time, timedelta

from advocacy.feedback import actions
from advocacy.models import Comment, Survey
from centres import local_time
from centres.local_time import wall_clock, zone_of
from centres.models import User

QUESTIONS = [
    (
        "rating",
        {
            "en": "How welcome did you feel at the centre?",
            "ar": "هل شعرت بالترحيب في المركز؟",
            "hi": "केंद्र में आपका स्वागत कैसा लगा?",
            "ne": "केन्द्रमा तपाईंलाई कत्तिको स्वागत महसुस भयो?",
            "bn": "কেন্দ্রে আপনি কতটা স্বাগত বোধ করেছেন?",
        },
        [],
    ),
    (
        "single",
        {
            "en": "Which service did you use today?",
            "ar": "ما الخدمة التي استخدمتها اليوم؟",
            "hi": "आज आपने कौन सी सेवा ली?",
            "ne": "आज तपाईंले कुन सेवा प्रयोग गर्नुभयो?",
            "bn": "আজ আপনি কোন সেবা নিয়েছেন?",
        },
        [
            {"en": "Advice", "ar": "نصيحة", "hi": "सलाह", "ne": "सल्लाह", "bn": "পরামর্শ"},
            {
                "en": "Language class",
                "ar": "درس لغة",
                "hi": "भाषा कक्षा",
                "ne": "भाषा कक्षा",
                "bn": "ভাষা ক্লাস",
            },
            {
                "en": "Just to meet",
                "ar": "للقاء فقط",
                "hi": "बस मिलने",
                "ne": "भेट्न मात्र",
                "bn": "শুধু দেখা করতে",
            },
        ],
    ),
    (
        "comment",
        {
            "en": "Anything else you want to tell us?",
            "ar": "هل هناك شيء آخر تريد إخبارنا به؟",
            "hi": "और कुछ बताना चाहेंगे?",
            "ne": "अरू केही भन्न चाहनुहुन्छ?",
            "bn": "আর কিছু বলতে চান?",
        },
        [],
    ),
]

COMMENTS = [
    ("Our wages are paid two months late.", ["wages", "wages_withheld"], "negative", True),
    ("The agency kept my passport when I arrived.", ["documents", "recruitment"], "negative", True),
    ("We work 14 hours with no day off.", ["working_time", "overtime"], "negative", False),
    ("I paid 900 dollars in recruitment fees at home.", ["recruitment", "debt"], "negative", True),
    ("The Arabic class helps me a lot, thank you.", ["language"], "positive", False),
    ("Please open on Friday mornings too.", ["centre"], "mixed", False),
    ("The fire exit at the factory is locked at night.", ["osh"], "negative", True),
    (
        "The supervisor shouts at the women on the line.",
        ["discrimination", "intimidation"],
        "negative",
        False,
    ),
    ("Twelve of us sleep in one room.", ["living", "conditions"], "negative", True),
    ("The lawyer got my wages back. Thank you!", ["advice", "wages"], "positive", True),
]


# Comments came over the last weeks, within the demo programme's 3 months for their
# words (`demo.retention`), so that only its examples are past it.
COMMENT_DAYS = 80


def load_feedback(centre, *, manager: User, social: User, days: int = 120) -> None:
    """`days`: how far back the survey's answers go, no further than the centre's
    opening, when the survey was set up."""
    rng = random.Random(12)  # noqa: S311 - demo data, not security
    survey = actions.survey_create(
        centre=centre,
        by=manager,
        titles={
            "en": "How was your visit?",
            "ar": "كيف كانت زيارتك؟",
            "hi": "आपकी यात्रा कैसी रही?",
            "ne": "तपाईंको भ्रमण कस्तो रह्यो?",
            "bn": "আপনার আসা কেমন ছিল?",
        },
    )
    Survey.objects.filter(pk=survey.pk).update(created_at=centre.created_at)
    questions = [
        actions.question_add(survey=survey, by=manager, kind=kind, texts=texts, options=options)
        for kind, texts, options in QUESTIONS
    ]
    rating, choice, _comment = questions
    today = local_time.today(centre)
    for n in range(90):
        channel = ("phone", "kiosk", "paper")[n % 3]
        actions.response_submit(
            survey=survey,
            centre=centre,
            channel=channel,
            answers={rating.pk: rng.choice([3, 4, 4, 5, 5, 2]), choice.pk: rng.choice("123")},
            once=secrets.token_urlsafe(12),
            entered_by=social if channel == "paper" else None,
            submitted_on=today - timedelta(days=rng.randrange(1, days)),
            kiosk_ticket=secrets.token_urlsafe(12) if channel == "kiosk" else None,
        )
    for n in range(40):
        text, themes, sentiment, may_share = COMMENTS[n % len(COMMENTS)]
        comment = actions.comment_leave(
            centre=centre,
            channel=("phone", "kiosk", "paper")[n % 3],
            text=text,
            once=secrets.token_urlsafe(12),
            may_share=may_share,
            entered_by=social if n % 3 == 2 else None,
        )
        submitted_on = today - timedelta(days=rng.randrange(1, COMMENT_DAYS))
        Comment.objects.filter(pk=comment.pk).update(submitted_on=submitted_on)
        if n < 34:  # a few are left for staff to code
            actions.comment_code(comment=comment, by=social, themes=themes, sentiment=sentiment)
            # Coded at the end of a day up to four days later, if that day has come.
            coded = wall_clock(submitted_on + timedelta(days=n % 5), time(17), zone_of(centre))
            Comment.objects.filter(pk=comment.pk, coded_at__gt=coded).update(coded_at=coded)
    shared = Comment.objects.filter(centre=centre, may_share=True).first()
    actions.comment_share_approve(
        comment=shared,
        by=manager,
        shared_text="Wages are paid two months late, and nobody tells us why.",
    )


def has_feedback(centre) -> bool:
    return Survey.objects.filter(centre=centre).exists()
