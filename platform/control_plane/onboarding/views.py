"""Public sign-up (Indonesian), status page with htmx polling, approvals and invitations.
Views only parse and render; every rule is in ``services``/``selectors``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from balai_kernel import abuse
from balai_kernel.actor import actor_from_request
from balai_kernel.audience import PUBLIC, open_to
from balai_kernel.forms import form_errors_add
from balai_kernel.pagination import page_get
from control_plane.accounts.navigation import PENDAFTARAN, menu_entry
from control_plane.accounts.permissions import manager_or_ops_required
from control_plane.onboarding import selectors, services
from control_plane.onboarding.choices import SignupStatus
from control_plane.onboarding.forms import (
    InvitationBulkForm,
    InvitationForm,
    RejectForm,
    SignupForm,
)
from control_plane.reference.selectors import edition_active, wilayah_search
from control_plane.reference.views import SEARCH_GROUP, SEARCH_RATE
from tenants import services as tenant_services
from tenants.models import Domain
from tenants.selectors import village_domain_list

TERMINAL = {SignupStatus.ACTIVE, SignupStatus.REJECTED, SignupStatus.FAILED}


SIGNUP_FIELDS = ("desa", "code", "slug", "operator_name", "email", "phone", "position", "consent")


@open_to(PUBLIC)
@menu_entry(pgettext_lazy("menu", "Daftarkan desa"), group=PENDAFTARAN, visitors=True)
def signup(request: HttpRequest) -> HttpResponse:
    """The public sign-up form. Every rule is checked in one round (``SignupForm.clean``
    runs ``services.signup_check``) and a refused form comes back with every value kept,
    the proof included. Submissions are limited per address (``ABUSE_LIMITS["signup"]``,
    counted by every web process); the search button (for browsers without JavaScript)
    is not a submission and is limited like the search endpoint."""
    token = request.GET.get("undangan") or request.POST.get("undangan") or ""
    invitation = selectors.invitation_open(token) if token else None
    if token and invitation is None:
        messages.error(request, _("Undangan tidak dikenal atau sudah dipakai."))
    again = _rejected_signup(request.GET.get("ulang", ""))
    if request.method == "POST" and "cari" in request.POST:
        return _signup_search(request, invitation=invitation)
    if request.method == "POST":
        return _signup_post(request, invitation=invitation, again=again)
    initial = _signup_initial(request, invitation=invitation, again=again)
    form = SignupForm(initial=initial, invitation=invitation)
    choice = selectors.desa_choice_get(text=initial.get("desa", ""), code=initial.get("code", ""))
    return _signup_render(request, form=form, choice=choice, again=again)


def _signup_post(request: HttpRequest, *, invitation: Any, again: Any) -> HttpResponse:
    refused = abuse.submission_refusal(request, "signup")
    if refused is not None:
        form = SignupForm(initial=request.POST.dict(), invitation=invitation)  # not validated
        form.cleaned_data = {}  # add_error() expects one, even on an unbound form
        form.add_error(
            None,
            _("Terlalu banyak pendaftaran dari alamat ini. Coba lagi dalam %(menit)d menit.")
            % {"menit": refused.minutes_left},
        )
        choice = selectors.desa_choice_get(
            text=request.POST.get("desa", ""), code=request.POST.get("code", "")
        )
        return _signup_render(request, form=form, choice=choice, again=again, status=429)
    files, held = _signup_files(request)
    form = SignupForm(request.POST, files, invitation=invitation)
    if form.is_valid():
        data = form.cleaned_data
        try:
            made = services.signup_submit(
                **{name: data[name] for name in SIGNUP_FIELDS},
                proof=data["proof"],
                invitation=invitation,
            )
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            return redirect("onboarding:status", made.token)
    # Refused (400): every error at once, every value kept.
    return _signup_render(
        request,
        form=form,
        choice=form.check.choice,
        again=again,
        status=400,
        held=_proof_keep(form, held),
    )


def _signup_files(request: HttpRequest) -> tuple[Any, str]:
    """The uploads of a submission, with the proof kept from the previous round when
    none was chosen again; and the token of that kept proof ("" for none)."""
    if request.method != "POST":
        return None, ""
    files = request.FILES.copy()
    token = request.POST.get("proof_kept", "")[:500]
    if files.get("proof") or not token:
        return files, ""
    held = services.proof_hold_get(token)
    if held is None:
        return files, ""
    files["proof"] = held
    return files, token


def _proof_keep(form: SignupForm, held: str) -> str:
    """After a refused round: the token of a proof that passed its checks (kept now if
    it was just uploaded), so the person need not choose it again; "" otherwise."""
    proof = form.cleaned_data.get("proof") if hasattr(form, "cleaned_data") else None
    if proof is None or "proof" in form.errors:
        return ""
    return held or services.proof_hold_store(proof=proof)


def _rejected_signup(token: str) -> Any:
    """The rejected sign-up a "apply again" link names, or None."""
    made = selectors.signup_by_token(token) if token else None
    return made if made is not None and made.status == SignupStatus.REJECTED else None


def _signup_initial(request: HttpRequest, *, invitation: Any, again: Any) -> dict[str, Any]:
    """What an empty form starts with: the invitation's subdomain suggestion, a
    rejected sign-up's own values (apply again), or a village picked on the search page."""
    if invitation is not None:
        return {"slug": services.slug_suggest(code=invitation.code)}
    if again is not None:
        return {
            "desa": again.code_dotted,
            "code": again.code,
            "slug": again.slug,
            "operator_name": again.operator_name,
            "email": again.email,
            "phone": again.phone,
            "position": again.position,
        }
    code = request.GET.get("kode", "")[:13]
    if code:
        return {"desa": code, "code": code, "slug": services.slug_suggest(code=code)}
    return {}


