from django.urls import path

from village_apps.pembangunan import views

app_name = "pembangunan"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<int:pk>/", views.detail, name="detail"),
    path("kelola/", views.kelola, name="kelola"),
    path("kelola/baru/", views.kelola_form, name="kelola_baru"),
    path("kelola/<int:pk>/", views.kelola_form, name="kelola_ubah"),
    path("kelola/<int:pk>/hapus/", views.kelola_hapus, name="kelola_hapus"),
]
