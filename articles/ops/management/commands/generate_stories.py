"""A realistic synthetic archive for benchmarks and load tests (never for production data).

Stories spread over years across eight sections, forty authors, sixty tags and an award
with wins, a third of them with an English edition and some with a lead picture; written
with bulk inserts (100,000 in a few minutes on PostgreSQL). Search columns are filled by the
model layer's own Article.fill_search_columns() before the insert, and the page cache is told once
a batch.

On PostgreSQL a large run (LARGE stories or more) drops the story table's GIN (search)
indexes first and builds them again at the end, in a `finally`, so an error or Ctrl-C still
leaves them in place: building an index once over 100,000 rows is several times quicker than
updating it row by row. Until they are back, searches fall back to slow scans.
"""

import contextlib
import datetime
import io
import random
import signal

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.utils import timezone, translation
from django.utils.html import escape

from articles import freshness
from articles.arabic import arabic_slugify
from articles.models import (
    Article,
    Author,
    Award,
    AwardCategory,
    AwardWin,
    Byline,
    Organisation,
    Section,
    Tag,
)
from articles.pictures.models import Image

BATCH = 2000
STORIES_A_DAY = 40
# From this many stories a run drops the search indexes and builds them again at the end.
LARGE = 20000

SECTIONS = [
    (
        "محليات",
        "Local",
        [
            ("أمانة المنطقة", "The regional municipality"),
            ("الدفاع المدني", "Civil Defence"),
            ("إدارة المرور", "The traffic department"),
            ("المجلس البلدي", "The municipal council"),
        ],
    ),
    (
        "اقتصاد",
        "Economy",
        [
            ("هيئة السوق المالية", "The Capital Market Authority"),
            ("البنك المركزي", "The central bank"),
            ("غرفة التجارة", "The chamber of commerce"),
            ("وزارة الاستثمار", "The investment ministry"),
        ],
    ),
    (
        "رياضة",
        "Sport",
        [
            ("نادي الهلال", "Al-Hilal"),
            ("المنتخب الوطني", "The national team"),
            ("اتحاد الكرة", "The football federation"),
            ("نادي الاتحاد", "Al-Ittihad"),
        ],
    ),
    (
        "ثقافة",
        "Culture",
        [
            ("هيئة الأدب والنشر", "The Literature Commission"),
            ("معرض الكتاب", "The book fair"),
            ("المسرح الوطني", "The national theatre"),
            ("جمعية الفنون", "The arts society"),
        ],
    ),
    (
        "تقنية",
        "Technology",
        [
            ("هيئة الحكومة الرقمية", "The Digital Government Authority"),
            ("شركة ناشئة", "A start-up"),
            ("الجامعة التقنية", "The technical university"),
            ("مركز الذكاء الاصطناعي", "The AI centre"),
        ],
    ),
    (
        "صحة",
        "Health",
        [
            ("وزارة الصحة", "The health ministry"),
            ("مستشفى الملك فهد", "King Fahd Hospital"),
            ("هيئة الغذاء والدواء", "The Food and Drug Authority"),
            ("الهلال الأحمر", "The Red Crescent"),
        ],
    ),
    (
        "دولي",
        "World",
        [
            ("الأمم المتحدة", "The United Nations"),
            ("جامعة الدول العربية", "The Arab League"),
            ("مجلس التعاون", "The Gulf Cooperation Council"),
            ("منظمة الصحة العالمية", "The WHO"),
        ],
    ),
    (
        "منوعات",
        "Variety",
        [
            ("مهرجان الصيف", "The summer festival"),
            ("حديقة الحيوان", "The zoo"),
            ("متحف التراث", "The heritage museum"),
            ("سوق الخضار", "The vegetable market"),
        ],
    ),
]
ACTIONS = [
    ("تطلق", "launches"),
    ("تعلن", "announces"),
    ("تفتتح", "opens"),
    ("توقّع", "signs"),
    ("تناقش", "discusses"),
    ("تكرّم", "honours"),
    ("تراجع", "reviews"),
    ("تدعم", "backs"),
]
OBJECTS = [
    ("مبادرة جديدة للتحول الرقمي", "a new digital transformation initiative"),
    ("خطة لتطوير الخدمات", "a plan to improve services"),
    ("اتفاقية تعاون مشترك", "a cooperation agreement"),
    ("برنامجا لتدريب الشباب", "a training programme for young people"),
    ("مشروعا للبنية التحتية", "an infrastructure project"),
    ("جائزة للتميز", "an award for excellence"),
    ("حملة توعية واسعة", "a wide awareness campaign"),
    ("تقريرا عن الأداء السنوي", "a report on the year's results"),
    ("نتائج الربع الثالث", "third-quarter results"),
    ("مسابقة وطنية", "a national competition"),
]
CITIES = [
    ("الرياض", "Riyadh"),
    ("جدة", "Jeddah"),
    ("أبها", "Abha"),
    ("الدمام", "Dammam"),
    ("تبوك", "Tabuk"),
    ("مكة المكرمة", "Makkah"),
    ("المدينة المنورة", "Madinah"),
    ("دبي", "Dubai"),
    ("القاهرة", "Cairo"),
    ("عمّان", "Amman"),
    ("حائل", "Hail"),
    ("نجران", "Najran"),
]
SENTENCES = [
    (
        "وقال المتحدث الرسمي إن {subject} تعمل على {object} بالتعاون مع الجهات المعنية في {city}.",
        "A spokesman said {subject} is working on {object} with the relevant bodies in {city}.",
    ),
    (
        "وأوضح التقرير أن الخطة تشمل مراحل عدة تمتد حتى نهاية العام المقبل، مع مراجعة دورية للنتائج.",
        "The report said the plan has several stages running to the end of next year, with regular reviews.",
    ),
    (
        "وأشار المسؤولون إلى أن المشروع يستهدف رفع جودة الحياة وتحسين تجربة المستفيدين في {city}.",
        "Officials said the project aims to raise the quality of life and improve the experience of people in {city}.",
    ),
    (
        "ولقيت الخطوة ترحيبا واسعا من المواطنين والمقيمين الذين تابعوا الإعلان عبر وسائل التواصل.",
        "The step was widely welcomed by citizens and residents who followed the announcement online.",
    ),
    (
        "ويأتي ذلك ضمن مستهدفات رؤية المملكة ٢٠٣٠ في مجالات التنمية والاستدامة والابتكار.",
        "It comes under the Vision 2030 goals for development, sustainability and innovation.",
    ),
    (
        "وأكد {subject} أن الجائزة تعكس الجهود المبذولة خلال السنوات الماضية لتطوير الأداء.",
        "{subject} said the award reflects years of work to improve performance.",
    ),
    (
        "وتضمن الحفل عروضا تعريفية بالمشاريع الفائزة، بحضور عدد من القيادات والخبراء.",
        "The ceremony included presentations of the winning projects, attended by leaders and experts.",
    ),
    (
        "ومن المنتظر أن تُعلن التفاصيل الكاملة خلال الأسابيع المقبلة بعد استكمال الدراسات الفنية.",
        "Full details are expected in the coming weeks once technical studies are complete.",
    ),
]
FIRST_NAMES = [
    ("فاطمة", "Fatimah"),
    ("محمد", "Mohammed"),
    ("سارة", "Sarah"),
    ("خالد", "Khalid"),
    ("نورة", "Noura"),
    ("عبدالله", "Abdullah"),
    ("منى", "Mona"),
    ("وليد", "Walid"),
]
FAMILY_NAMES = [
    ("القحطاني", "Al-Qahtani"),
    ("العتيبي", "Al-Otaibi"),
    ("الأحمد", "Al-Ahmad"),
    ("الحميدي", "Al-Humaidi"),
    ("الشهري", "Al-Shehri"),
]
TAG_WORDS = [
    ("الابتكار", "Innovation"),
    ("التعليم", "Education"),
    ("البيئة", "Environment"),
    ("الطاقة", "Energy"),
    ("السياحة", "Tourism"),
    ("الإسكان", "Housing"),
    ("النقل", "Transport"),
    ("الشباب", "Youth"),
    ("المرأة", "Women"),
    ("التراث", "Heritage"),
    ("الأمن", "Security"),
    ("الزراعة", "Agriculture"),
]
TAG_QUALIFIERS = [
    ("", ""),
    (" الرقمي", " (digital)"),
    (" المحلي", " (local)"),
    (" الدولي", " (international)"),
    (" المستدام", " (sustainable)"),
]


