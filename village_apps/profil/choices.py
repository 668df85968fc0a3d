"""Code lists of the profil app: the village kind (desa/kelurahan) is the control
plane's ``Village.kind``, copied at provisioning."""
