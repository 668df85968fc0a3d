from django.urls import path

from village_apps.mandiri import views

app_name = "mandiri"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.antrean, name="antrean"),
    path("<int:pk>/", views.antrean_detail, name="antrean_detail"),
    path("<int:pk>/setujui/", views.antrean_setujui, name="antrean_setujui"),
    path("<int:pk>/kembalikan/", views.antrean_kembalikan, name="antrean_kembalikan"),
    path("pin/", views.pin, name="pin"),
    path("dokumen/<int:pk>/", views.dokumen, name="dokumen"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("masuk/", views.masuk, name="masuk"),
    path("keluar/", views.keluar, name="keluar"),
    path("permohonan/baru/", views.permohonan_baru, name="permohonan_baru"),
    path("permohonan/<int:pk>/", views.permohonan, name="permohonan"),
    path("permohonan/<int:pk>/unduh/", views.permohonan_unduh, name="permohonan_unduh"),
    path("permohonan/<int:pk>/batal/", views.permohonan_batal, name="permohonan_batal"),
]
