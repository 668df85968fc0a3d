"""Forms of the akun app: sign-in and set-password use Django's own
(``AuthenticationForm``, ``SetPasswordForm``) through the class-based views."""
