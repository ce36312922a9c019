"""A small newsroom for the reader-page tests: two sections, two authors, tags, an award."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from articles.models import (
    Article,
    Author,
    Award,
    AwardCategory,
    AwardWin,
    Correction,
    Organisation,
    Section,
    Tag,
)
from articles.pictures.models import Image
from tests.reader.stories import png, story


@pytest.fixture
def world(db, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    local = Section.objects.create(name_ar="محليات", name_en="Local", position=0)
    economy = Section.objects.create(name_ar="اقتصاد", name_en="Economy", position=1)
    fatimah = Author.objects.create(
        name_ar="فاطمة القحطاني",
        name_en="Fatimah Al-Qahtani",
        role_ar="مراسلة",
        role_en="Correspondent",
        bio_ar="مراسلة الصحيفة في عسير.",
        bio_en="Our correspondent in Asir.",
        photo=png(200, 200),
    )
    khalid = Author.objects.create(name_ar="خالد العمري", name_en="Khalid Al-Omari")
    health = Tag.objects.create(name_ar="الصحة", name_en="Health")
    municipality = Organisation.objects.create(
        name_ar="أمانة منطقة عسير",
        name_en="Asir Region Municipality",
        city_ar="أبها",
        kind=Organisation.Kind.GOVERNMENT,
    )
    academy = Organisation.objects.create(name_ar="أكاديمية التميز", name_en="Excellence Academy")
    award = Award.objects.create(
        name_ar="درع الحكومة الذكية",
        name_en="Smart Government Shield",
        awarding_body=academy,
        description_ar="جائزة سنوية للخدمات الإلكترونية.",
    )
    websites = AwardCategory.objects.create(
        award=award, name_ar="المواقع الحكومية", name_en="Government websites", position=0
    )
    innovation = AwardCategory.objects.create(
        award=award, name_ar="الابتكار الحكومي", name_en="Government innovation", position=1
    )
    win_2021 = AwardWin.objects.create(
        category=websites,
        organisation=municipality,
        year=2021,
        entry_ar="نظام خدمة العملاء",
        ceremony_city_ar="دبي",
    )
    win_2019 = AwardWin.objects.create(category=innovation, organisation=municipality, year=2019)
    with django_capture_on_commit_callbacks(execute=True):  # the renditions are cut on commit
        picture = Image.objects.create(
            file=png(),
            caption_ar="مبنى الأمانة في أبها",
            credit_ar="تصوير: سالم",
            alt_text_ar="مبنى حجري",
        )
    words = " ".join(["كلمة"] * 700)  # 700 words at 180 a minute: 4 minutes
    lead = story(
        "الأمانة تفوز بالدرع",
        local,
        [fatimah, khalid],
        hours_ago=1,
        headline_en="The municipality wins the shield",
        body_en="<p>English body.</p>",
        kicker_ar="جوائز",
        standfirst_ar="فوز في فئتين.",
        standfirst_en="Two categories.",
        dateline_ar="أبها",
        dateline_en="Abha",
        body_ar=f"<p>{words}</p>",
        lead_image=picture,
    )
    lead.tags.add(health)
    lead.award_wins.add(win_2021, win_2019)
    Correction.objects.create(
        article=lead,
        text_ar="صُحّح اسم الفئة.",
        text_en="The category name was corrected.",
        published_at=timezone.now() - datetime.timedelta(minutes=30),
    )
    Article.objects.filter(pk=lead.pk).update(revised_at=timezone.now() - datetime.timedelta(minutes=30))
    lead.refresh_from_db()
    older = [story(f"خبر محلي رقم {n}", local, [fatimah], hours_ago=2 + n) for n in range(5)]
    tagged = story("خبر اقتصادي عن الصحة", economy, [khalid], hours_ago=3)
    tagged.tags.add(health)
    draft = story("مسودة سرية", local, [fatimah], status=Article.Status.DRAFT)
    draft.tags.add(health)
    draft.award_wins.add(win_2021)
    scheduled = story("خبر مجدول سري", economy, [fatimah], hours_ago=-2)
    return SimpleNamespace(
        local=local,
        economy=economy,
        fatimah=fatimah,
        khalid=khalid,
        health=health,
        municipality=municipality,
        academy=academy,
        award=award,
        win_2021=win_2021,
        lead=lead,
        older=older,
        tagged=tagged,
        draft=draft,
        scheduled=scheduled,
        picture=picture,
    )
