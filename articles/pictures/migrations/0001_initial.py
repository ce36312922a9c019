"""The picture library becomes its own app (articles.pictures): Image and Rendition move here
from the core app with their tables (articles_image, articles_rendition), rows and files
untouched. Only Django's state moves; the content types move too, so the permissions the
desk's groups hold (migration articles 0003) follow the models.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import articles.images

MODELS = ("image", "rendition")


def _move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue  # already there (made by an earlier post_migrate): keep it
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor):
    _move(apps, "articles", "pictures")


def move_content_types_back(apps, schema_editor):
    _move(apps, "pictures", "articles")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("articles", "0014_search_at_scale"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='Image',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.ImageField(height_field='height', help_text='JPEG أو PNG أو WebP أو GIF. تُحذف بيانات EXIF (ومنها الموقع) عند الرفع.', upload_to=articles.images.image_upload_path, validators=[articles.images.validate_image_upload], verbose_name='الملف', width_field='width')),
                ('width', models.PositiveIntegerField(editable=False, null=True, verbose_name='العرض')),
                ('height', models.PositiveIntegerField(editable=False, null=True, verbose_name='الارتفاع')),
                ('caption', models.CharField(blank=True, max_length=300, verbose_name='التعليق')),
                ('caption_ar', models.CharField(blank=True, max_length=300, null=True, verbose_name='التعليق')),
                ('caption_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='التعليق')),
                ('credit', models.CharField(blank=True, max_length=150, verbose_name='المصدر/المصور')),
                ('credit_ar', models.CharField(blank=True, max_length=150, null=True, verbose_name='المصدر/المصور')),
                ('credit_en', models.CharField(blank=True, max_length=150, null=True, verbose_name='المصدر/المصور')),
                ('alt_text', models.CharField(blank=True, help_text='وصف الصورة لمن لا يراها، لقارئات الشاشة.', max_length=300, verbose_name='النص البديل')),
                ('alt_text_ar', models.CharField(blank=True, help_text='وصف الصورة لمن لا يراها، لقارئات الشاشة.', max_length=300, null=True, verbose_name='النص البديل')),
                ('alt_text_en', models.CharField(blank=True, help_text='وصف الصورة لمن لا يراها، لقارئات الشاشة.', max_length=300, null=True, verbose_name='النص البديل')),
                ('focal_x', models.FloatField(default=0.5, help_text='من اليسار: 0 حافة الصورة اليسرى، 1 حافتها اليمنى.', validators=[django.core.validators.MinValueValidator(0, message='نقطة التركيز كسر بين 0 (أول الصورة) و1 (آخرها)؛ 0.5 هو الوسط.'), django.core.validators.MaxValueValidator(1, message='نقطة التركيز كسر بين 0 (أول الصورة) و1 (آخرها)؛ 0.5 هو الوسط.')], verbose_name='نقطة التركيز أفقياً')),
                ('focal_y', models.FloatField(default=0.5, help_text='من الأعلى: 0 أعلى الصورة، 1 أسفلها.', validators=[django.core.validators.MinValueValidator(0, message='نقطة التركيز كسر بين 0 (أول الصورة) و1 (آخرها)؛ 0.5 هو الوسط.'), django.core.validators.MaxValueValidator(1, message='نقطة التركيز كسر بين 0 (أول الصورة) و1 (آخرها)؛ 0.5 هو الوسط.')], verbose_name='نقطة التركيز عمودياً')),
                ('search_key', models.TextField(blank=True, default='', editable=False)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='تاريخ الرفع')),
            ],
            options={
                'verbose_name': 'صورة',
                'verbose_name_plural': 'الصور',
                'db_table': 'articles_image',
                'ordering': ['-created_at'],
                'constraints': [models.CheckConstraint(condition=models.Q(('focal_x__gte', 0), ('focal_x__lte', 1), ('focal_y__gte', 0), ('focal_y__lte', 1)), name='focal_point_inside_picture')],
            },
        ),
        migrations.CreateModel(
            name='Rendition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('crop', models.CharField(blank=True, choices=[('', 'الصورة كاملة'), ('16x9', '16:9'), ('4x3', '4:3'), ('1x1', '1:1')], max_length=8, verbose_name='القص')),
                ('format', models.CharField(choices=[('webp', 'WebP'), ('jpeg', 'JPEG')], max_length=8, verbose_name='الصيغة')),
                ('width', models.PositiveIntegerField(verbose_name='العرض')),
                ('height', models.PositiveIntegerField(verbose_name='الارتفاع')),
                ('file', models.FileField(max_length=255, upload_to='', verbose_name='الملف')),
                ('source', models.CharField(editable=False, max_length=255)),
                ('focal_x', models.FloatField(default=0.5, editable=False)),
                ('focal_y', models.FloatField(default=0.5, editable=False)),
                ('image', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='renditions', to='pictures.image', verbose_name='الصورة')),
            ],
            options={
                'verbose_name': 'نسخة مصغّرة',
                'verbose_name_plural': 'النسخ المصغّرة',
                'db_table': 'articles_rendition',
                'ordering': ['crop', 'format', 'width'],
                'constraints': [models.UniqueConstraint(fields=('image', 'crop', 'format', 'width'), name='one_rendition_per_cut')],
            },
        ),
        ]),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
