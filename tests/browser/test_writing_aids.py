"""Writing aids and the search/share preview in Chromium: a reporter writes a story in Arabic,
watches the counts and the headline guidance, fills the SEO fields and sees the preview follow,
saves with Ctrl+S; a refused Ctrl+S (stale, too long) keeps every typed word."""

import re

import pytest
from django.contrib.auth import get_user_model

from articles.html import WORDS_PER_MINUTE
from articles.models import Article, Author, Section
from articles.pictures.models import Image
from tests.conftest import desk_groups
from tests.reader.stories import png

from .popups import choose_in_popup

LONG_HEADLINE = "أمانة عسير تحصد درع الحكومة الذكية العربية في فئتين بعد منافسة مع عشرات الجهات"


@pytest.fixture
def reporter(site):
    _editors, reporters = desk_groups()
    user = get_user_model().objects.create_user(
        "sara", password="x-desk-browser-9", is_staff=True, first_name="سارة", last_name="المراسلة"
    )
    user.groups.add(reporters)
    Author.objects.create(name_ar="سارة المراسلة", user=user)
    Section.objects.create(name_ar="محليات", name_en="Local")
    return user


def body_editor(page, direction="rtl"):
    return page.locator(f".body-editor[dir={direction}] [contenteditable=true]").first


def open_sharing(page):
    """Open the collapsed «محركات البحث والمشاركة» fieldset."""
    fieldset = page.locator("fieldset", has=page.locator("#id_seo_title_ar"))
    summary = fieldset.locator("summary")
    if summary.count() and not fieldset.locator("#id_seo_title_ar").is_visible():
        summary.first.click()
    page.locator("#id_seo_title_ar").wait_for(state="visible")