def _search_limited(request: HttpRequest) -> bool:
    return is_ratelimited(request, group=SEARCH_GROUP, key="ip", rate=SEARCH_RATE, increment=True)


def _signup_search(request: HttpRequest, *, invitation: Any) -> HttpResponse:
    """Without JavaScript: the form again with the typed values kept (nothing is
    validated, nothing counted as a submission) and the villages matching what was
    typed, to pick from."""
    values = request.POST.dict()
    form = SignupForm(initial=values, invitation=invitation)
    if _search_limited(request):
        form.cleaned_data = {}
        form.add_error(None, _("Terlalu banyak pencarian. Coba lagi dalam satu menit."))
        return _signup_render(
            request, form=form, choice=selectors.DesaChoice(), again=None, status=429
        )
    choice = selectors.desa_choice_get(text=values.get("desa", ""))
    if choice.desa is not None and not values.get("slug"):
        form.initial["slug"] = services.slug_suggest(code=choice.desa.code)
    form.initial["code"] = choice.desa.code if choice.desa is not None else ""
    return _signup_render(request, form=form, choice=choice, again=None, hint=True)


def _signup_render(
    request: HttpRequest,
    *,
    form: SignupForm,
    choice: Any,
    again: Any,
    status: int = 200,
    hint: bool = False,
    held: str = "",
) -> HttpResponse:
    return render(
        request,
        "onboarding/signup.html",
        {
            "form": form,
            "held": held,
            "held_name": getattr(getattr(form, "cleaned_data", {}).get("proof"), "name", ""),
            "invitation": form.invitation,
            "choice": choice,
            "hint": hint,
            "again": again,
            "edition": edition_active(),
        },
        status=status,
    )


@open_to(PUBLIC)
@require_GET
@ratelimit(key="ip", group=SEARCH_GROUP, rate=SEARCH_RATE, block=False)
def desa_search(request: HttpRequest) -> HttpResponse:
    """The villages matching a typed code or name, with kecamatan, kabupaten and
    provinsi. For htmx (the sign-up form's autocomplete) the list of choices; for a
    browser without it a page whose links open the form with the village picked."""
    text = (request.GET.get("desa") or request.GET.get("kode_pilih") or "")[:80]
    if getattr(request, "limited", False):
        return HttpResponse(_("Terlalu banyak pencarian. Coba lagi dalam satu menit."), status=429)
    choice = selectors.desa_choice_get(text=text)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "onboarding/_desa_results.html",
            {"choice": choice, "hint": True, "suggest": choice.desa is not None},
        )
    return render(request, "onboarding/desa_search.html", {"choice": choice})


@open_to(PUBLIC)
@require_GET
def cascade(request: HttpRequest) -> HttpResponse:
    """The provinsi → kabupaten → kecamatan → desa selects, another way to reach the
    list of choices. Loaded by htmx only, so a browser without JavaScript never shows
    selects it could not fill."""
    return render(
        request,
        "onboarding/_cascade.html",
        {"provinsi": wilayah_search(level="provinsi", limit=100)},
    )


