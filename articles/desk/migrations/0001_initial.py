"""The desk becomes its own app (articles.desk): Autosave, Notification and PreviewLink move
here from the core app with their tables (articles_autosave, articles_notification,
articles_previewlink) and rows untouched. Only Django's state moves, and the content types
with it (any permission on them follows the model).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ("autosave", "notification", "previewlink")


def _move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue  # already there (made by an earlier post_migrate): keep it
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor):
    _move(apps, "articles", "desk")


def move_content_types_back(apps, schema_editor):
    _move(apps, "desk", "articles")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('articles', '0015_pictures_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='PreviewLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='أُنشئ في')),
                ('expires_at', models.DateTimeField(verbose_name='ينتهي في')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='أُلغي في')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='preview_links', to='articles.article', verbose_name='الخبر')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='أنشأه')),
                ('revoked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='ألغاه')),
            ],
            options={
                'verbose_name': 'رابط معاينة',
                'verbose_name_plural': 'روابط المعاينة',
                'db_table': 'articles_previewlink',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='Autosave',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('data', models.JSONField(default=dict, verbose_name='النص غير المحفوظ')),
                ('base_version', models.PositiveIntegerField(default=0, verbose_name='النسخة التي فُتح عليها')),
                ('saved_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='حُفظ تلقائياً في')),
                ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.article', verbose_name='الخبر')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='المحرر')),
            ],
            options={
                'verbose_name': 'نص محفوظ تلقائياً',
                'verbose_name_plural': 'النصوص المحفوظة تلقائياً',
                'db_table': 'articles_autosave',
                'constraints': [models.UniqueConstraint(fields=('article', 'user'), name='autosave_once_per_user'), models.UniqueConstraint(condition=models.Q(('article__isnull', True)), fields=('user',), name='one_new_story_draft_per_user')],
            },
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('submit', 'أُرسل للمراجعة'), ('send_back', 'أُعيد إلى المراسل'), ('publish', 'نُشر'), ('schedule', 'جُدول للنشر'), ('withdraw', 'سُحب'), ('correct', 'أُضيف تصحيح أو تحديث')], max_length=20, verbose_name='النوع')),
                ('note', models.TextField(blank=True, verbose_name='ملاحظة')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='الوقت')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='قُرئ في')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='من قام بالإجراء')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='المُبلَّغ')),
                ('story', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='articles.article', verbose_name='الخبر')),
            ],
            options={
                'verbose_name': 'تنبيه',
                'verbose_name_plural': 'التنبيهات',
                'db_table': 'articles_notification',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['recipient', 'read_at', '-created_at'], name='notification_inbox')],
            },
        ),
        ]),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
