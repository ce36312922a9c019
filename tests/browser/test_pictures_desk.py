"""The picture desk in a real browser: an editor uploads a picture to the library, sets its focal
point by clicking on it, finds it by an Arabic search, puts it into a story's body from the
editor's toolbar and uploads a lead picture from the story form; readers then see the body
picture with its caption. axe checks the picture pages."""

import io
import mimetypes
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image as PillowImage

from articles.models import Article
from articles.pictures import renditions
from articles.pictures.models import Image

from .popups import choose_in_popup


@pytest.fixture
def media_served(settings, tmp_path):
    """Uploads in a folder of the test's own, served to the browser as nginx serves /media/ in
    production (Django serves no media with DEBUG off)."""
    settings.MEDIA_ROOT = tmp_path / "media"

    def serve(route):
        name = route.request.url.split("/media/", 1)[1].split("?")[0]
        path = Path(settings.MEDIA_ROOT) / name
        if not path.is_file():
            return route.fulfill(status=404, body="")
        return route.fulfill(
            status=200, body=path.read_bytes(), content_type=mimetypes.guess_type(path.name)[0]
        )

    return serve


def loaded_width(picture):
    """The picture's natural width once the browser has loaded and decoded it (0: it failed)."""
    return picture.evaluate("img => img.decode().then(() => img.naturalWidth, () => 0)")


