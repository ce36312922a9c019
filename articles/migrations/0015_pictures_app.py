"""Image and Rendition now belong to the picture library (articles.pictures, its 0001): the
story's picture fields point there. State only: the tables and their rows stay as they are.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0014_search_at_scale'),
        ('pictures', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.AlterField(
            model_name='article',
            name='social_image',
            field=models.ForeignKey(blank=True, help_text='اختيارية. تظهر حين يُشارك الخبر؛ إن تُركت ظهرت الصورة الرئيسية.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='pictures.image', verbose_name='صورة المشاركة'),
        ),
        migrations.AlterField(
            model_name='article',
            name='lead_image',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='pictures.image', verbose_name='الصورة الرئيسية'),
        ),
        migrations.RemoveField(
            model_name='rendition',
            name='image',
        ),
        migrations.DeleteModel(
            name='Image',
        ),
        migrations.DeleteModel(
            name='Rendition',
        ),
        ]),
    ]
