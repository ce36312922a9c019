"""Demo content: the story that started the project, with its author, section and award."""

import datetime
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.html import escape

from articles import publishing
from articles.importing import find_section, import_story
from articles.models import Award, AwardCategory, AwardWin, Organisation, Section

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
SEED = DEMO_DIR / "000_7077a1414e491a78.txt"
RIYADH = ZoneInfo("Asia/Riyadh")

HEADLINE = {
    "ar": "أمانة عسير تحصد «درع الحكومة الذكية العربية» في فئتين",
    "en": "Asir Region Municipality wins the Arab Smart Government Shield in two categories",
}
STANDFIRST = {
    "ar": "الأمانة تفوز بالجائزة للمرة الأولى عن نظامي إدارة خدمة العملاء وأتمتة الرقابة الميدانية، في حفل أقيم بدبي.",
    "en": "The municipality wins the award for the first time, for its customer service and field inspection systems, at a ceremony in Dubai.",
}
KICKER = {"ar": "جوائز", "en": "Awards"}
# The seed says the ceremony was "yesterday"; the demo dates the story 8 December 2021.
PUBLISHED_AT = datetime.datetime(2021, 12, 8, 10, 0, tzinfo=RIYADH)
CEREMONY = datetime.date(2021, 12, 7)
CATEGORIES = [
    (
        {"ar": "المواقع الإلكترونية الحكومية", "en": "Government websites"},
        {"ar": "نظام إدارة خدمة العملاء", "en": "Customer service management system"},
    ),
    (
        {"ar": "الابتكار الحكومي", "en": "Government innovation"},
        {
            "ar": "نظام أتمتة أعمال الرقابة الميدانية للمراقبين",
            "en": "Field inspectors' work automation system",
        },
    ),
]


def upsert(model, lookup, **values):
    obj, _created = model.objects.update_or_create(**lookup, defaults=values)
    return obj


class Command(BaseCommand):
    help = "Load the demo content (safe to run again: it updates, never duplicates)."

    @transaction.atomic
    def handle(self, *args, **options):
        section = find_section("محليات") or Section(name_ar="محليات")
        section.name_en, section.slug_en = "Local", "local"
        section.save()

        result = import_story(SEED, section=section, headline=HEADLINE["ar"], update=True, root=DEMO_DIR)
        article = result.article
        paragraphs = (DEMO_DIR / "000_7077a1414e491a78.en.txt").read_text("utf-8").split("\n")
        article.headline_en = HEADLINE["en"]
        article.slug_en = None
        article.standfirst_ar, article.standfirst_en = STANDFIRST["ar"], STANDFIRST["en"]
        article.kicker_ar, article.kicker_en = KICKER["ar"], KICKER["en"]
        article.dateline_en = "Asir"
        article.body_en = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs if p.strip())
        article.save()
        publishing.publish(article, at=PUBLISHED_AT)

        author = article.byline[0]
        author.name_en = "Fatimah Qarah Al-Qahtani"
        author.role_ar, author.role_en = "مراسلة", "Correspondent"
        author.bio_ar = "مراسلة الصحيفة في منطقة عسير، تغطي شؤون البلديات والخدمات الحكومية."
        author.bio_en = (
            "The paper's correspondent in the Asir region, covering municipalities and government services."
        )
        author.save()

        municipality = upsert(
            Organisation,
            {"name_ar": "أمانة منطقة عسير"},
            name_en="Asir Region Municipality",
            kind=Organisation.Kind.GOVERNMENT,
            city_ar="أبها",
            city_en="Abha",
        )
        academy = upsert(
            Organisation,
            {"name_ar": "أكاديمية جوائز التميز في الدول العربية"},
            name_en="Academy of Excellence Awards in the Arab Countries",
            kind=Organisation.Kind.ACADEMIC,
        )
        award = upsert(
            Award,
            {"name_ar": "درع الحكومة الذكية العربية"},
            name_en="Arab Smart Government Shield",
            awarding_body=academy,
            description_ar="جائزة سنوية لأفضل الممارسات في التحول المؤسسي الذكي ومبادرات تطوير التنافسية والخدمات الإلكترونية الذكية.",
            description_en="An annual award for the best practices in smart institutional transformation, competitiveness initiatives and smart e-services.",
        )
        wins = []
        for position, (name, entry) in enumerate(CATEGORIES):
            category = upsert(
                AwardCategory,
                {"award": award, "name_ar": name["ar"]},
                name_en=name["en"],
                position=position,
            )
            wins.append(
                upsert(
                    AwardWin,
                    {"category": category, "organisation": municipality, "year": 2021},
                    entry_ar=entry["ar"],
                    entry_en=entry["en"],
                    ceremony_date=CEREMONY,
                    ceremony_city_ar="دبي",
                    ceremony_city_en="Dubai",
                )
            )
        article.award_wins.set(wins)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: story #{article.pk} at {unquote(article.get_absolute_url())}"
            )
        )
