"""The story itself, its byline, and the one rule for what the public may see."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language as active_language

from .. import freshness
from ..html import cut, sanitise_body, words
from ..languages import localized
from .search_columns import SEARCH_FIELDS, SearchColumns, SearchColumnsQuerySet
from .slugs import fill_translated_slugs, made_slug


class ArticleQuerySet(SearchColumnsQuerySet):
    def published(self, at=None):
        """The public's view of the archive: published, and due by now (or by `at`).

        A scheduled story is simply a published one whose time has not come; every page,
        feed and listing goes through here, so it appears on time with no cron job.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=at or timezone.now())

    def scheduled(self, at=None):
        """Published stories whose time has not come yet: the other side of published()."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=at or timezone.now())

    def next_due(self):
        """Epoch seconds when the next scheduled story comes out (None when none is waiting)."""
        when = self.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
        return when.timestamp() if when else None

    def in_edition(self, language=None):
        """Stories that exist in the given language's edition (Arabic has them all)."""
        language = language or get_language()
        if language == "ar":
            return self
        return self.exclude(Q(**{f"headline_{language}": ""}) | Q(**{f"headline_{language}__isnull": True}))

    def for_detail(self):
        """Everything the article page shows, in a fixed number of queries."""
        from .awards import AwardWin

        return self.select_related("section", "lead_image", "social_image").prefetch_related(
            models.Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            models.Prefetch(
                "award_wins", queryset=AwardWin.objects.select_related("category__award", "organisation")
            ),
            "corrections",
            "tags",
            "lead_image__renditions",
            "social_image__renditions",
        )

    def without_text(self):
        """For lists that show headlines and links only (sitemaps, front-page blocks,
        related stories): bodies and the folded search columns stay in the database."""
        return self.defer("body", *localized("body"), *SEARCH_FIELDS)

    def for_listing(self):
        """What a list of stories needs, fetched in a fixed number of queries.

        The folded search columns are as long as the bodies and never shown: lists leave
        them in the database."""
        return (
            self.select_related("section", "lead_image")
            .prefetch_related(
                models.Prefetch("bylines", queryset=Byline.objects.select_related("author")),
                "lead_image__renditions",
            )
            .defer(*SEARCH_FIELDS)
        )


# Search and sharing: search engines show about 60 characters of a title and 155 of a
# description (the desk's counters warn and its preview cuts there); the SEO fields' bounds
# leave a little room beyond that, and no more.
SEARCH_TITLE_SHOWN = 60
SEARCH_DESCRIPTION_SHOWN = 155
SEO_TITLE_MAX = 70
SEO_DESCRIPTION_MAX = 160
# A description taken from the standfirst or the body is cut to this many characters.
DESCRIPTION_FALLBACK_CHARS = 160


