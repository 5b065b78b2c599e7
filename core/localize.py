"""Create translations through wagtail-localize from code (demo content, tests).

The same path a translator's work takes: TranslationSource → Translation → strings
imported as a PO file → save_target. No page is ever copied by hand.
"""

import polib
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource


class MissingTranslationError(Exception):
    """A source string has no translation in the mapping given."""


def translation_finder(strings):
    """A function (msgctxt, msgid) → translation or None, from `strings`.

    `strings` is {source text: translation} or a PO file (polib.POFile). A PO entry with a
    msgctxt applies only where wagtail-localize's context is that path or lies under it
    ("slug", "body", "lines.<block id>"…), the deepest first; one without applies anywhere.
    """
    if not isinstance(strings, polib.POFile):
        return lambda context, source: strings[source] if source in strings else None
    known = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in strings
        if entry.msgstr and not entry.obsolete
    }

    def find(context, source):
        path = context or ""
        while path:
            if (path, source) in known:
                return known[path, source]
            path = path.rpartition(".")[0]
        return known.get((None, source))

    return find


def translate(
    instance,
    language_code,
    strings,
    *,
    user=None,
    publish=True,
    require_all=True,
    fill_from_source=False,
):
    """Translate a page or snippet into `language_code` with `strings` ({source text:
    translation}, or a PO file: see translation_finder).

    Strings without a translation raise MissingTranslationError when `require_all` (the demo
    content must be fully translated). Otherwise, with `fill_from_source` they are
    translated as the source text (a finished translation whose words are the same, as
    tests want); without it they stay untranslated and show the source text, as
    wagtail-localize's fallback does. Returns the translated instance.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    find = translation_finder(strings)
    missing = []
    for entry in po:
        translated = find(entry.msgctxt, entry.msgid)
        if translated is not None:
            entry.msgstr = translated
        elif fill_from_source:
            entry.msgstr = entry.msgid
        elif require_all:
            missing.append(f"{entry.msgctxt}: {entry.msgid!r}")
    if missing:
        raise MissingTranslationError(
            f"{instance!r} → {language_code}: no translation for\n  " + "\n  ".join(missing)
        )
    warnings = translation.import_po(po, user=user)
    if warnings:
        raise MissingTranslationError(f"{instance!r} → {language_code}: {warnings!r}")
    # save_target publishes in transaction.on_commit: run it outside any outer atomic block
    # (or with on-commit callbacks captured) for the page to be live at once.
    translation.save_target(user=user, publish=publish)
    return translation.get_target_instance()
