"""The billing provider boundary: a small interface and its Stripe adapter.

Services speak only to ``BillingGateway``; the adapter is the one place that knows
Stripe's object shapes (pinned API version). It is configured by base URL, so the
same code runs against real Stripe test mode and the local Stripe-compatible server.
Every write carries an idempotency key derived from a business id
(``contract-<id>-amend-<n>``), so a retried call after a crash never double-charges.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any, Protocol

import stripe
from django.conf import settings
from django.utils.translation import gettext as _


class GatewayError(Exception):
    """The provider refused or failed; the message is safe to show to operations."""


class BillingDisabled(GatewayError):
    """No provider is configured (``STRIPE_SECRET_KEY`` unset): billing is off."""


@dataclass(frozen=True)
class ProviderInvoice:
    id: str
    status: str
    number: str
    customer_id: str
    subscription_id: str
    billing_reason: str
    subtotal: int
    total: int
    amount_due: int
    amount_paid: int
    amount_remaining: int
    auto_advance: bool
    paid_out_of_band: bool
    hosted_invoice_url: str
    invoice_pdf: str
    due_date: dt.datetime | None
    period_start: dt.datetime | None
    period_end: dt.datetime | None
    finalized_at: dt.datetime | None
    paid_at: dt.datetime | None
    quantity: int
    lines: list[dict[str, Any]] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ProviderSubscription:
    id: str
    status: str
    quantity: int
    item_id: str
    price_id: str
    latest_invoice_id: str = ""
    # When the provider stops the subscription by itself (the contract's end), and
    # when it did; Unix timestamps, ``None`` when unset.
    cancel_at: int | None = None
    ended_at: int | None = None


@dataclass(frozen=True)
class ContractTerms:
    """What the provider needs to know about a contract (no ORM objects cross over)."""

    contract_id: int
    number: str
    kabupaten_code: str
    kabupaten_name: str
    billing_name: str
    billing_email: str
    npwp: str
    plan_code: str
    plan_name: str
    price_per_village: int
    interval: str
    days_until_due: int


class BillingGateway(Protocol):
    def customer_create(self, *, terms: ContractTerms) -> str: ...
    def product_create(self, *, plan_code: str, plan_name: str) -> str: ...
    def price_create(self, *, terms: ContractTerms, product_id: str, key: str) -> str: ...
    def subscription_create(
        self,
        *,
        terms: ContractTerms,
        customer_id: str,
        price_id: str,
        quantity: int,
        cancel_at: int,
        key: str,
    ) -> ProviderSubscription: ...
    def subscription_cancel_at_set(
        self, *, subscription_id: str, cancel_at: int, key: str
    ) -> ProviderSubscription: ...
    def subscription_retrieve(self, *, subscription_id: str) -> ProviderSubscription: ...
    def subscription_change(
        self,
        *,
        subscription_id: str,
        item_id: str,
        quantity: int,
        price_id: str | None,
        proration_behavior: str,
        key: str,
    ) -> ProviderSubscription: ...
    def subscription_cancel(self, *, subscription_id: str) -> ProviderSubscription: ...
    def invoice_create(
        self, *, terms: ContractTerms, customer_id: str, subscription_id: str, key: str
    ) -> ProviderInvoice: ...
    def invoice_hold(self, *, invoice_id: str, terms: ContractTerms) -> ProviderInvoice: ...
    def invoice_retrieve(self, *, invoice_id: str) -> ProviderInvoice: ...
    def invoice_list(self, *, customer_id: str) -> list[ProviderInvoice]: ...
    def invoice_preview(self, *, customer_id: str, subscription_id: str) -> ProviderInvoice: ...
    def invoice_finalize(self, *, invoice_id: str) -> ProviderInvoice: ...
    def invoice_item_add(
        self, *, customer_id: str, invoice_id: str, amount: int, description: str, key: str
    ) -> ProviderInvoice: ...
    def invoice_metadata_update(
        self, *, invoice_id: str, metadata: dict[str, str]
    ) -> ProviderInvoice: ...
    def invoice_send(self, *, invoice_id: str) -> ProviderInvoice: ...
    def invoice_pay_out_of_band(self, *, invoice_id: str, key: str) -> ProviderInvoice: ...
    def invoice_void(self, *, invoice_id: str) -> ProviderInvoice: ...
    def invoice_mark_uncollectible(self, *, invoice_id: str) -> ProviderInvoice: ...
    def event_verify(self, *, payload: bytes, signature: str) -> dict[str, Any]: ...


def _ts(value: Any) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(int(value), tz=dt.UTC) if value else None


def _line(line: dict[str, Any]) -> dict[str, Any]:
    """An invoice line as Balai keeps it: ``kind`` is ``subscription`` (a full period
    of the plan), ``proration`` (a quantity change within a period) or ``item`` (a line
    Balai added: PPN, rounding)."""
    parent = line.get("parent") or {}
    details = parent.get("invoice_item_details") or parent.get("subscription_item_details") or {}
    if details.get("proration"):
        kind = "proration"
    elif parent.get("type") == "subscription_item_details" or "subscription_item_details" in parent:
        kind = "subscription"
    else:
        kind = "item"
    period = line.get("period") or {}
    return {
        "description": line.get("description") or "",
        "amount": int(line.get("amount") or 0),
        "quantity": int(line.get("quantity") or 0),
        "proration": kind == "proration",
        "kind": kind,
        "period_start": int(period.get("start") or 0),
        "period_end": int(period.get("end") or 0),
    }


def _invoice(obj: Any) -> ProviderInvoice:
    data = obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
    parent = data.get("parent") or {}
    subscription = (parent.get("subscription_details") or {}).get("subscription") or ""
    transitions = data.get("status_transitions") or {}
    lines = [_line(line) for line in (data.get("lines") or {}).get("data", [])]
    quantity = max(
        (line["quantity"] for line in lines if line["kind"] == "subscription"), default=0
    )
    # The service period is what the subscription lines cover. Stripe's own invoice
    # period is when usage was gathered (for a subscription's first invoice both ends
    # are its creation), so it is only the fallback of an invoice without such lines.
    spans = [
        (line["period_start"], line["period_end"])
        for line in lines
        if line["kind"] != "item" and line["period_end"] > line["period_start"]
    ]
    period_start = _ts(min(s for s, _e in spans)) if spans else _ts(data.get("period_start"))
    period_end = _ts(max(e for _s, e in spans)) if spans else _ts(data.get("period_end"))
    return ProviderInvoice(
        id=data.get("id") or "",
        status=data.get("status") or "draft",
        number=data.get("number") or "",
        customer_id=data.get("customer") or "",
        subscription_id=subscription,
        billing_reason=data.get("billing_reason") or "",
        subtotal=int(data.get("subtotal") or 0),
        total=int(data.get("total") or 0),
        amount_due=int(data.get("amount_due") or 0),
        amount_paid=int(data.get("amount_paid") or 0),
        amount_remaining=int(data.get("amount_remaining") or 0),
        auto_advance=bool(data.get("auto_advance")),
        paid_out_of_band=bool(data.get("paid_out_of_band")),
        hosted_invoice_url=data.get("hosted_invoice_url") or "",
        invoice_pdf=data.get("invoice_pdf") or "",
        due_date=_ts(data.get("due_date")),
        period_start=period_start,
        period_end=period_end,
        finalized_at=_ts(transitions.get("finalized_at")),
        paid_at=_ts(transitions.get("paid_at")),
        quantity=quantity,
        lines=lines,
        metadata=dict(data.get("metadata") or {}),
    )


def _subscription(obj: Any) -> ProviderSubscription:
    data = obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
    item = (data.get("items") or {}).get("data", [{}])[0]
    return ProviderSubscription(
        id=data["id"],
        status=data.get("status") or "",
        quantity=int(item.get("quantity") or 0),
        item_id=item.get("id") or "",
        price_id=(item.get("price") or {}).get("id") or "",
        latest_invoice_id=data.get("latest_invoice") or "",
        cancel_at=int(data["cancel_at"]) if data.get("cancel_at") else None,
        ended_at=int(data["ended_at"]) if data.get("ended_at") else None,
    )


def _translated(func: Any) -> Any:
    """Turn Stripe errors into ``GatewayError`` so services handle one exception type."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except stripe.SignatureVerificationError:
            raise
        except stripe.StripeError as exc:
            raise GatewayError(exc.user_message or str(exc)) from exc

    return wrapper


