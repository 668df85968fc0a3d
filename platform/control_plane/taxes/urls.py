from django.urls import path

from control_plane.taxes import views

app_name = "taxes"
urlpatterns = [
    path("faktur/<int:pk>/", views.faktur, name="faktur"),
    path("faktur/<int:pk>/bast/buat/", views.bast_buat, name="bast_buat"),
    path("faktur/<int:pk>/bast/tanda-tangan/", views.bast_tanda_tangan, name="bast_sign"),
    path("faktur/<int:pk>/bast.pdf", views.bast_pdf, name="bast_pdf"),
    path("faktur/<int:pk>/kuitansi.pdf", views.kuitansi, name="kuitansi"),
    path("faktur/<int:pk>/sp2d/", views.sp2d, name="sp2d"),
    path("laporan/<int:contract_pk>/<int:year>/", views.laporan_tahunan, name="laporan"),
    path("coretax/", views.coretax, name="coretax"),
]
