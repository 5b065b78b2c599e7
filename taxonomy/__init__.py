"""Taxonomy: what pages of every app are tagged with, at the bottom of the apps.

Owns the translatable snippets `Theme`, `Partner` (with their logos: `logos`) and
`AgendaReference`, their admin (`wagtail_hooks`), factories and demo data, the mixins that
tag a page with them (`ThemedPageMixin`, `AgendaTaggedMixin`) and the theme filter of
listings (`listing`: `ThemedListing`, `theme_from_query`, `tagged_with`).

May import: Django, Wagtail, `core` and what lies below it; never an app above (`home`,
`cities`, `themes`…). A page that lists what is tagged with its own themes (a work area)
says so with `lists_tagged_pages = True`, so the tagged pages' `shown_on()` finds it.
"""
