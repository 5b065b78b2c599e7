"""Machine translation with the glossary: DeepL, given the glossary's terms of the language
pair as a DeepL glossary (settings.base.machine_translator_from_env chooses this class).

DeepL glossaries cannot be edited: one is made per language pair from the glossary's live
terms (source language term → the target language's approved term; a "do not translate"
term → itself), known in `DeepLGlossary` by the hash of its entries, and made again (the old
one deleted) when the terms change. When DeepL refuses a glossary (a pair it does not
support, an error), the strings are translated without one and a warning is logged.
"""

import hashlib
import logging

import requests
from django.db import transaction
from wagtail_localize.machine_translators.deepl import DeepLTranslator

from localization.glossary import glossary
from localization.models import DeepLGlossary

logger = logging.getLogger(__name__)

# What a DeepL glossary entry may not hold (entries are tab-separated lines).
SEPARATORS = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "})


def glossary_language(code):
    """DeepL's code of a language in a glossary: without a variant ("EN", not "EN-GB")."""
    return code.split("-")[0].upper()


def glossary_entries(source_locale, target_locale):
    """[(source term, approved target term)] of the pair, each source term once."""
    entries = {}
    for term in glossary(source_locale, target_locale).terms:
        source = " ".join(term.source_term.translate(SEPARATORS).split())
        target = " ".join(term.target_term.translate(SEPARATORS).split())
        if source and target and source not in entries:
            entries[source] = target
    return list(entries.items())


def entries_tsv(entries):
    return "\n".join(f"{source}\t{target}" for source, target in entries)


class GlossaryDeepLTranslator(DeepLTranslator):
    """wagtail-localize's DeepL translator, passing the glossary of the pair."""

    def get_glossaries_endpoint(self):
        return self.get_api_endpoint().rsplit("/", 1)[0] + "/glossaries"

    def _timeout(self):
        return int(self.options.get("TIMEOUT", 30))

    def get_parameters(self, source_locale, target_locale, strings):
        parameters = super().get_parameters(source_locale, target_locale, strings)
        if "glossary_id" not in parameters:  # GLOSSARY_IDS in the options come first
            glossary_id = self.glossary_id(source_locale, target_locale)
            if glossary_id:
                parameters["glossary_id"] = glossary_id
        return parameters

    def glossary_id(self, source_locale, target_locale):
        """The id of DeepL's glossary holding the pair's current entries, made if needed;
        None when the pair has no entries or DeepL refuses."""
        source_lang = glossary_language(source_locale.language_code)
        target_lang = glossary_language(target_locale.language_code)
        entries = glossary_entries(source_locale, target_locale)
        known = DeepLGlossary.objects.filter(
            source_language=source_lang, target_language=target_lang
        ).first()
        if not entries:
            if known is not None:
                self._delete(known.glossary_id)
                known.delete()
            return None
        tsv = entries_tsv(entries)
        entries_hash = hashlib.sha256(tsv.encode()).hexdigest()
        if known is not None and known.entries_hash == entries_hash:
            return known.glossary_id
        glossary_id = self._create(source_lang, target_lang, tsv)
        if glossary_id is None:
            return None
        with transaction.atomic():
            DeepLGlossary.objects.update_or_create(
                source_language=source_lang,
                target_language=target_lang,
                defaults={"entries_hash": entries_hash, "glossary_id": glossary_id},
            )
        if known is not None and known.glossary_id != glossary_id:
            self._delete(known.glossary_id)
        return glossary_id

    def _create(self, source_lang, target_lang, tsv):
        try:
            response = requests.post(
                self.get_glossaries_endpoint(),
                {
                    "name": f"CISDPDH glossary {source_lang}-{target_lang}",
                    "source_lang": source_lang,
                    "target_lang": target_lang,
                    "entries": tsv,
                    "entries_format": "tsv",
                },
                timeout=self._timeout(),
                headers=self.get_headers(),
            )
            response.raise_for_status()
            return response.json()["glossary_id"]
        except (requests.RequestException, ValueError, KeyError, TypeError) as error:
            logger.warning(
                "DeepL glossary %s→%s not made, translating without it: %s",
                source_lang,
                target_lang,
                error,
            )
            return None

    def _delete(self, glossary_id):
        try:
            response = requests.delete(
                f"{self.get_glossaries_endpoint()}/{glossary_id}",
                timeout=self._timeout(),
                headers=self.get_headers(),
            )
            response.raise_for_status()
        except requests.RequestException as error:
            logger.warning("DeepL glossary %s not deleted: %s", glossary_id, error)
