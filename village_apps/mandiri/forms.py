"""Forms of the self-service app: the resident's sign-in and the back office's queue."""

from django import forms


class MasukForm(forms.Form):
    """NIK + PIN; wrong or missing values are the service's refusal (same message for
    both, so the form never tells which one was wrong)."""

    nik = forms.CharField(required=False)
    pin = forms.CharField(required=False)


class KembalikanForm(forms.Form):
    catatan = forms.CharField(required=False)


class PinForm(forms.Form):
    penduduk = forms.IntegerField(required=False, min_value=0)


class PermohonanForm(forms.Form):
    """A letter request: the chosen template and its fields (which differ per template
    and are validated by the service against it)."""

    format = forms.IntegerField(required=False)

    def isian(self) -> dict[str, str]:
        return self.data.dict()
