from django.urls import path

from control_plane.billing import views_contracts as views

app_name = "contracts"
urlpatterns = [
    path("", views.contract_list, name="list"),
    path("baru/", views.contract_create, name="create"),
    path("<int:pk>/", views.contract_detail, name="detail"),
    path("<int:pk>/ubah/", views.contract_amend, name="amend"),
    path("<int:pk>/mulai-tagihan/", views.contract_billing_start, name="billing_start"),
    path("<int:pk>/desa/<slug:slug>/lepaskan/", views.contract_seat_release, name="seat_release"),
]