def two_colour_picture(path):
    """A 1600×900 sky with a yellow sun near its top right: the subject a crop must keep."""
    picture = PillowImage.new("RGB", (1600, 900), (70, 130, 200))
    picture.paste((250, 200, 0), (1280, 140, 1440, 300))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    path.write_bytes(buffer.getvalue())
    return path


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_editor_uploads_sets_a_focal_point_and_puts_the_picture_into_a_story(
    site,
    new_page,
    make_article,
    django_user_model,
    screenshot,
    axe_violations,
    media_served,
    tmp_path,
):
    editor = django_user_model.objects.create_superuser(
        "sara", "sara@example.com", "x-pictures-9", first_name="سارة"
    )
    story = make_article(
        headline="شمس الشتاء في أبها", body_ar="<p>الفقرة الأولى عن الطقس.</p><p>الفقرة الثانية.</p>"
    )
    page = new_page(user=editor)
    page.context.route("**/media/**", media_served)

    # The library, empty, then its upload form.
    page.goto(site + reverse("admin:pictures_image_changelist"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="أضف صورة").click()
    page.wait_for_url("**/image/add/")
    page.wait_for_load_state()
    page.set_input_files("#id_file", str(two_colour_picture(tmp_path / "sun.jpg")))
    page.fill("#id_caption_ar", "شمس الشتاء فوق أبها")
    page.fill("#id_credit_ar", "تصوير: فاطمه القحطاني")
    page.fill("#id_alt_text_ar", "قرص الشمس الأصفر في سماء زرقاء")
    # The English tab (its tab, not a link inside it, takes the click).
    page.locator('li[aria-controls="tab_id_caption_en"]').click()
    page.fill("#id_caption_en", "Winter sun over Abha")

    # The focal point, by clicking on the sun in the chosen file's preview.
    picture = page.locator(".focal-picker__image")
    picture.wait_for()
    box = picture.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.85, box["y"] + box["height"] * 0.245)
    assert abs(float(page.input_value("#id_focal_x")) - 0.85) < 0.01
    assert abs(float(page.input_value("#id_focal_y")) - 0.245) < 0.01
    marker = page.locator(".focal-picker__marker").bounding_box()
    assert abs(marker["x"] + marker["width"] / 2 - (box["x"] + box["width"] * 0.85)) < 3
    assert serious(axe_violations(page)) == []
    screenshot(page, "admin-picture-focal-point")
    page.click('input[name="_continue"]')
    page.wait_for_selector(".messagelist .success")

    image = Image.objects.get()
    assert image.caption_en == "Winter sun over Abha"
    assert abs(image.focal_x - 0.85) < 0.01 and abs(image.focal_y - 0.245) < 0.01
    square = renditions.best(image, "1x1")
    assert square is not None and square.focal_x == image.focal_x
    # The square is cut from the right of the picture, where the sun is: it holds the point.
    left, top, right, bottom = renditions.crop_box((1600, 900), "1x1", image.focus)
    assert (left, right) == (700, 1600) and left <= 0.85 * 1600 <= right

    # The keyboard way: arrows on the focused picture move the point.
    page.locator(".focal-picker__image").focus()
    page.keyboard.press("ArrowLeft")
    assert abs(float(page.input_value("#id_focal_x")) - 0.80) < 0.011
    assert serious(axe_violations(page)) == []
    screenshot(page, "admin-picture-change")

    # The library finds it whatever the spelling, with its thumbnail.
    page.goto(site + reverse("admin:pictures_image_changelist"))
    page.fill("#searchbar", "فاطمة")
    page.press("#searchbar", "Enter")
    page.wait_for_url("**q=*")
    assert page.locator("#result_list tbody tr").count() == 1
    page.locator("#result_list img.story-thumb").wait_for()
    assert loaded_width(page.locator("#result_list img.story-thumb")) == 400
    assert serious(axe_violations(page)) == []
    screenshot(page, "admin-picture-library")

    # Into the story's body, from the editor's toolbar (its buttons are named in Arabic).
    page.goto(site + reverse("admin:articles_article_change", args=[story.pk]))
    body = page.locator(".body-editor[dir=rtl] [contenteditable=true]").first
    body.wait_for()
    toolbar = page.locator(".body-editor[dir=rtl] .prose-menubar").first
    toolbar.locator('button[title="عريض"]').wait_for()
    # The block-type menu's caret is drawn, not a glyph the fonts lack (it was an empty box).
    caret = toolbar.locator(".prose-menubar__selected").evaluate(
        "e => getComputedStyle(e, '::after').content"
    )
    assert caret in ('""', "none", "")
    # The link dialog speaks Arabic.
    body.locator("p").first.dblclick()
    toolbar.get_by_role("button", name="أدرج رابطاً").click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    assert "تحرير الرابط" in dialog.locator("h3").inner_text()
    assert dialog.get_by_label("الرابط").is_visible()
    dialog.get_by_role("button", name="إلغاء").click()
    body.locator("p").first.click()
    page.keyboard.press("End")
    with page.expect_popup() as opened:
        toolbar.get_by_role("button", name="أدرج صورة من المكتبة").click()
    library = opened.value
    library.wait_for_load_state()
    assert serious(axe_violations(library)) == []
    choose_in_popup(library, library.locator("#result_list a", has_text="شمس الشتاء فوق أبها"))
    node = body.locator("figure.body-picture-node")
    node.locator("figcaption", has_text="شمس الشتاء فوق أبها").wait_for()
    assert loaded_width(node.locator("img")) > 0

    # A lead picture uploaded from the story form itself (Django's add-related popup).
    lead = page.locator(".field-lead_image")
    with page.expect_popup() as opened:
        lead.get_by_role("link", name="ارفع صورة جديدة").click()
    upload = opened.value
    upload.set_input_files("#id_file", str(two_colour_picture(tmp_path / "lead.jpg")))
    upload.fill("#id_caption_ar", "صورة رئيسية من نموذج الخبر")
    upload.click('input[name="_save"]')
    lead.locator(".picture-chooser__caption", has_text="صورة رئيسية من نموذج الخبر").wait_for()
    assert loaded_width(lead.locator(".picture-chooser__thumb")) > 0
    screenshot(page, "admin-story-pictures")

    page.click('input[name="_continue"]')
    page.wait_for_selector(".messagelist .success")
    story = Article.objects.get(pk=story.pk)
    assert f'<figure data-image-id="{image.pk}"></figure>' in story.body_ar
    assert story.lead_image.caption_ar == "صورة رئيسية من نموذج الخبر"

    # Readers see the body picture from its renditions, with caption, credit and alt text.
    page.goto(site + story.get_absolute_url())
    figure = page.locator(".article__body figure")
    assert figure.count() == 1
    assert "شمس الشتاء فوق أبها" in figure.locator("figcaption").inner_text()
    assert "فاطمه القحطاني" in figure.locator("figcaption").inner_text()
    shown = figure.locator("img")
    assert shown.get_attribute("alt") == "قرص الشمس الأصفر في سماء زرقاء"
    shown.scroll_into_view_if_needed()  # body pictures load lazily
    assert loaded_width(shown) > 0
    assert shown.evaluate("img => img.currentSrc").split("/media/")[1].startswith("renditions/")
    screenshot(page, "reader-body-picture")
