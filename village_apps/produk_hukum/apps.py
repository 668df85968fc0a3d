from django.apps import AppConfig


class ProdukHukumConfig(AppConfig):
    name = "village_apps.produk_hukum"
    label = "produk_hukum"
    verbose_name = "Produk hukum desa"
