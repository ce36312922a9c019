"""Django's (and its admin apps') own strings whose Arabic is wrong or missing.

Their Arabic is in the project's catalogue, locale/ar/LC_MESSAGES/django.po, which comes before
Django's in LOCALE_PATHS. Listed here so that `make messages` keeps them in the catalogue (a
message no source file names is dropped as obsolete). Nothing imports this module.
"""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_lazy

ADMIN = (
    # Django's Arabic says «نجحت إضافة» (added) on an edit.
    _("The {name} “{obj}” was changed successfully."),
    _("The {name} “{obj}” was added successfully."),
    _("The {name} “{obj}” was changed successfully. You may edit it again below."),
    _("The {name} “{obj}” was added successfully. You may edit it again below."),
    # «اختر خبر لتغييره»: an accusative missing and a pronoun that is wrong for feminine names.
    _("Select %s to change"),
    _("Select %s to view"),
)
AUTH = (
    _("Raw passwords are not stored, so there is no way to see the user’s password."),
    _("Reset password"),
    _("Set password"),
    _("Password-based authentication"),
    _("Enabled"),
    _("Disabled"),
    _(
        "Whether the user will be able to authenticate using a password or not. "
        "If disabled, they may still be able to authenticate using other backends, "
        "such as Single Sign-On or LDAP."
    ),
    _("If disabled, the current password for this user will be lost."),
    _("salt"),
    _("hash"),
)
# The admin apps without Arabic of their own (django-reversion, django-axes): model names that
# permission lists and filters show.
APPS = (
    _("Reversion"),
    _("revision"),
    _("revisions"),
    _("version"),
    _("versions"),
    _("access attempt expiration"),
    _("access attempt expirations"),
    _("Locked Out"),
)
PLURALS = (
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
        "count",
    ),
)
