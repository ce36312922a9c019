"""Autosave, Notification and PreviewLink now belong to the desk (articles.desk, its 0001).
State only: the tables and their rows stay as they are.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('desk', '0001_initial'),
        ('articles', '0015_pictures_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.RemoveField(
            model_name='notification',
            name='actor',
        ),
        migrations.RemoveField(
            model_name='notification',
            name='recipient',
        ),
        migrations.RemoveField(
            model_name='notification',
            name='story',
        ),
        migrations.RemoveField(
            model_name='previewlink',
            name='article',
        ),
        migrations.RemoveField(
            model_name='previewlink',
            name='created_by',
        ),
        migrations.RemoveField(
            model_name='previewlink',
            name='revoked_by',
        ),
        migrations.DeleteModel(
            name='Autosave',
        ),
        migrations.DeleteModel(
            name='Notification',
        ),
        migrations.DeleteModel(
            name='PreviewLink',
        ),
        ]),
    ]