@open_to(PUBLIC)
@require_GET
def options(request: HttpRequest, level: str) -> HttpResponse:
    """``<option>`` list for the cascading region selects (htmx)."""
    if level not in ("kabupaten", "kecamatan", "desa"):
        raise Http404
    parent = next((v for v in request.GET.values() if v), "")
    rows = wilayah_search(level=level, parent=parent, limit=500) if parent else []
    return render(request, "onboarding/_options.html", {"rows": rows, "level": level})


@open_to(PUBLIC)
@require_GET
def slug_suggestion(request: HttpRequest) -> HttpResponse:
    """The subdomain input, prefilled with a free suggestion for the chosen village (htmx)."""
    return render(
        request,
        "onboarding/_slug.html",
        {"value": services.slug_suggest(code=request.GET.get("code", ""))},
    )


@open_to(PUBLIC)
@require_GET
def terms(request: HttpRequest) -> HttpResponse:
    """Syarat layanan, linked from the sign-up's consent."""
    return render(request, "onboarding/terms.html", {"contact": settings.BALAI_CONTACT_EMAIL})


@open_to(PUBLIC)
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """Kebijakan privasi (UU PDP 27/2022), linked from the sign-up's consent."""
    return render(request, "onboarding/privacy.html", {"contact": settings.BALAI_CONTACT_EMAIL})


@open_to(PUBLIC)
def verify(request: HttpRequest, email_token: str) -> HttpResponse:
    try:
        made = services.signup_verify(email_token=email_token)
    except services.OnboardingError as exc:
        return render(request, "onboarding/message.html", {"message": str(exc)}, status=400)
    return redirect("onboarding:status", made.token)


@open_to(PUBLIC)
def status(request: HttpRequest, token: str) -> HttpResponse:
    made = selectors.signup_by_token(token)
    if made is None:
        raise Http404
    return render(request, "onboarding/status.html", _status_context(made))


@open_to(PUBLIC)
@require_POST
def verification_request(request: HttpRequest, token: str) -> HttpResponse:
    """Send the verification e-mail again, within the sign-up limit of this address
    (``ABUSE_LIMITS["signup"]``): each resend counts as a submission."""
    made = selectors.signup_by_token(token)
    if made is None:
        raise Http404
    refused = abuse.submission_refusal(request, "signup")
    if refused is not None:
        messages.error(request, abuse.refusal_message(refused, login=False))
        return redirect("onboarding:status", made.token)
    try:
        services.signup_verification_request(signup=made)
    except services.OnboardingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Tautan verifikasi dikirim ulang ke %(email)s.") % {"email": made.email}
        )
    return redirect("onboarding:status", made.token)


@open_to(PUBLIC)
def status_part(request: HttpRequest, token: str) -> HttpResponse:
    made = selectors.signup_by_token(token)
    if made is None:
        raise Http404
    return render(request, "onboarding/_status.html", _status_context(made))


def _status_context(made) -> dict:  # noqa: ANN001
    return {
        "signup": made,
        "steps": selectors.provisioning_progress(made.village),
        "polling": made.status not in TERMINAL and made.status != SignupStatus.UNVERIFIED,
    }


@menu_entry(pgettext_lazy("menu", "Persetujuan"), group=PENDAFTARAN, order=10)
@manager_or_ops_required
def approval_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("status", SignupStatus.PENDING)
    qs = selectors.signups_for(request.user, status=state, q=request.GET.get("q", "").strip())
    page = page_get(request, qs, per_page=25)
    return render(
        request,
        "onboarding/approval_list.html",
        {
            "page": page,
            "state": state,
            "statuses": SignupStatus.choices,
            "q": request.GET.get("q", ""),
        },
    )


