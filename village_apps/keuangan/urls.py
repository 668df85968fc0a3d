from django.urls import path

from village_apps.keuangan import views

app_name = "keuangan"
urlpatterns = [
    path("", views.publik, name="publik"),
    path("<int:tahun>/", views.publik, name="publik_tahun"),
    path("kelola/", views.kelola, name="kelola"),
    path("kelola/impor/", views.impor, name="impor"),
    path("kelola/templat.xlsx", views.templat, name="templat"),
    path("kelola/<int:tahun>/", views.kelola_tahun, name="kelola_tahun"),
    path("kelola/<int:tahun>/baris/<int:pk>/", views.baris_ubah, name="baris_ubah"),
    path("kelola/<int:tahun>/baris/<int:pk>/hapus/", views.baris_hapus, name="baris_hapus"),
]
