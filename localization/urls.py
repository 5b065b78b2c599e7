from django.urls import path

from localization.views import dashboard, glossary, memory, po_files, translation

app_name = "localization"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("sync/", dashboard.bulk_sync, name="bulk_sync"),
    path("translation/<int:translation_id>/", translation.translation_detail, name="translation"),
    path(
        "translation/<int:translation_id>/memory/fill/",
        memory.fill_from_memory,
        name="fill_from_memory",
    ),
    path(
        "translation/<int:translation_id>/memory/use/",
        memory.use_memory,
        name="use_memory",
    ),
    path("memory/<int:entry_id>/", memory.memory_origin, name="memory_origin"),
    path("files/<str:language_code>/", po_files.po_import, name="po_files"),
    path("files/<str:language_code>/export/", po_files.po_export, name="po_export"),
]

# The glossary's files, under the "glossary" namespace (localization.wagtail_hooks).
glossary_urlpatterns = [
    path("export.csv", glossary.export_csv, name="export_csv"),
    path("export.tbx", glossary.export_tbx, name="export_tbx"),
    path("import/", glossary.import_glossary, name="import"),
]
