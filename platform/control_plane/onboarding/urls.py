from django.urls import path

from control_plane.onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("", views.signup, name="signup"),
    path("cari-desa/", views.desa_search, name="desa_search"),
    path("wilayah/", views.cascade, name="cascade"),
    path("pilihan/<str:level>/", views.options, name="options"),
    path("saran-subdomain/", views.slug_suggestion, name="slug_suggestion"),
    path("syarat-layanan/", views.terms, name="terms"),
    path("kebijakan-privasi/", views.privacy, name="privacy"),
    path("verifikasi/<str:email_token>/", views.verify, name="verify"),
    path("status/<str:token>/", views.status, name="status"),
    path("status/<str:token>/langkah/", views.status_part, name="status_part"),
    path(
        "status/<str:token>/kirim-ulang/",
        views.verification_request,
        name="verification_request",
    ),
    path("persetujuan/", views.approval_list, name="approval_list"),
    path("persetujuan/<int:pk>/", views.approval_detail, name="approval_detail"),
    path("persetujuan/<int:pk>/bukti/", views.approval_proof, name="approval_proof"),
    path("undangan/", views.invitation_list, name="invitations"),
    path("desa/<slug:slug>/domain/", views.village_domains, name="village_domains"),
    path(
        "desa/<slug:slug>/domain/<int:pk>/periksa/",
        views.village_domain_check,
        name="village_domain_check",
    ),
    path(
        "desa/<slug:slug>/domain/<int:pk>/hapus/",
        views.village_domain_remove,
        name="village_domain_remove",
    ),
]
