# Arabic dates as Arabic writes them: "20 مايو 2026", no comma before the year (Django's own
# Arabic format has one); 24-hour times, as every other language on the site.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