class Article(SearchColumns):
    class Status(models.TextChoices):
        DRAFT = "draft", _("مسودة")
        REVIEW = "review", _("قيد المراجعة")
        PUBLISHED = "published", _("منشور")
        WITHDRAWN = "withdrawn", _("مسحوب")

    headline = models.CharField(_("العنوان"), max_length=300)
    slug = models.SlugField(
        _("المعرّف في الرابط"),
        max_length=300,
        null=True,
        blank=True,
        allow_unicode=True,
        help_text=_("يُولَّد من العنوان. الرابط يعمل بالرقم، فتغيير العنوان لا يكسر الروابط القديمة."),
    )
    kicker = models.CharField(_("العنوان الفرعي العلوي"), max_length=120, blank=True)
    standfirst = models.TextField(_("الموجز"), blank=True)
    body = models.TextField(_("النص"))
    dateline = models.CharField(_("مكان الخبر"), max_length=100, blank=True)
    authors = models.ManyToManyField(
        "Author", through="Byline", related_name="articles", verbose_name=_("الكتّاب")
    )
    section = models.ForeignKey(
        "Section", on_delete=models.PROTECT, related_name="articles", verbose_name=_("القسم")
    )
    tags = models.ManyToManyField("Tag", blank=True, related_name="articles", verbose_name=_("الوسوم"))
    lead_image = models.ForeignKey(
        "pictures.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("الصورة الرئيسية"),
    )
    award_wins = models.ManyToManyField(
        "AwardWin",
        blank=True,
        related_name="coverage",
        verbose_name=_("الجوائز التي يغطيها"),
    )
    # Search and sharing (optional, per edition): what search results and share cards show in
    # place of the headline, the standfirst and the lead picture (see page_title and friends).
    seo_title = models.CharField(
        _("العنوان في محركات البحث"),
        max_length=SEO_TITLE_MAX,
        blank=True,
        help_text=_("اختياري: عنوان أقصر لنتائج البحث وبطاقات المشاركة. إن تُرك فارغاً ظهر العنوان."),
        error_messages={
            "max_length": _(
                "العنوان في محركات البحث أطول من %(limit_value)d حرفاً (فيه %(show_value)d). اختصره."
            )
        },
    )
    seo_description = models.CharField(
        _("الوصف في محركات البحث"),
        max_length=SEO_DESCRIPTION_MAX,
        blank=True,
        help_text=_("اختياري: سطران يصفان الخبر في نتائج البحث وبطاقات المشاركة. إن تُرك فارغاً ظهر الموجز."),
        error_messages={
            "max_length": _(
                "الوصف في محركات البحث أطول من %(limit_value)d حرفاً (فيه %(show_value)d). اختصره."
            )
        },
    )
    social_image = models.ForeignKey(
        "pictures.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("صورة المشاركة"),
        help_text=_("اختيارية. تظهر حين يُشارك الخبر؛ إن تُركت ظهرت الصورة الرئيسية."),
    )
    status = models.CharField(
        _("الحالة"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("وقت النشر"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("أُنشئ في"), auto_now_add=True)
    updated_at = models.DateTimeField(_("عُدّل في"), auto_now=True)
    # The last editorial change readers should be told about (an edit or a correction made
    # after publication). `updated_at` moves on every save; this one only on purpose.
    revised_at = models.DateTimeField(_("آخر تحديث للقراء"), null=True, blank=True)
    # The file a story was imported from, so importing it again updates this story.
    import_source = models.CharField(max_length=255, unique=True, null=True, blank=True, editable=False)
    # The desk: who wrote and last touched the story, and its version for stale-save checks.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("أنشأه"),
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("آخر من حرّره"),
    )
    version = models.PositiveIntegerField(_("رقم النسخة"), default=0, editable=False)

    # The search columns (search_headline_ar, …) come from SearchColumns: the story's words
    # folded for site search, refilled on save and when bylines or tags change.

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"], name="article_public_idx")]
        verbose_name = _("خبر")
        verbose_name_plural = _("الأخبار")
        # desk: the transitions a role may make (groups made by migration 0003)
        permissions = [
            ("publish_article", _("نشر الأخبار وجدولتها وسحبها")),
            ("send_back_article", _("إعادة الخبر إلى المراسل")),
            ("correct_article", _("إضافة تصحيح أو تحديث")),
            ("edit_any_article", _("تحرير أي خبر في أي حالة")),
        ]

    def __str__(self):
        return self.headline

    @property
    def was_ever_published(self):
        """Published or scheduled at least once (withdrawing keeps published_at)."""
        return self.status in (self.Status.PUBLISHED, self.Status.WITHDRAWN) or self.published_at is not None

    def follow_headline(self, update_fields=None):
        """Until the story first goes out its slug follows the headline, so a working title
        («… يستقيل غدا …») never becomes the public address; from then on it is fixed (old
        addresses still 301 to the current one, the story is found by its number). A slug the
        editor typed is kept. Returns the slug fields it changed."""
        if self.was_ever_published:
            return set()
        stored = getattr(self, "_stored_headlines", {})
        changed = set()
        for lang, _name in settings.LANGUAGES:
            field, source = f"slug_{lang}", f"headline_{lang}"
            if update_fields is not None and source not in update_fields and "headline" not in update_fields:
                continue
            slug = getattr(self, field)
            made_before = made_slug(type(self), field, stored.get(source) or "")
            if slug and slug != made_before:
                continue  # typed by an editor (or no stored headline to compare with)
            fresh = made_slug(type(self), field, getattr(self, source) or "") or None
            if fresh != slug:
                setattr(self, field, fresh)
                changed.add(field)
        return changed

    def save(self, *args, **kwargs):
        for field in localized("body"):
            setattr(self, field, sanitise_body(getattr(self, field)))
        followed = self.follow_headline(kwargs.get("update_fields"))
        if followed and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *followed}
        fill_translated_slugs(self, source="headline", unique=False)
        # Every save is a new version, so a form opened on an older one can tell.
        self.version = (self.version or 0) + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        # SearchColumns.save then refills the search columns from the sanitised text.
        super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None:
            self._stored_headlines = {f: self.__dict__.get(f) for f in localized("headline")}

    # What readers see changes with a story (articles/freshness.py) ----------------------

    PUBLIC_STATE = ("status", "published_at", "section_id")

    def public_state(self):
        """The fields that decide whether, and in which lists, readers see the story."""
        return {name: getattr(self, name) for name in self.PUBLIC_STATE}

    @classmethod
    def from_db(cls, db, field_names, values):
        story = super().from_db(db, field_names, values)
        # As loaded: a save compares with it, with no query, to tell which lists it changes.
        if all(name in story.__dict__ for name in cls.PUBLIC_STATE):
            story._public_state_loaded = story.public_state()
        # The headlines as stored, to tell a slug made from them from one an editor typed.
        story._stored_headlines = {f: story.__dict__.get(f) for f in localized("headline")}
        return story

    @classmethod
    def state_is_scheduled(cls, state):
        return bool(
            state
            and state["status"] == cls.Status.PUBLISHED
            and state["published_at"]
            and state["published_at"] > timezone.now()
        )

    @classmethod
    def state_is_public(cls, state, at=None):
        return bool(
            state
            and state["status"] == cls.Status.PUBLISHED
            and state["published_at"] is not None
            and state["published_at"] <= (at or timezone.now())
        )

    def shown_keys(self, before=None, gone=False):
        """The keys a save (or, `gone`, a deletion) touches, given the stored `public_state()`
        from before it: nothing while readers see the story neither before nor after; its own
        pages otherwise; and the lists it joins or leaves when it goes out, is taken back,
        moves section or changes time."""
        was = self.state_is_public(before)
        now = not gone and self.state_is_public(self.public_state())
        if not (was or now):
            return set()
        keys = {freshness.key(self), freshness.STORIES}
        moved = was != now or any(before[name] != getattr(self, name) for name in self.PUBLIC_STATE)
        if moved:
            keys |= self.list_keys(also_sections=[before["section_id"]] if before else [])
        return keys

    def list_keys(self, also_sections=()):
        """The lists this story stands in (its authors and tags as its save read them for the
        search columns, else one query)."""
        sections = {self.section_id, *also_sections} - {None}
        named = getattr(self, "_named_as_saved", None)
        if named is not None:
            return {
                freshness.ALL_LISTS,
                *(freshness.list_of("section", pk) for pk in sections),
                *(freshness.list_of(kind, pk) for kind, pks in named.items() for pk in pks),
            }
        authors = (
            Byline.objects.filter(article=self).order_by().values_list(models.Value("author"), "author_id")
        )
        tags = (
            Article.tags.through.objects.filter(article=self)
            .order_by()
            .values_list(models.Value("tag"), "tag_id")
        )
        return {
            freshness.ALL_LISTS,
            *(freshness.list_of("section", pk) for pk in sections),
            *(freshness.list_of(kind, pk) for kind, pk in authors.union(tags, all=True)),
        }

    def record_shown(self):
        """Record everything a story fetched by `for_detail()` holds (its section, byline,
        tags, pictures and award wins), for a response or a kept object built from it."""
        freshness.record(
            freshness.key(self),
            f"section:{self.section_id}",
            *(f"author:{line.author_id}" for line in self.bylines.all()),
            *(f"tag:{tag.pk}" for tag in self.tags.all()),
            *(f"image:{pk}" for pk in (self.lead_image_id, self.social_image_id) if pk),
            *(
                key
                for win in self.award_wins.all()
                for key in (f"award:{win.category.award_id}", f"organisation:{win.organisation_id}")
            ),
        )

    def get_absolute_url(self):
        # A page that links the story shows it; its URL carries the section's slug too.
        freshness.record(freshness.key(self), f"section:{self.section_id}")
        return reverse(
            "articles:article",
            kwargs={"section": self.section.slug, "pk": self.pk, "slug": self.slug or "-"},
        )

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        """Published, but its time has not come: the desk says "مجدول"."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    # What the desk calls a published story whose time has not come.
    SCHEDULED_LABEL = _("مجدول")

    @property
    def status_label(self):
        """The status as the desk says it: a published story not yet due is «مجدول»."""
        return self.SCHEDULED_LABEL if self.is_scheduled else self.get_status_display()

    def has_edition(self, language):
        return language == "ar" or bool(getattr(self, f"headline_{language}", ""))

    # Search and sharing: each reads this edition's own fields (never the Arabic SEO text on
    # the English page), falling back to what the page itself shows.
    def _own(self, name):
        return (getattr(self, f"{name}_{active_language()}", None) or "").strip()

    @property
    def page_title(self):
        """The title for search results and share cards: the SEO title, else the headline."""
        return self._own("seo_title") or self.headline

    @property
    def page_description(self):
        """The description for search results and share cards: the SEO description, else
        the standfirst, else the start of the body (cut at a word, at most 160 characters)."""
        own = self._own("seo_description")
        if own:
            return own
        text = " ".join(self._own("standfirst").split()) or " ".join(words(self._own("body")))
        return cut(text, DESCRIPTION_FALLBACK_CHARS)

    @property
    def share_picture(self):
        """The picture share cards show: the social image, else the lead picture (or None)."""
        return self.social_image or self.lead_image

    @property
    def byline(self):
        """The story's authors in byline order (uses prefetched bylines when present)."""
        authors = [line.author for line in self.bylines.all()]
        freshness.record(*(freshness.key(author) for author in authors))  # whatever shows them names them
        return authors


class Byline(models.Model):
    """One author's place in a story's byline."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        "Author", on_delete=models.PROTECT, related_name="bylines", verbose_name=_("الكاتب")
    )
    position = models.PositiveSmallIntegerField(_("الترتيب"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="byline_author_once")]
        verbose_name = _("اسم في التوقيع")
        verbose_name_plural = _("التوقيع")

    def __str__(self):
        return str(self.author)

    def shown_keys(self, before=None):
        """A byline of a public story: the story and its author's list."""
        if not self.article.is_public:
            return set()
        return {freshness.key(self.article), freshness.STORIES, freshness.list_of("author", self.author_id)}
