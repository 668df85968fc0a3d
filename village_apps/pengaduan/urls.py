from django.urls import path

from village_apps.pengaduan import views

app_name = "pengaduan"
urlpatterns = [
    path("", views.kirim, name="kirim"),
    path("lacak/", views.lacak, name="lacak"),
    path("lacak/<str:kode>/", views.lacak, name="lacak_kode"),
    path("kelola/", views.kelola, name="kelola"),
    path("kelola/<int:pk>/", views.kelola_detail, name="kelola_detail"),
]
