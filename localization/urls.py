from django.urls import path

from localization import memory_views, views

app_name = "localization"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sync/", views.bulk_sync, name="bulk_sync"),
    path("translation/<int:translation_id>/", views.translation_detail, name="translation"),
    path(
        "translation/<int:translation_id>/memory/fill/",
        memory_views.fill_from_memory,
        name="fill_from_memory",
    ),
    path(
        "translation/<int:translation_id>/memory/use/",
        memory_views.use_memory,
        name="use_memory",
    ),
    path("memory/<int:entry_id>/", memory_views.memory_origin, name="memory_origin"),
    path("files/<str:language_code>/", views.po_import, name="po_files"),
    path("files/<str:language_code>/export/", views.po_export, name="po_export"),
]
