"""A focal point on every picture (the centre for those that exist: their crops were cut
centred, so their renditions stay current), the focal point each crop was cut around, and the
library's folded search words (filled after migrate by articles/signals.py, with today's
normaliser)."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0012_seo_fields'),
    ]

    operations = [
        migrations.AddField(
            model_name='image',
            name='focal_x',
            field=models.FloatField(default=0.5, help_text='من اليسار: 0 حافة الصورة اليسرى، 1 حافتها اليمنى.', validators=[django.core.validators.MinValueValidator(0, message='نقطة التركيز كسر بين 0 (أول الصورة) و1 (آخرها)؛ 0.5 هو الوسط.'), django.core.validators.MaxValueValidator(1, message='نقطة التركيز كسر بين 0 (أول الصورة) و1 (آخرها)؛ 0.5 هو الوسط.')], verbose_name='نقطة التركيز أفقياً'),
        ),
        migrations.AddField(
            model_name='image',
            name='focal_y',
            field=models.FloatField(default=0.5, help_text='من الأعلى: 0 أعلى الصورة، 1 أسفلها.', validators=[django.core.validators.MinValueValidator(0, message='نقطة التركيز كسر بين 0 (أول الصورة) و1 (آخرها)؛ 0.5 هو الوسط.'), django.core.validators.MaxValueValidator(1, message='نقطة التركيز كسر بين 0 (أول الصورة) و1 (آخرها)؛ 0.5 هو الوسط.')], verbose_name='نقطة التركيز عمودياً'),
        ),
        migrations.AddField(
            model_name='image',
            name='search_key',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='rendition',
            name='focal_x',
            field=models.FloatField(default=0.5, editable=False),
        ),
        migrations.AddField(
            model_name='rendition',
            name='focal_y',
            field=models.FloatField(default=0.5, editable=False),
        ),
        migrations.AlterField(
            model_name='image',
            name='height',
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name='الارتفاع'),
        ),
        migrations.AlterField(
            model_name='image',
            name='width',
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name='العرض'),
        ),
        migrations.AddConstraint(
            model_name='image',
            constraint=models.CheckConstraint(condition=models.Q(('focal_x__gte', 0), ('focal_x__lte', 1), ('focal_y__gte', 0), ('focal_y__lte', 1)), name='focal_point_inside_picture'),
        ),
    ]