@manager_or_ops_required
def approval_detail(request: HttpRequest, pk: int) -> HttpResponse:
    made = selectors.signup_visible_to(request.user, pk)
    if made is None:
        raise Http404
    reject_form = RejectForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                services.signup_approve(signup=made, actor=actor_from_request(request))
                messages.success(request, _("Pendaftaran disetujui; desa sedang disiapkan."))
                return redirect("onboarding:approval_list")
            if reject_form.is_valid():
                services.signup_reject(
                    signup=made,
                    actor=actor_from_request(request),
                    reason=reject_form.cleaned_data["reason"],
                )
                messages.success(request, _("Pendaftaran ditolak; operator diberi tahu."))
                return redirect("onboarding:approval_list")
        except (services.OnboardingError, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    contract = selectors.contract_for_kabupaten(made.kabupaten_code)
    return render(
        request,
        "onboarding/approval_detail.html",
        {
            "signup": made,
            "reject_form": reject_form,
            "contract": contract,
            "seats_used": selectors.seats_used(contract) if contract else None,
            "domains": village_domain_list(village=made.village) if made.village else [],
            "history": selectors.signup_history_list(made),
        },
    )


@manager_or_ops_required
def approval_proof(request: HttpRequest, pk: int) -> FileResponse:
    made = selectors.signup_visible_to(request.user, pk)
    if made is None or not made.proof:
        raise Http404
    return FileResponse(
        made.proof.open("rb"), as_attachment=True, filename=made.proof.name.rsplit("/", 1)[-1]
    )


@menu_entry(pgettext_lazy("menu", "Undangan"), group=PENDAFTARAN, order=20)
@manager_or_ops_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None, prefix="one")
    bulk = InvitationBulkForm(request.POST or None, request.FILES or None, prefix="bulk")
    if request.method == "POST" and "one-code" in request.POST and form.is_valid():
        try:
            services.invitation_create(actor=actor_from_request(request), **form.cleaned_data)
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Undangan terkirim."))
            return redirect("onboarding:invitations")
    elif request.method == "POST" and "bulk-csv_file" in request.FILES and bulk.is_valid():
        text = bulk.cleaned_data["csv_file"].read().decode("utf-8-sig", errors="replace")
        made, errors = services.invitation_bulk_create(
            csv_text=text, actor=actor_from_request(request)
        )
        messages.success(
            request,
            ngettext("%(n)d undangan terkirim.", "%(n)d undangan terkirim.", len(made))
            % {"n": len(made)},
        )
        for error in errors[:50]:
            messages.error(request, error)
        return redirect("onboarding:invitations")
    page = page_get(request, selectors.invitations_for(request.user), per_page=25)
    return render(
        request,
        "onboarding/invitations.html",
        {"form": form, "bulk": bulk, "page": page},
        status=400 if request.method == "POST" else 200,  # only a refused form gets here
    )


@manager_or_ops_required
def village_domains(request: HttpRequest, slug: str) -> HttpResponse:
    """Custom domains of a village, for its kabupaten's contract manager or operations:
    each with its ownership status and the DNS record that proves it; a POST attaches
    one (pending, not routed until proven)."""
    village = selectors.village_managed_by(request.user, slug)
    if village is None:
        raise Http404
    if request.method == "POST":
        try:
            tenant_services.village_domain_add(
                village=village,
                domain=request.POST.get("domain", ""),
                actor=actor_from_request(request),
            )
        except tenant_services.LifecycleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Domain ditambahkan. Domain dilayani setelah catatan TXT di bawah terbukti."),
            )
        return redirect("onboarding:village_domains", slug=village.slug)
    return render(
        request,
        "onboarding/village_domains.html",
        {"village": village, "domains": village_domain_list(village=village)},
    )


def _managed_domain(request: HttpRequest, slug: str, pk: int) -> Domain:
    village = selectors.village_managed_by(request.user, slug)
    domain = village_domain_list(village=village).filter(pk=pk).first() if village else None
    if domain is None:
        raise Http404
    return domain


@manager_or_ops_required
@require_POST
def village_domain_check(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Look for the ownership record now (the worker also does every 10 minutes)."""
    try:
        domain = tenant_services.village_domain_check(
            domain=_managed_domain(request, slug, pk), actor=actor_from_request(request)
        )
    except tenant_services.LifecycleError as exc:  # removed meanwhile
        messages.error(request, str(exc))
    else:
        (messages.success if domain.is_verified else messages.warning)(
            request,
            f"{domain.domain}: {domain.get_status_display()}. {domain.get_check_result_display()}",
        )
    return redirect("onboarding:village_domains", slug=slug)


@manager_or_ops_required
@require_POST
def village_domain_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    domain = _managed_domain(request, slug, pk)
    tenant_services.village_domain_remove(
        village=domain.tenant, domain=domain.domain, actor=actor_from_request(request)
    )
    messages.success(request, _("Domain %(d)s dihapus.") % {"d": domain.domain})
    return redirect("onboarding:village_domains", slug=slug)
