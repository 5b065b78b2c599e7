from django.urls import path

from localization import views

app_name = "localization"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sync/", views.bulk_sync, name="bulk_sync"),
    path("translation/<int:translation_id>/", views.translation_detail, name="translation"),
    path("files/<str:language_code>/", views.po_import, name="po_files"),
    path("files/<str:language_code>/export/", views.po_export, name="po_export"),
]