class Command(BaseCommand):
    help = "Create COUNT published stories across sections, authors, tags and award wins (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=7, help="random seed, for repeatable runs")

    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("COUNT must be at least 1")
        rng = random.Random(seed)
        with translation.override("ar"):
            with transaction.atomic():
                world = self._world(rng)
            now = timezone.now()
            span = datetime.timedelta(days=max(1, count // STORIES_A_DAY))
            made = 0
            with self._search_indexes_rebuilt(count >= LARGE):
                while made < count:
                    size = min(BATCH, count - made)
                    # One transaction a batch: a long run can be watched, measured or stopped.
                    with transaction.atomic():
                        self._batch(rng, world, now, span, size, offset=made)
                        freshness.everything_changed()  # bulk inserts send no signals
                    made += size
                    reset_queries()  # with DEBUG on, the bulk INSERTs' SQL would pile up (GBs)
                    self.stdout.write(f"  {made}/{count}", ending="\r")
                    self.stdout.flush()
        self.stdout.write(f"created {count} published stories")

    @contextlib.contextmanager
    def _search_indexes_rebuilt(self, wanted):
        """Drop the story table's GIN indexes for the run and create them again after it,
        whatever happens (an error, Ctrl-C, or SIGTERM, turned into an exit that runs this)."""
        if not wanted or connection.vendor != "postgresql":
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef ILIKE %s",
                [Article._meta.db_table, "% USING gin %"],
            )
            indexes = cursor.fetchall()
            for name, definition in indexes:
                self.stdout.write(f"dropping {name} for the run; to be recreated: {definition}")
                cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            yield
        finally:
            signal.signal(signal.SIGTERM, previous)
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '256MB'")  # one build in memory, not on disk
                for name, definition in indexes:
                    self.stdout.write(f"\nbuilding {name} …")
                    cursor.execute(definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
                cursor.execute(f'ANALYZE "{Article._meta.db_table}"')

    def _world(self, rng):
        sections = []
        for position, (name_ar, name_en, subjects) in enumerate(SECTIONS):
            section = Section.objects.filter(name_ar=name_ar).first() or Section.objects.create(
                name_ar=name_ar, name_en=name_en, position=position
            )
            sections.append((section, subjects))
        authors = []
        for first in FIRST_NAMES:
            for family in FAMILY_NAMES:
                name_ar, name_en = f"{first[0]} {family[0]}", f"{first[1]} {family[1]}"
                authors.append(
                    Author.objects.matching(name_ar).first()
                    or Author.objects.create(name_ar=name_ar, name_en=name_en)
                )
        tags = []
        for word in TAG_WORDS:
            for qualifier in TAG_QUALIFIERS:
                name_ar = word[0] + qualifier[0]
                tags.append(
                    Tag.objects.filter(name_ar=name_ar).first()
                    or Tag.objects.create(name_ar=name_ar, name_en=word[1] + qualifier[1])
                )
        return {
            "sections": sections,
            "authors": authors,
            "tags": tags,
            "wins": self._award_wins(rng),
            "pictures": self._pictures(rng),
        }

    def _award_wins(self, rng):
        academy, _created = Organisation.objects.get_or_create(
            name_ar="أكاديمية الإعلام العربي", defaults={"name_en": "Arab Media Academy"}
        )
        award, _created = Award.objects.get_or_create(
            name_ar="جائزة التميز الإعلامي",
            defaults={"name_en": "Media Excellence Award", "awarding_body": academy},
        )
        winners = [
            Organisation.objects.get_or_create(
                name_ar=f"أمانة {city[0]}", defaults={"name_en": f"{city[1]} Municipality"}
            )[0]
            for city in CITIES[:6]
        ]
        wins = []
        for position, (name_ar, name_en) in enumerate(
            (("الخدمات الرقمية", "Digital services"), ("الابتكار", "Innovation"))
        ):
            category, _created = AwardCategory.objects.get_or_create(
                award=award, name_ar=name_ar, defaults={"name_en": name_en, "position": position}
            )
            for year in range(2016, 2026):
                win, _created = AwardWin.objects.get_or_create(
                    category=category, year=year, organisation=rng.choice(winners)
                )
                wins.append(win)
        return wins

    def _pictures(self, rng):
        from PIL import Image as Picture

        pictures = []
        for n, colour in enumerate(("#0b5d4b", "#7a3e00", "#2b4a8c", "#6b1d3a")):
            buffer = io.BytesIO()
            Picture.new("RGB", (1200, 675), colour).save(buffer, "JPEG", quality=80)
            picture = Image(
                caption_ar=f"صورة أرشيفية {n + 1}",
                caption_en=f"Archive picture {n + 1}",
                alt_text_ar="صورة ملونة",
                credit_ar="الأرشيف",
            )
            picture.file = ContentFile(buffer.getvalue(), name=f"archive-{n + 1}.jpg")
            picture.save()
            pictures.append(picture)
        return pictures

    def _batch(self, rng, world, now, span, size, offset):
        stories, plans = [], []
        for n in range(size):
            section, subjects = rng.choice(world["sections"])
            subject, action, thing, city = (
                rng.choice(subjects),
                rng.choice(ACTIONS),
                rng.choice(OBJECTS),
                rng.choice(CITIES),
            )
            # A few fresh stories each hour at the top; the rest spread back over the archive.
            age = span * (rng.random() ** 1.3) + datetime.timedelta(minutes=1 + offset + n)
            english = rng.random() < 0.35
            words = {"subject": subject, "object": thing, "city": city}
            article = Article(
                section=section,
                status=Article.Status.PUBLISHED,
                published_at=now - age,
                lead_image=rng.choice(world["pictures"]) if rng.random() < 0.3 else None,
                version=1,
                **self._text(rng, words, action, english),
            )
            stories.append(article)
            plans.append(
                (
                    rng.sample(world["authors"], k=rng.choice((1, 1, 1, 2))),
                    rng.sample(world["tags"], k=rng.randint(0, 3)),
                    rng.choice(world["wins"]) if rng.random() < 0.03 else None,
                )
            )
        bylines = []
        for article, pk, (authors, tags, _win) in zip(stories, self._reserve_ids(size), plans, strict=True):
            # Search columns are filled before the insert, from the byline and tags as they
            # will be stored: each row is written once (an UPDATE of 100,000 rows through
            # their trigram indexes would take longer than making them).
            article.pk = pk
            lines = [
                Byline(article=article, author=author, position=position)
                for position, author in enumerate(authors)
            ]
            article._prefetched_objects_cache = {"bylines": lines, "tags": tags}
            article.fill_search_columns()
            bylines += lines
        Article.objects.bulk_create(stories, batch_size=500)
        Byline.objects.bulk_create(bylines, batch_size=2000)
        Tagged, Covered = Article.tags.through, Article.award_wins.through
        Tagged.objects.bulk_create(
            [
                Tagged(article_id=article.pk, tag_id=tag.pk)
                for article, (_authors, tags, _win) in zip(stories, plans, strict=True)
                for tag in tags
            ],
            batch_size=5000,
        )
        Covered.objects.bulk_create(
            [
                Covered(article_id=article.pk, awardwin_id=win.pk)
                for article, (_authors, _tags, win) in zip(stories, plans, strict=True)
                if win
            ],
            batch_size=5000,
        )

    @staticmethod
    def _reserve_ids(size):
        """Ids for `size` new stories, taken the way the database would hand them out."""
        table = Article._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, size],
                )
                return [row[0] for row in cursor.fetchall()]
            # SQLite: inside this transaction the database is ours; ids carry on from the highest.
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
            start = cursor.fetchone()[0] + 1
            return list(range(start, start + size))

    @staticmethod
    def _text(rng, words, action, english):
        subject, thing, city = words["subject"], words["object"], words["city"]
        fields = {}
        for index, language in enumerate(("ar", "en") if english else ("ar",)):

            def say(template, index=index):
                return template.format(subject=subject[index], object=thing[index], city=city[index])

            if index == 0:
                headline = f"{subject[0]} {action[0]} {thing[0]} في {city[0]}"
            else:
                headline = f"{subject[1]} {action[1]} {thing[1]} in {city[1]}"
            paragraphs = [say(pair[index]) for pair in rng.sample(SENTENCES, k=rng.randint(3, 6))]
            fields.update(
                {
                    f"headline_{language}": headline,
                    f"slug_{language}": arabic_slugify(headline, max_length=290) or None,
                    f"standfirst_{language}": paragraphs[0],
                    f"dateline_{language}": city[index],
                    f"body_{language}": "".join(f"<p>{escape(p)}</p>" for p in paragraphs),
                }
            )
        return fields


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)
