from django.urls import path

from village_apps.akun import views

app_name = "akun"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = []
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = [
    path("masuk/", views.MasukView.as_view(), name="login"),
    path("keluar/", views.KeluarView.as_view(), name="logout"),
    path("atur-sandi/<uidb64>/<token>/", views.AturSandiView.as_view(), name="set_password"),
]
