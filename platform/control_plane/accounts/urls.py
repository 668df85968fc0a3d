from django.urls import path

from control_plane.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("otp/", views.otp_verify, name="otp"),
    path("otp/daftar/", views.otp_enrol, name="otp_enrol"),
    path("keamanan/", views.security, name="security"),
    path("perangkat/<int:pk>/hapus/", views.device_remove, name="device_remove"),
    path("undang/", views.staff_invite, name="invite"),
    path("staf/", views.staff_list, name="staff_list"),
    path("staf/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staf/<int:pk>/nonaktifkan/", views.staff_suspend, name="staff_suspend"),
    path("staf/<int:pk>/aktifkan/", views.staff_resume, name="staff_resume"),
    path("email/", views.email_change, name="email_change"),
    path("email/konfirmasi/<str:token>/", views.email_confirm, name="email_confirm"),
    path("sandi/ganti/", views.password_change, name="password_change"),
    path("sandi/lupa/", views.PasswordResetView.as_view(), name="password_reset"),
    path("sandi/terkirim/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "sandi/atur/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