class StripeGateway:
    """``BillingGateway`` on the official ``stripe`` library's ``StripeClient``."""

    def __init__(self, *, api_key: str, api_base: str, webhook_secret: str) -> None:
        options: dict[str, Any] = {
            "stripe_version": settings.STRIPE_API_VERSION,
            "max_network_retries": settings.STRIPE_MAX_NETWORK_RETRIES,
        }
        if api_base:
            options["base_addresses"] = {"api": api_base}
        self.client = stripe.StripeClient(api_key, **options)
        self.webhook_secret = webhook_secret

    @staticmethod
    def _metadata(terms: ContractTerms) -> dict[str, str]:
        return {
            "balai_contract_id": str(terms.contract_id),
            "contract_number": terms.number,
            "kabupaten_code": terms.kabupaten_code,
        }

    @_translated
    def customer_create(self, *, terms: ContractTerms) -> str:
        params: dict[str, Any] = {
            "name": terms.billing_name or f"Pemerintah {terms.kabupaten_name}",
            "preferred_locales": ["id"],
            "metadata": self._metadata(terms),
            # Every invoice of this customer carries the contract number, including
            # the ones Stripe makes itself (subscription renewals).
            "invoice_settings": {"custom_fields": self._custom_fields(terms)},
        }
        if terms.billing_email:
            params["email"] = terms.billing_email
        if terms.npwp:
            params["tax_id_data"] = [{"type": "id_npwp", "value": terms.npwp}]
        customer = self.client.v1.customers.create(
            params=params, options={"idempotency_key": f"contract-{terms.contract_id}-customer"}
        )
        return customer.id

    @_translated
    def product_create(self, *, plan_code: str, plan_name: str) -> str:
        product = self.client.v1.products.create(
            params={"name": f"Balai {plan_name}", "metadata": {"plan_code": plan_code}},
            options={"idempotency_key": f"plan-{plan_code}-product"},
        )
        return product.id

    @_translated
    def price_create(self, *, terms: ContractTerms, product_id: str, key: str) -> str:
        price = self.client.v1.prices.create(
            params={
                "product": product_id,
                "unit_amount": terms.price_per_village,
                "currency": "idr",
                "recurring": {"interval": terms.interval, "interval_count": 1},
                "nickname": f"{terms.number} per desa",
                "metadata": self._metadata(terms),
            },
            options={"idempotency_key": key},
        )
        return price.id

    @_translated
    def subscription_create(
        self,
        *,
        terms: ContractTerms,
        customer_id: str,
        price_id: str,
        quantity: int,
        cancel_at: int,
        key: str,
    ) -> ProviderSubscription:
        """A subscription that ends by itself at ``cancel_at`` (the contract's end), so
        the provider never renews and invoices past the contract. Stripe prorates a
        period that ``cancel_at`` cuts short unless ``proration_behavior`` is ``none``:
        the kabupaten agreed a price per period, so the first invoice keeps it whole."""
        sub = self.client.v1.subscriptions.create(
            params={
                "customer": customer_id,
                "items": [{"price": price_id, "quantity": quantity}],
                "collection_method": "send_invoice",
                "days_until_due": terms.days_until_due,
                "cancel_at": cancel_at,
                "proration_behavior": "none",
                "metadata": self._metadata(terms),
            },
            options={"idempotency_key": key},
        )
        return _subscription(sub)

    @_translated
    def subscription_cancel_at_set(
        self, *, subscription_id: str, cancel_at: int, key: str
    ) -> ProviderSubscription:
        """Move the subscription's scheduled end (the contract's end was amended),
        without prorations for the period it lengthens or shortens."""
        sub = self.client.v1.subscriptions.update(
            subscription_id,
            params={"cancel_at": cancel_at, "proration_behavior": "none"},
            options={"idempotency_key": key},
        )
        return _subscription(sub)

    @_translated
    def subscription_retrieve(self, *, subscription_id: str) -> ProviderSubscription:
        return _subscription(self.client.v1.subscriptions.retrieve(subscription_id))

    @_translated
    def subscription_change(
        self,
        *,
        subscription_id: str,
        item_id: str,
        quantity: int,
        price_id: str | None,
        proration_behavior: str,
        key: str,
    ) -> ProviderSubscription:
        item: dict[str, Any] = {"id": item_id, "quantity": quantity}
        if price_id:
            item["price"] = price_id
        sub = self.client.v1.subscriptions.update(
            subscription_id,
            params={"items": [item], "proration_behavior": proration_behavior},
            options={"idempotency_key": key},
        )
        return _subscription(sub)

    @_translated
    def subscription_cancel(self, *, subscription_id: str) -> ProviderSubscription:
        return _subscription(self.client.v1.subscriptions.cancel(subscription_id))

    @staticmethod
    def _custom_fields(terms: ContractTerms) -> list[dict[str, str]]:
        return [{"name": "No. Kontrak/SPK", "value": terms.number[:140]}]

    @_translated
    def invoice_create(
        self, *, terms: ContractTerms, customer_id: str, subscription_id: str, key: str
    ) -> ProviderInvoice:
        invoice = self.client.v1.invoices.create(
            params={
                "customer": customer_id,
                "subscription": subscription_id,
                "auto_advance": False,
                "collection_method": "send_invoice",
                "days_until_due": terms.days_until_due,
                "pending_invoice_items_behavior": "include",
                "custom_fields": self._custom_fields(terms),
                "metadata": self._metadata(terms),
            },
            options={"idempotency_key": key},
        )
        return _invoice(invoice)

    @_translated
    def invoice_item_add(
        self, *, customer_id: str, invoice_id: str, amount: int, description: str, key: str
    ) -> ProviderInvoice:
        """Add a line (e.g. PPN) to a draft invoice; returns the updated invoice."""
        self.client.v1.invoice_items.create(
            params={
                "customer": customer_id,
                "invoice": invoice_id,
                "amount": amount,
                "currency": "idr",
                "description": description,
            },
            options={"idempotency_key": key},
        )
        return _invoice(self.client.v1.invoices.retrieve(invoice_id))

    @_translated
    def invoice_metadata_update(
        self, *, invoice_id: str, metadata: dict[str, str]
    ) -> ProviderInvoice:
        return _invoice(self.client.v1.invoices.update(invoice_id, params={"metadata": metadata}))

    @_translated
    def invoice_hold(self, *, invoice_id: str, terms: ContractTerms) -> ProviderInvoice:
        """Keep a provider-made draft (e.g. a subscription's first invoice) from being
        finalized automatically, and put the contract number on it. An invoice the
        provider already finalized is returned as it is."""
        current = self.client.v1.invoices.retrieve(invoice_id)
        if current.status != "draft":
            return _invoice(current)
        return _invoice(
            self.client.v1.invoices.update(
                invoice_id,
                params={
                    "auto_advance": False,
                    "custom_fields": self._custom_fields(terms),
                    "metadata": self._metadata(terms),
                },
            )
        )

    @_translated
    def invoice_retrieve(self, *, invoice_id: str) -> ProviderInvoice:
        return _invoice(self.client.v1.invoices.retrieve(invoice_id))

    @_translated
    def invoice_list(self, *, customer_id: str) -> list[ProviderInvoice]:
        result = self.client.v1.invoices.list(params={"customer": customer_id, "limit": 100})
        return [_invoice(inv) for inv in result.auto_paging_iter()]

    @_translated
    def invoice_preview(self, *, customer_id: str, subscription_id: str) -> ProviderInvoice:
        return _invoice(
            self.client.v1.invoices.create_preview(
                params={"customer": customer_id, "subscription": subscription_id}
            )
        )

    @_translated
    def invoice_finalize(self, *, invoice_id: str) -> ProviderInvoice:
        return _invoice(
            self.client.v1.invoices.finalize_invoice(invoice_id, params={"auto_advance": False})
        )

    @_translated
    def invoice_send(self, *, invoice_id: str) -> ProviderInvoice:
        return _invoice(self.client.v1.invoices.send_invoice(invoice_id))

    @_translated
    def invoice_pay_out_of_band(self, *, invoice_id: str, key: str) -> ProviderInvoice:
        return _invoice(
            self.client.v1.invoices.pay(
                invoice_id, params={"paid_out_of_band": True}, options={"idempotency_key": key}
            )
        )

    @_translated
    def invoice_void(self, *, invoice_id: str) -> ProviderInvoice:
        return _invoice(self.client.v1.invoices.void_invoice(invoice_id))

    @_translated
    def invoice_mark_uncollectible(self, *, invoice_id: str) -> ProviderInvoice:
        return _invoice(self.client.v1.invoices.mark_uncollectible(invoice_id))

    def event_verify(self, *, payload: bytes, signature: str) -> dict[str, Any]:
        """Check ``Stripe-Signature`` (HMAC-SHA256, timestamp tolerance) and parse the
        event. Raises ``stripe.SignatureVerificationError`` or ``ValueError``."""
        event = stripe.Webhook.construct_event(
            payload.decode("utf-8"),
            signature,
            self.webhook_secret,
            tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
        )
        return event.to_dict()


@functools.cache
def _gateway(api_key: str, api_base: str, webhook_secret: str) -> StripeGateway:
    return StripeGateway(api_key=api_key, api_base=api_base, webhook_secret=webhook_secret)


def gateway_get() -> BillingGateway:
    """The configured gateway (one client per configuration, reused across calls)."""
    if not settings.STRIPE_SECRET_KEY:
        raise BillingDisabled(_("Penagihan belum diaktifkan (STRIPE_SECRET_KEY belum diatur)."))
    return _gateway(
        settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE, settings.STRIPE_WEBHOOK_SECRET
    )


def billing_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)
