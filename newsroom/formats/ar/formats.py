# How the Arabic edition prints dates (Gregorian; the Hijri date comes from articles/dates.py).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATE_FORMAT = "Y/m/d"
