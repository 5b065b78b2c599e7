"""The admin views of the translation workflow, one module per screen or tool:

- `dashboard`: the translation status dashboard and its bulk sync;
- `translation`: one translation's review page and hand-off;
- `po_files`: a language's PO files, exported and imported;
- `memory`: the translation memory's actions in wagtail-localize's editor;
- `glossary`: the glossary's CSV and TBX files, and its listing;
- `localize_overrides`: wagtail-localize's views that ours replace at the same addresses.

Their addresses: `localization.urls` and `localization.wagtail_hooks`.
"""
