from django.urls import path

from village_apps.akun import views

app_name = "akun"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.staf, name="staf"),
    path("tambah/", views.staf_tambah, name="staf_tambah"),
    path("<int:pk>/", views.staf_detail, name="staf_detail"),
    path("<int:pk>/nonaktifkan/", views.staf_nonaktifkan, name="staf_nonaktifkan"),
    path("<int:pk>/aktifkan/", views.staf_aktifkan, name="staf_aktifkan"),
    path("<int:pk>/atur-ulang-sandi/", views.staf_reset_sandi, name="staf_reset_sandi"),
    path("peran/", views.peran, name="peran"),
    path("peran/baru/", views.peran_ubah, name="peran_baru"),
    path("peran/<slug:slug>/", views.peran_ubah, name="peran_ubah"),
    path("peran/<slug:slug>/hapus/", views.peran_hapus, name="peran_hapus"),
    path("saya/", views.saya, name="saya"),
    path("saya/sandi/", views.sandi, name="sandi"),
    path("saya/otp/", views.otp_daftar, name="otp_daftar"),
    path("saya/perangkat/<int:pk>/hapus/", views.perangkat_hapus, name="perangkat_hapus"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = [
    path("masuk/", views.MasukView.as_view(), name="login"),
    path("keluar/", views.KeluarView.as_view(), name="logout"),
    path("otp/", views.otp, name="otp"),
    path("atur-sandi/<uidb64>/<token>/", views.AturSandiView.as_view(), name="set_password"),
]
