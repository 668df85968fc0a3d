from django.urls import path

from control_plane.billing import views

app_name = "billing"
urlpatterns = [
    path("stripe/webhook", views.stripe_webhook, name="stripe_webhook"),
    path("kesehatan/", views.health, name="health"),
    path("faktur/<int:pk>/terbitkan/", views.invoice_finalize, name="invoice_finalize"),
    path("faktur/<int:pk>/pembayaran/", views.payment_record, name="payment_record"),
    path("paket/", views.plan_list, name="plans"),
    path("paket/<int:pk>/modul/", views.plan_modules, name="plan_modules"),
]
