"""CSV cells a spreadsheet shows as text: every CSV export of the site goes through here
(endorsements, the glossary, the translation status), since what it carries was typed by
visitors or staff and a spreadsheet would run a cell starting like a formula."""

# A cell starting with one of these is a formula to a spreadsheet opening the CSV.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a leading
    apostrophe (OWASP's rule against CSV injection); anything else is left as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def restore_formula(value):
    """The cell `neutralise_formula` wrote, back as it was: for files the site reads back
    (the glossary's import of its own export)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def safe_row(cells):
    """A CSV row with every cell neutralised."""
    return [neutralise_formula(cell) for cell in cells]