def test_a_reporter_writes_sees_counts_and_preview_and_saves_with_ctrl_s(
    reporter, site, new_page, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the picture's files, outside the tree
    logo = Image.objects.create(file=png(), caption_ar="شعار الجائزة", alt_text_ar="شعار")
    assert logo.renditions.exists()  # cut when the save committed
    page = new_page(user=reporter)
    page.goto(site + "/admin/articles/article/add/")
    page.locator("#id_section").select_option(label="محليات")

    # The headline: characters counted as they are typed; past what search engines show, a hint.
    headline = page.locator("#id_headline_ar")
    headline_note = page.locator("#id_headline_ar-writing-aid")
    headline.fill("أمانة عسير تحصد الدرع")
    headline_note.filter(has_text="21 حرفاً").wait_for()
    assert headline_note.get_attribute("data-state") == ""
    headline.fill(LONG_HEADLINE)
    headline_note.filter(has_text="تعرض محركات البحث نحو 60 حرفاً").wait_for()
    assert f"{len(LONG_HEADLINE)} حرفاً" in headline_note.inner_text()
    assert headline_note.get_attribute("data-state") == "long"
    # The field is wide enough for a headline, and the body editor tall enough to write in.
    assert headline.bounding_box()["width"] >= 600
    assert body_editor(page).bounding_box()["height"] >= 400

    # The body: words and reading time, as the reader page counts them.
    body = body_editor(page)
    body.click()
    page.keyboard.type("حصدت أمانة منطقة عسير جائزة درع الحكومة الذكية العربية")
    words = page.locator("#id_body_ar-writing-aid")
    words.filter(has_text="9 كلمات").wait_for()
    assert "مدة القراءة: دقيقة واحدة" in words.inner_text()
    # A long paste moves the reading time on (the reading speed comes from the server).
    page.keyboard.press("Enter")
    page.keyboard.insert_text(" ".join(["كلمة"] * (WORDS_PER_MINUTE * 2)))
    words.filter(has_text="مدة القراءة: 3 دقائق").wait_for()
    assert f"{9 + WORDS_PER_MINUTE * 2} كلمة" in words.inner_text()

    # The SEO fields: the preview follows; an SEO title replaces the long headline's hint.
    open_sharing(page)
    preview = page.locator(".share-preview__edition[data-language=ar]")
    title = preview.locator("[data-share-title]")
    assert title.inner_text().endswith("…")  # the long headline, cut as results cut it
    assert len(title.inner_text()) <= 60
    page.locator("#id_seo_title_ar").fill("عسير تحصد درع الحكومة الذكية")
    title.filter(has_text=re.compile(r"^عسير تحصد درع الحكومة الذكية$")).wait_for()
    headline_note.filter(has_text="بدلاً منه").wait_for()
    assert preview.locator("[data-share-card-title]").inner_text() == "عسير تحصد درع الحكومة الذكية"
    description = preview.locator("[data-share-description]")
    assert description.inner_text().startswith("حصدت أمانة منطقة عسير")  # no standfirst: the body
    page.locator("#id_standfirst_ar").fill("فوز في فئتين")
    description.filter(has_text=re.compile(r"^فوز في فئتين$")).wait_for()
    page.locator("#id_seo_description_ar").fill("الأمانة تفوز بالجائزة للمرة الأولى")
    description.filter(has_text=re.compile(r"^الأمانة تفوز بالجائزة للمرة الأولى$")).wait_for()
    assert "الأمانة تفوز" in preview.locator("[data-share-card-description]").inner_text()
    assert page.locator("#id_seo_title_ar-writing-aid").inner_text().startswith("28 من 70")
    # No English headline yet: the English preview says so; typed in its tab, it appears, left to right.
    english = page.locator(".share-preview__edition[data-language=en]")
    assert english.locator("[data-share-empty]").is_visible()
    page.locator("li[aria-controls=tab_id_headline_en]").click()
    page.locator("#id_headline_en").fill("Asir wins the smart government shield")
    english.locator("[data-share-title]", has_text="Asir wins the smart government shield").wait_for()
    assert english.locator(".share-preview__frame").first.get_attribute("dir") == "ltr"
    assert not english.locator("[data-share-empty]").is_visible()
    # For the picture in docs/: the form at full width (the admin's model list folded away),
    # the Arabic tabs in front.
    toggle = page.locator("#toggle-nav-sidebar")
    if toggle.count() and toggle.is_visible():
        toggle.click()
    page.locator("li[aria-controls=tab_id_headline_ar]").click()
    page.mouse.wheel(0, -10000)
    screenshot(page, "admin-writing-aids")

    # A social image chosen from the picture library: the card asks for its share cut.
    with page.expect_popup() as opened:
        page.locator(".field-social_image .picture-chooser__choose").click()
    library = opened.value
    choose_in_popup(library, library.locator("#result_list a", has_text="شعار الجائزة"))
    card_picture = preview.locator("[data-share-image]")
    card_picture.wait_for(state="attached")
    assert re.search(r"/media/renditions/[^/]+-1200w-16x9\.jpg$", card_picture.get_attribute("src"))

    # Ctrl+S in the body saves through the form's own save (and stays on the form).
    body.click()
    page.keyboard.press("Control+s")
    page.locator(".messagelist .success").wait_for()
    story = Article.objects.get()
    assert story.headline_ar == LONG_HEADLINE
    assert story.seo_title_ar == "عسير تحصد درع الحكومة الذكية"
    assert story.seo_description_ar == "الأمانة تفوز بالجائزة للمرة الأولى"
    assert story.bylines.count() == 1
    assert story.social_image == logo
    assert re.search(rf"/admin/articles/article/{story.pk}/change/", page.url)


def test_a_refused_ctrl_s_keeps_every_typed_word(reporter, site, new_page, make_article):
    story = make_article("خبر المراسلة", status=Article.Status.DRAFT)
    Article.objects.filter(pk=story.pk).update(created_by=reporter)
    page = new_page(user=reporter)
    page.goto(f"{site}/admin/articles/article/{story.pk}/change/")

    # Too long an SEO description: the counter says so, and the save is refused in Arabic.
    open_sharing(page)
    too_long = "وصف " * 45
    page.locator("#id_seo_description_ar").fill(too_long)
    note = page.locator("#id_seo_description_ar-writing-aid")
    note.filter(has_text="أطول من الحد").wait_for()
    assert note.get_attribute("data-state") == "over"
    page.locator("#id_headline_ar").fill("عنوان جديد كتبته")
    page.locator("#id_headline_ar").press("Control+s")
    error = page.locator(".errorlist", has_text="الوصف في محركات البحث أطول من 160 حرفاً")
    error.wait_for()
    assert page.locator("#id_headline_ar").input_value() == "عنوان جديد كتبته"
    assert page.locator("#id_seo_description_ar").input_value().strip() == too_long.strip()
    story.refresh_from_db()
    assert story.headline_ar == "خبر المراسلة"

    # Someone saves in between: Ctrl+S is refused as stale, with the typed text kept.
    page.locator("#id_seo_description_ar").fill("وصف قصير")
    Article.objects.get(pk=story.pk).save()
    body = body_editor(page)
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" وجملة أخيرة")
    page.keyboard.press("Control+s")
    page.locator(".errornote, .errorlist", has_text="لم يُحفظ نصك").first.wait_for()
    assert "وجملة أخيرة" in body.inner_text()
    assert page.locator("#id_headline_ar").input_value() == "عنوان جديد كتبته"
    story.refresh_from_db()
    assert story.headline_ar == "خبر المراسلة" and "وجملة أخيرة" not in story.body_ar
