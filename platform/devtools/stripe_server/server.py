"""Stripe-compatible HTTP server: the subset of the Stripe API that Balai uses.

Why it exists: the network here reaches no Stripe, and ``localstripe`` lacks Prices,
``send_invoice``, finalize/send, ``paid_out_of_band`` and ``proration_behavior``.
The adapter is configured by base URL, so the same code runs against real Stripe.

Implemented (form-encoded requests, nested ``a[b][0][c]=…`` parameters):

- customers: create (``tax_id_data`` ``id_npwp``, ``preferred_locales``, metadata),
  retrieve, update, ``GET /v1/customers/{id}/tax_ids``
- products, prices (recurring, per-unit, ``unit_amount`` in minor units): create, retrieve
- subscriptions: create (creates the first invoice as a draft with
  ``auto_advance=true``, like Stripe; ``cancel_at``, ``proration_behavior``),
  retrieve, list, update (items quantity/price, ``proration_behavior``
  ``create_prorations`` | ``none``, ``proration_date``, ``days_until_due``,
  ``cancel_at`` (``""`` clears it), metadata), cancel (DELETE)
- invoice items: create, list (``pending=true``)
- invoices: create (``auto_advance``, ``collection_method=send_invoice``,
  ``days_until_due``, ``custom_fields``, ``pending_invoice_items_behavior``),
  ``create_preview``, retrieve, list, update, finalize, send, pay
  (``paid_out_of_band``), void, mark_uncollectible; hosted page and PDF
- events: retrieve, list

Status transitions follow Stripe: draft → open (finalize) → paid | void |
uncollectible; uncollectible → paid | void. Errors are Stripe's JSON
(``{"error": {"type", "code", "message", "param"}}``) with Stripe's HTTP status.
Requests with an ``Idempotency-Key`` are answered from the first response when the
parameters match, and with an ``idempotency_error`` when they don't.

Webhooks: every event is signed like Stripe (``Stripe-Signature: t=…,v1=HMAC-SHA256
(secret, "t.payload")``). With ``webhook_url`` set, a background thread POSTs events
in order (3 attempts); without it, events stay queued for ``pending_events()`` so a
test can deliver them itself (twice, or out of order).

Scheduled cancellation (``cancel_at``): it must be an integer Unix timestamp in the
future by the server's clock, else a 400 ``invalid_request_error`` on ``cancel_at``.
A ``cancel_at`` inside the first period prorates the first invoice's subscription
line to the time until ``cancel_at`` when ``proration_behavior`` is
``create_prorations`` (Stripe's default) and keeps the full period price with
``none``; the period itself is not shortened. The end is modelled lazily: before
answering any API request, every subscription whose ``cancel_at`` the clock has
passed becomes ``status: canceled`` with ``canceled_at`` and ``ended_at`` set to
``cancel_at``, and one ``customer.subscription.deleted`` event is queued — so a test
moves the ``clock`` callable forward and then makes any request (a retrieve or list).
Nothing ends while no request arrives.

Not modelled otherwise: time passing by itself (no renewals, no final prorated
period, no automatic finalisation — the caller's clock drives dunning), card
payments, taxes, test clocks.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import hashlib
import hmac
import itertools
import json
import logging
import queue
import secrets
import threading
import time
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

log = logging.getLogger(__name__)

API_VERSION = "2026-10-28.endive"


class StripeError(Exception):
    def __init__(
        self,
        message: str,
        *,
        status: int = 400,
        type_: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.type, self.code, self.param = status, type_, code, param

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"type": self.type, "message": str(self)}
        if self.code:
            error["code"] = self.code
        if self.param:
            error["param"] = self.param
        return {"error": error}


def sign_payload(payload: str, secret: str, timestamp: int | None = None) -> str:
    """The ``Stripe-Signature`` header Stripe sends for ``payload``."""
    ts = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{ts}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={ts},v1={mac}"


def parse_form(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Turn Stripe's ``a[b][0][c]=v`` pairs into nested dicts/lists."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        parts = [key.split("[", 1)[0]]
        if "[" in key:
            parts += [p.rstrip("]") for p in key.split("[", 1)[1].split("[")]
        node: Any = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _listify(root)


def _listify(node: Any) -> Any:
    if isinstance(node, dict):
        converted = {k: _listify(v) for k, v in node.items()}
        if converted and all(k.isdigit() for k in converted):
            return [converted[k] for k in sorted(converted, key=int)]
        return converted
    return node


def _int(params: dict[str, Any], name: str, default: int | None = None) -> int | None:
    value = params.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise StripeError(f"Invalid integer: {value}", param=name) from exc


def _bool(params: dict[str, Any], name: str, default: bool | None = None) -> bool | None:
    value = params.get(name)
    if value in (None, ""):
        return default
    return str(value).lower() == "true"


def _future_timestamp(params: dict[str, Any], name: str, now: int) -> int:
    """A Unix timestamp parameter that must lie in the future (``cancel_at``)."""
    value = params.get(name)
    try:
        ts = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise StripeError(
            f"Invalid timestamp: must be an integer Unix timestamp in the future ({value!r}).",
            param=name,
        ) from exc
    if ts <= now:
        raise StripeError(
            f"Invalid timestamp: must be an integer Unix timestamp in the future ({ts}).",
            param=name,
        )
    return ts


def _proration_behavior(params: dict[str, Any]) -> str:
    """``proration_behavior`` of a subscription create or update: the two this server
    models (Stripe's default ``create_prorations``, or ``none``)."""
    behavior = params.get("proration_behavior", "create_prorations")
    if behavior not in ("create_prorations", "none"):
        raise StripeError(
            f"proration_behavior={behavior} is not supported by the local server.",
            param="proration_behavior",
        )
    return behavior


def _share(amount: int, part: int, whole: int) -> int:
    """``amount × part / whole`` rounded half up, as Stripe rounds prorations."""
    return (amount * part * 2 + whole) // (2 * whole)


def _add_interval(ts: int, interval: str, count: int) -> int:
    d = dt.datetime.fromtimestamp(ts, tz=dt.UTC)
    months = count * (12 if interval == "year" else 1)
    if interval in ("day", "week"):
        return ts + count * 86400 * (7 if interval == "week" else 1)
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return int(d.replace(year=year, month=month, day=day).timestamp())


class StripeState:
    """All objects, by id, plus events. Guarded by one lock; optionally saved to JSON."""

    KINDS = ("customers", "tax_ids", "products", "prices", "subscriptions", "invoiceitems")

    def __init__(self, *, base_url: str, clock: Callable[[], float], state_path: Path | None):
        self.base_url = base_url
        self.clock = clock
        self.state_path = state_path
        self.lock = threading.RLock()
        self.objects: dict[str, dict[str, dict[str, Any]]] = {
            k: {} for k in (*self.KINDS, "invoices", "events")
        }
        self.idempotency: dict[str, dict[str, Any]] = {}
        self.counter = itertools.count(1)
        self.invoice_numbers: dict[str, int] = {}
        self.listeners: list[Callable[[dict[str, Any]], None]] = []
        if state_path:
            state_path.parent.mkdir(parents=True, exist_ok=True)
        if state_path and state_path.exists():
            saved = json.loads(state_path.read_text())
            self.objects.update(saved["objects"])
            self.invoice_numbers = saved.get("invoice_numbers", {})
            self.counter = itertools.count(saved.get("counter", 1))

    def save(self) -> None:
        if not self.state_path:
            return
        n = next(self.counter)
        self.counter = itertools.count(n)
        data = {"objects": self.objects, "invoice_numbers": self.invoice_numbers, "counter": n}
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data))
        tmp.replace(self.state_path)

    def now(self) -> int:
        return int(self.clock())

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{secrets.token_hex(7)}{next(self.counter):04d}"

    def get(self, kind: str, obj_id: str, name: str) -> dict[str, Any]:
        obj = self.objects[kind].get(obj_id)
        if obj is None or obj.get("deleted"):
            raise StripeError(
                f"No such {name}: '{obj_id}'", status=404, code="resource_missing", param="id"
            )
        return obj

    def emit(self, type_: str, obj: dict[str, Any], previous: dict[str, Any] | None = None) -> None:
        event = {
            "id": self.new_id("evt"),
            "object": "event",
            "api_version": API_VERSION,
            "created": self.now(),
            "type": type_,
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "data": {"object": copy.deepcopy(obj)},
        }
        if previous:
            event["data"]["previous_attributes"] = previous
        self.objects["events"][event["id"]] = event
        for listener in self.listeners:
            listener(event)


class Api:
    """The endpoints. Each handler takes (state, params, *path ids) and returns an object."""

    def __init__(self, state: StripeState) -> None:
        self.s = state

    # --- customers ---------------------------------------------------------------
    def customer_create(self, p: dict[str, Any]) -> dict[str, Any]:
        s = self.s
        cus = {
            "id": s.new_id("cus"),
            "object": "customer",
            "created": s.now(),
            "name": p.get("name"),
            "email": p.get("email"),
            "description": p.get("description"),
            "address": p.get("address"),
            "phone": p.get("phone"),
            "preferred_locales": p.get("preferred_locales", []),
            "metadata": p.get("metadata", {}),
            "invoice_prefix": secrets.token_hex(4).upper(),
            "invoice_settings": {
                "custom_fields": (p.get("invoice_settings") or {}).get("custom_fields"),
                "footer": (p.get("invoice_settings") or {}).get("footer"),
            },
            "currency": None,
            "livemode": False,
        }
        tax_ids = []
        for item in p.get("tax_id_data", []):
            if item.get("type") != "id_npwp":
                raise StripeError("Invalid value for type.", param="tax_id_data[0][type]")
            digits = "".join(c for c in item.get("value", "") if c.isdigit())
            if len(digits) not in (15, 16):
                raise StripeError(
                    f"Invalid value for id_npwp tax id: {item.get('value')}",
                    code="tax_id_invalid",
                    param="tax_id_data[0][value]",
                )
            txi = {
                "id": s.new_id("txi"),
                "object": "tax_id",
                "type": "id_npwp",
                "value": item["value"],
                "country": "ID",
                "customer": cus["id"],
                "created": s.now(),
            }
            s.objects["tax_ids"][txi["id"]] = txi
            tax_ids.append(txi)
        s.objects["customers"][cus["id"]] = cus
        s.emit("customer.created", cus)
        return cus

    def customer_retrieve(self, p: dict[str, Any], cid: str) -> dict[str, Any]:
        return self.s.get("customers", cid, "customer")

    def customer_update(self, p: dict[str, Any], cid: str) -> dict[str, Any]:
        cus = self.s.get("customers", cid, "customer")
        previous = {}
        for field in ("name", "email", "description", "address", "phone", "preferred_locales"):
            if field in p:
                previous[field] = cus.get(field)
                cus[field] = p[field]
        if "invoice_settings" in p:
            previous["invoice_settings"] = dict(cus["invoice_settings"])
            cus["invoice_settings"].update(p["invoice_settings"] or {})
        if "metadata" in p:
            previous["metadata"] = dict(cus["metadata"])
            cus["metadata"].update(p["metadata"])
            cus["metadata"] = {k: v for k, v in cus["metadata"].items() if v != ""}
        self.s.emit("customer.updated", cus, previous)
        return cus

    def customer_tax_ids(self, p: dict[str, Any], cid: str) -> dict[str, Any]:
        self.s.get("customers", cid, "customer")
        data = [t for t in self.s.objects["tax_ids"].values() if t["customer"] == cid]
        return _list(data, f"/v1/customers/{cid}/tax_ids")

    # --- products and prices ----------------------------------------------------------
    def product_create(self, p: dict[str, Any]) -> dict[str, Any]:
        if not p.get("name"):
            raise StripeError(
                "Missing required param: name.", code="parameter_missing", param="name"
            )
        prod = {
            "id": p.get("id") or self.s.new_id("prod"),
            "object": "product",
            "name": p["name"],
            "active": True,
            "description": p.get("description"),
            "metadata": p.get("metadata", {}),
            "created": self.s.now(),
            "livemode": False,
        }
        if prod["id"] in self.s.objects["products"]:
            raise StripeError("Product already exists.", code="resource_already_exists")
        self.s.objects["products"][prod["id"]] = prod
        return prod

    def product_retrieve(self, p: dict[str, Any], pid: str) -> dict[str, Any]:
        return self.s.get("products", pid, "product")

    def price_create(self, p: dict[str, Any]) -> dict[str, Any]:
        self.s.get("products", p.get("product", ""), "product")
        amount = _int(p, "unit_amount")
        if amount is None or amount < 0:
            raise StripeError("Missing required param: unit_amount.", param="unit_amount")
        currency = (p.get("currency") or "").lower()
        if not currency:
            raise StripeError("Missing required param: currency.", param="currency")
        recurring = p.get("recurring")
        if recurring is not None:
            if recurring.get("interval") not in ("day", "week", "month", "year"):
                raise StripeError("Invalid recurring[interval].", param="recurring[interval]")
            recurring = {
                "interval": recurring["interval"],
                "interval_count": _int(recurring, "interval_count", 1),
                "usage_type": "licensed",
            }
        price = {
            "id": self.s.new_id("price"),
            "object": "price",
            "active": True,
            "product": p["product"],
            "unit_amount": amount,
            "unit_amount_decimal": str(amount),
            "currency": currency,
            "nickname": p.get("nickname"),
            "recurring": recurring,
            "type": "recurring" if recurring else "one_time",
            "billing_scheme": "per_unit",
            "tax_behavior": p.get("tax_behavior", "unspecified"),
            "metadata": p.get("metadata", {}),
            "created": self.s.now(),
            "livemode": False,
        }
        self.s.objects["prices"][price["id"]] = price
        return price

    def price_retrieve(self, p: dict[str, Any], pid: str) -> dict[str, Any]:
        return self.s.get("prices", pid, "price")

    # --- subscriptions --------------------------------------------------------------------
    def subscription_create(self, p: dict[str, Any]) -> dict[str, Any]:
        s = self.s
        cus = s.get("customers", p.get("customer", ""), "customer")
        items = p.get("items") or []
        if len(items) != 1:
            raise StripeError("This server supports exactly one subscription item.", param="items")
        price = s.get("prices", items[0].get("price", ""), "price")
        if not price["recurring"]:
            raise StripeError("The price must be recurring.", param="items[0][price]")
        method = p.get("collection_method", "charge_automatically")
        days = _int(p, "days_until_due")
        if method == "send_invoice" and days is None:
            raise StripeError(
                "Missing days_until_due for send_invoice subscriptions.", param="days_until_due"
            )
        if method != "send_invoice":
            raise StripeError(
                "This server only supports collection_method=send_invoice.",
                param="collection_method",
            )
        behavior = _proration_behavior(p)
        start = s.now()
        cancel_at = _future_timestamp(p, "cancel_at", start) if "cancel_at" in p else None
        end = _add_interval(
            start, price["recurring"]["interval"], price["recurring"]["interval_count"]
        )
        sub_id = s.new_id("sub")
        item = {
            "id": s.new_id("si"),
            "object": "subscription_item",
            "price": copy.deepcopy(price),
            "quantity": _int(items[0], "quantity", 1),
            "subscription": sub_id,
            "current_period_start": start,
            "current_period_end": end,
            "metadata": {},
        }
        sub = {
            "id": sub_id,
            "object": "subscription",
            "customer": cus["id"],
            "status": "active",
            "collection_method": method,
            "days_until_due": days,
            "billing_cycle_anchor": start,
            "start_date": start,
            "created": start,
            "cancel_at": cancel_at,
            "canceled_at": None,
            "ended_at": None,
            "cancel_at_period_end": False,
            "currency": price["currency"],
            "items": _list([item], f"/v1/subscription_items?subscription={sub_id}"),
            "quantity": item["quantity"],
            "latest_invoice": None,
            "metadata": p.get("metadata", {}),
            "livemode": False,
        }
        s.objects["subscriptions"][sub_id] = sub
        s.emit("customer.subscription.created", sub)
        invoice = self._invoice_new(cus, sub=sub, auto_advance=True, days=days, p={})
        invoice["billing_reason"] = "subscription_create"
        invoice["period_start"], invoice["period_end"] = start, end
        amount = price["unit_amount"] * item["quantity"]
        prorated = cancel_at is not None and cancel_at < end and behavior == "create_prorations"
        if prorated:
            # Stripe prorates a first period that cancel_at cuts short, unless told not to.
            amount = _share(amount, cancel_at - start, end - start)  # type: ignore[operator]
        self._line_add(
            invoice,
            amount=amount,
            description=f"{item['quantity']} × {self._product_name(price)}",
            price=price,
            quantity=item["quantity"],
            period=(start, cancel_at if prorated else end),  # type: ignore[arg-type]
            parent={
                "type": "subscription_item_details",
                "subscription_item_details": {
                    "subscription": sub_id,
                    "subscription_item": item["id"],
                    "proration": prorated,
                },
            },
        )
        sub["latest_invoice"] = invoice["id"]
        s.emit("invoice.created", invoice)
        return sub

    def subscription_retrieve(self, p: dict[str, Any], sid: str) -> dict[str, Any]:
        return self.s.get("subscriptions", sid, "subscription")

    def subscription_list(self, p: dict[str, Any]) -> dict[str, Any]:
        data = list(self.s.objects["subscriptions"].values())
        if p.get("customer"):
            data = [x for x in data if x["customer"] == p["customer"]]
        return _list(data, "/v1/subscriptions", p)

    def _proration_items(
        self, sub: dict[str, Any], new_qty: int, new_price: dict[str, Any], at: int
    ) -> list[dict[str, Any]]:
        """Stripe's two proration lines: credit for unused time, charge for the rest."""
        item = sub["items"]["data"][0]
        start, end = item["current_period_start"], item["current_period_end"]
        if not start <= at <= end:
            raise StripeError("proration_date must be within the current period.")
        old_price = item["price"]

        def share(amount: int) -> int:
            return _share(amount, end - at, end - start)

        name = self._product_name(new_price)
        return [
            {
                "amount": -share(old_price["unit_amount"] * item["quantity"]),
                "description": f"Unused time on {item['quantity']} × {name}",
                "price": old_price,
                "quantity": item["quantity"],
            },
            {
                "amount": share(new_price["unit_amount"] * new_qty),
                "description": f"Remaining time on {new_qty} × {name}",
                "price": new_price,
                "quantity": new_qty,
            },
        ]

    def subscription_update(self, p: dict[str, Any], sid: str) -> dict[str, Any]:
        s = self.s
        sub = s.get("subscriptions", sid, "subscription")
        if sub["status"] == "canceled":
            raise StripeError("A canceled subscription can only update its metadata.")
        previous: dict[str, Any] = {}
        behavior = _proration_behavior(p)
        item = sub["items"]["data"][0]
        for change in p.get("items") or []:
            if change.get("id") and change["id"] != item["id"]:
                raise StripeError(
                    f"No such subscription item: '{change['id']}'",
                    status=404,
                    code="resource_missing",
                    param="items[0][id]",
                )
            new_qty = _int(change, "quantity", item["quantity"])
            new_price = (
                s.get("prices", change["price"], "price") if change.get("price") else item["price"]
            )
            if new_qty == item["quantity"] and new_price["id"] == item["price"]["id"]:
                continue
            previous["items"] = copy.deepcopy(sub["items"])
            previous["quantity"] = sub["quantity"]
            if behavior == "create_prorations":
                at = _int(p, "proration_date", s.now())
                for line in self._proration_items(sub, new_qty, new_price, at):
                    self._invoiceitem_new(
                        customer=sub["customer"],
                        amount=line["amount"],
                        description=line["description"],
                        price=line["price"],
                        quantity=line["quantity"],
                        subscription=sid,
                        proration=True,
                        period=(at, item["current_period_end"]),
                    )
            item["quantity"], item["price"] = new_qty, copy.deepcopy(new_price)
            sub["quantity"] = new_qty
        if "cancel_at" in p:
            cancel_at = None if p["cancel_at"] == "" else _future_timestamp(p, "cancel_at", s.now())
            if cancel_at != sub["cancel_at"]:
                previous["cancel_at"] = sub["cancel_at"]
                sub["cancel_at"] = cancel_at
        if "days_until_due" in p:
            previous["days_until_due"] = sub["days_until_due"]
            sub["days_until_due"] = _int(p, "days_until_due")
        if "metadata" in p:
            previous["metadata"] = dict(sub["metadata"])
            sub["metadata"].update(p["metadata"])
        if previous:
            s.emit("customer.subscription.updated", sub, previous)
        return sub

    def subscriptions_end_due(self) -> list[str]:
        """End every subscription whose ``cancel_at`` the clock has passed (see the
        module docstring: time is looked at lazily, before each request). Each ends
        once, with one ``customer.subscription.deleted``. Returns the ids ended."""
        now = self.s.now()
        ended = []
        for sub in self.s.objects["subscriptions"].values():
            if sub["status"] == "canceled" or sub.get("cancel_at") is None:
                continue
            if sub["cancel_at"] > now:
                continue
            sub["status"] = "canceled"
            sub["canceled_at"] = sub["ended_at"] = sub["cancel_at"]
            self.s.emit("customer.subscription.deleted", sub)
            ended.append(sub["id"])
        return ended

    def subscription_cancel(self, p: dict[str, Any], sid: str) -> dict[str, Any]:
        sub = self.s.get("subscriptions", sid, "subscription")
        if sub["status"] == "canceled":
            raise StripeError("This subscription is already canceled.")
        sub["status"] = "canceled"
        sub["canceled_at"] = sub["ended_at"] = self.s.now()
        self.s.emit("customer.subscription.deleted", sub)
        return sub

    # --- invoice items ---------------------------------------------------------------------
    def _invoiceitem_new(
        self,
        *,
        customer: str,
        amount: int,
        description: str,
        price: dict[str, Any] | None = None,
        quantity: int = 1,
        subscription: str | None = None,
        proration: bool = False,
        period: tuple[int, int] | None = None,
        invoice: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        now = self.s.now()
        ii = {
            "id": self.s.new_id("ii"),
            "object": "invoiceitem",
            "customer": customer,
            "amount": amount,
            "currency": "idr",
            "description": description,
            "invoice": invoice,
            "quantity": quantity,
            "proration": proration,
            "pricing": {"price_details": {"price": price["id"]} if price else None},
            "parent": {"subscription_details": {"subscription": subscription}}
            if subscription
            else None,
            "period": {"start": (period or (now, now))[0], "end": (period or (now, now))[1]},
            "metadata": metadata or {},
            "date": now,
            "livemode": False,
        }
        self.s.objects["invoiceitems"][ii["id"]] = ii
        return ii

    def invoiceitem_create(self, p: dict[str, Any]) -> dict[str, Any]:
        cus = self.s.get("customers", p.get("customer", ""), "customer")
        price = self.s.get("prices", p["price"], "price") if p.get("price") else None
        quantity = _int(p, "quantity", 1) or 1
        amount = _int(p, "amount")
        if amount is None:
            if price is None:
                raise StripeError("Missing required param: amount.", param="amount")
            amount = price["unit_amount"] * quantity
        invoice_id = p.get("invoice")
        if invoice_id:
            invoice = self.s.get("invoices", invoice_id, "invoice")
            if invoice["status"] != "draft":
                raise StripeError("You can only add invoice items to draft invoices.")
        ii = self._invoiceitem_new(
            customer=cus["id"],
            amount=amount,
            description=p.get("description") or "",
            price=price,
            quantity=quantity,
            subscription=p.get("subscription"),
            invoice=invoice_id,
            metadata=p.get("metadata"),
        )
        if invoice_id:
            self._attach_item(self.s.objects["invoices"][invoice_id], ii)
        return ii

    def invoiceitem_list(self, p: dict[str, Any]) -> dict[str, Any]:
        data = list(self.s.objects["invoiceitems"].values())
        if p.get("customer"):
            data = [x for x in data if x["customer"] == p["customer"]]
        if _bool(p, "pending"):
            data = [x for x in data if x["invoice"] is None]
        return _list(data, "/v1/invoiceitems", p)

    # --- invoices --------------------------------------------------------------------------
    def _product_name(self, price: dict[str, Any]) -> str:
        product = self.s.objects["products"].get(price["product"])
        return product["name"] if product else price["product"]

    def _invoice_new(
        self,
        cus: dict[str, Any],
        *,
        sub: dict[str, Any] | None,
        auto_advance: bool,
        days: int | None,
        p: dict[str, Any],
        store: bool = True,
    ) -> dict[str, Any]:
        s = self.s
        now = s.now()
        inv_id = s.new_id("in") if store else f"upcoming_{cus['id']}"
        invoice = {
            "id": inv_id,
            "object": "invoice",
            "customer": cus["id"],
            "customer_name": cus.get("name"),
            "customer_email": cus.get("email"),
            "customer_tax_ids": [
                {"type": t["type"], "value": t["value"]}
                for t in s.objects["tax_ids"].values()
                if t["customer"] == cus["id"]
            ],
            "status": "draft",
            "number": None,
            "auto_advance": auto_advance,
            "collection_method": "send_invoice",
            "currency": "idr",
            "created": now,
            "period_start": now,
            "period_end": now,
            "due_date": None,
            "days_until_due_setting": days,
            "description": p.get("description"),
            "footer": p.get("footer"),
            "custom_fields": p.get("custom_fields")
            or (cus.get("invoice_settings") or {}).get("custom_fields"),
            "metadata": p.get("metadata", {}),
            "billing_reason": "manual",
            "parent": {
                "type": "subscription_details",
                "subscription_details": {"subscription": sub["id"], "metadata": sub["metadata"]},
            }
            if sub
            else None,
            "subtotal": 0,
            "total": 0,
            "amount_due": 0,
            "amount_paid": 0,
            "amount_remaining": 0,
            "paid": False,
            "paid_out_of_band": False,
            "attempted": False,
            "hosted_invoice_url": None,
            "invoice_pdf": None,
            "status_transitions": {
                "finalized_at": None,
                "paid_at": None,
                "voided_at": None,
                "marked_uncollectible_at": None,
            },
            "lines": _list([], f"/v1/invoices/{inv_id}/lines"),
            "livemode": False,
        }
        if store:
            s.objects["invoices"][inv_id] = invoice
        return invoice

    def _line_add(
        self,
        invoice: dict[str, Any],
        *,
        amount: int,
        description: str,
        price: dict[str, Any] | None,
        quantity: int,
        period: tuple[int, int],
        parent: dict[str, Any],
    ) -> None:
        invoice["lines"]["data"].append(
            {
                "id": self.s.new_id("il"),
                "object": "line_item",
                "amount": amount,
                "currency": "idr",
                "description": description,
                "quantity": quantity,
                "period": {"start": period[0], "end": period[1]},
                "parent": parent,
                "pricing": {
                    "type": "price_details",
                    "price_details": {"price": price["id"], "product": price["product"]}
                    if price
                    else None,
                    "unit_amount_decimal": str(price["unit_amount"]) if price else str(amount),
                },
            }
        )
        self._totals(invoice)

    def _attach_item(self, invoice: dict[str, Any], ii: dict[str, Any]) -> None:
        ii["invoice"] = invoice["id"]
        price = self.s.objects["prices"].get((ii["pricing"]["price_details"] or {}).get("price"))
        self._line_add(
            invoice,
            amount=ii["amount"],
            description=ii["description"],
            price=price,
            quantity=ii["quantity"],
            period=(ii["period"]["start"], ii["period"]["end"]),
            parent={
                "type": "invoice_item_details",
                "invoice_item_details": {"invoice_item": ii["id"], "proration": ii["proration"]},
            },
        )

    @staticmethod
    def _totals(invoice: dict[str, Any]) -> None:
        total = sum(line["amount"] for line in invoice["lines"]["data"])
        invoice["subtotal"] = invoice["total"] = total
        invoice["amount_due"] = max(total, 0)
        invoice["amount_remaining"] = max(total, 0) - invoice["amount_paid"]

    def invoice_create(self, p: dict[str, Any]) -> dict[str, Any]:
        s = self.s
        cus = s.get("customers", p.get("customer", ""), "customer")
        sub = (
            s.get("subscriptions", p["subscription"], "subscription")
            if p.get("subscription")
            else None
        )
        if p.get("collection_method", "charge_automatically") != "send_invoice":
            raise StripeError(
                "This server only supports collection_method=send_invoice.",
                param="collection_method",
            )
        days = _int(p, "days_until_due")
        if days is None:
            raise StripeError(
                "Missing days_until_due for send_invoice invoices.", param="days_until_due"
            )
        invoice = self._invoice_new(
            cus, sub=sub, auto_advance=bool(_bool(p, "auto_advance", True)), days=days, p=p
        )
        if p.get("pending_invoice_items_behavior", "exclude") == "include":
            for ii in list(s.objects["invoiceitems"].values()):
                if ii["customer"] == cus["id"] and ii["invoice"] is None:
                    self._attach_item(invoice, ii)
        s.emit("invoice.created", invoice)
        return invoice

    def invoice_preview(self, p: dict[str, Any]) -> dict[str, Any]:
        """The next invoice of a subscription: its next period plus pending items."""
        s = self.s
        cus = s.get("customers", p.get("customer", ""), "customer")
        sub = (
            s.get("subscriptions", p["subscription"], "subscription")
            if p.get("subscription")
            else None
        )
        preview = self._invoice_new(
            cus,
            sub=sub,
            auto_advance=False,
            days=(sub or {}).get("days_until_due"),
            p={},
            store=False,
        )
        preview["billing_reason"] = "upcoming"
        for ii in s.objects["invoiceitems"].values():
            if ii["customer"] == cus["id"] and ii["invoice"] is None:
                self._line_add(
                    preview,
                    amount=ii["amount"],
                    description=ii["description"],
                    price=None,
                    quantity=ii["quantity"],
                    period=(ii["period"]["start"], ii["period"]["end"]),
                    parent={
                        "type": "invoice_item_details",
                        "invoice_item_details": {
                            "invoice_item": ii["id"],
                            "proration": ii["proration"],
                        },
                    },
                )
        if sub and sub["status"] != "canceled":
            item = sub["items"]["data"][0]
            qty, price = item["quantity"], item["price"]
            details = p.get("subscription_details") or {}
            for change in details.get("items") or []:
                qty = _int(change, "quantity", qty) or qty
            start = item["current_period_end"]
            recurring = price["recurring"]
            end = _add_interval(start, recurring["interval"], recurring["interval_count"])
            preview["period_start"], preview["period_end"] = start, end
            self._line_add(
                preview,
                amount=price["unit_amount"] * qty,
                description=f"{qty} × {self._product_name(price)}",
                price=price,
                quantity=qty,
                period=(start, end),
                parent={
                    "type": "subscription_item_details",
                    "subscription_item_details": {
                        "subscription": sub["id"],
                        "subscription_item": item["id"],
                        "proration": False,
                    },
                },
            )
        return preview

    def invoice_retrieve(self, p: dict[str, Any], iid: str) -> dict[str, Any]:
        return self.s.get("invoices", iid, "invoice")

    def invoice_list(self, p: dict[str, Any]) -> dict[str, Any]:
        data = list(self.s.objects["invoices"].values())
        for field in ("customer", "status"):
            if p.get(field):
                data = [x for x in data if x[field] == p[field]]
        if p.get("subscription"):
            data = [
                x
                for x in data
                if (x["parent"] or {}).get("subscription_details", {}).get("subscription")
                == p["subscription"]
            ]
        data.sort(key=lambda x: x["created"], reverse=True)
        return _list(data, "/v1/invoices", p)

    def invoice_update(self, p: dict[str, Any], iid: str) -> dict[str, Any]:
        invoice = self.s.get("invoices", iid, "invoice")
        previous: dict[str, Any] = {}
        draft_only = ("custom_fields", "days_until_due", "description", "footer")
        for field in draft_only:
            if field in p and invoice["status"] != "draft":
                raise StripeError(f"You can only update {field} on draft invoices.", param=field)
        if "auto_advance" in p:
            previous["auto_advance"] = invoice["auto_advance"]
            invoice["auto_advance"] = bool(_bool(p, "auto_advance"))
        if "custom_fields" in p:
            previous["custom_fields"] = invoice["custom_fields"]
            invoice["custom_fields"] = p["custom_fields"] or None
        if "days_until_due" in p:
            invoice["days_until_due_setting"] = _int(p, "days_until_due")
        for field in ("description", "footer"):
            if field in p:
                previous[field] = invoice[field]
                invoice[field] = p[field]
        if "metadata" in p:
            previous["metadata"] = dict(invoice["metadata"])
            invoice["metadata"].update(p["metadata"])
        self.s.emit("invoice.updated", invoice, previous)
        return invoice

    def invoice_finalize(self, p: dict[str, Any], iid: str) -> dict[str, Any]:
        s = self.s
        invoice = s.get("invoices", iid, "invoice")
        if invoice["status"] != "draft":
            raise StripeError(
                "This invoice is already finalized, you can't re-finalize a non-draft invoice.",
                code="invoice_not_editable",
            )
        cus = s.objects["customers"][invoice["customer"]]
        seq = s.invoice_numbers.get(cus["id"], 0) + 1
        s.invoice_numbers[cus["id"]] = seq
        now = s.now()
        invoice["number"] = f"{cus['invoice_prefix']}-{seq:04d}"
        invoice["status"] = "open"
        invoice["status_transitions"]["finalized_at"] = now
        invoice["due_date"] = now + 86400 * (invoice["days_until_due_setting"] or 30)
        if "auto_advance" in p:
            invoice["auto_advance"] = bool(_bool(p, "auto_advance"))
        invoice["hosted_invoice_url"] = f"{s.base_url}/_invoices/{iid}"
        invoice["invoice_pdf"] = f"{s.base_url}/_invoices/{iid}/pdf"
        s.emit("invoice.finalized", invoice)
        if invoice["amount_due"] == 0:
            self._mark_paid(invoice, out_of_band=False)
        return invoice

    def _mark_paid(self, invoice: dict[str, Any], *, out_of_band: bool) -> None:
        invoice["status"] = "paid"
        invoice["paid"] = True
        invoice["paid_out_of_band"] = out_of_band
        invoice["amount_paid"] = invoice["amount_due"]
        invoice["amount_remaining"] = 0
        invoice["status_transitions"]["paid_at"] = self.s.now()
        self.s.emit("invoice.paid", invoice)

    def invoice_send(self, p: dict[str, Any], iid: str) -> dict[str, Any]:
        invoice = self.s.get("invoices", iid, "invoice")
        if invoice["status"] == "draft":
            # Stripe finalizes a draft before sending it.
            self.invoice_finalize({}, iid)
        if invoice["status"] != "open":
            raise StripeError("You can only send open invoices.", code="invoice_not_open")
        self.s.emit("invoice.sent", invoice)
        return invoice

    def invoice_pay(self, p: dict[str, Any], iid: str) -> dict[str, Any]:
        invoice = self.s.get("invoices", iid, "invoice")
        if invoice["status"] == "paid":
            raise StripeError("Invoice is already paid", code="invoice_already_paid")
        if invoice["status"] not in ("open", "uncollectible"):
            raise StripeError(
                f"You cannot pay an invoice with status {invoice['status']}.",
                code="invoice_not_open",
            )
        if not _bool(p, "paid_out_of_band"):
            raise StripeError(
                "The local server has no payment methods; use paid_out_of_band=true.",
                type_="card_error",
                code="invoice_no_payment_method_types",
                status=402,
            )
        self._mark_paid(invoice, out_of_band=True)
        return invoice

    def invoice_void(self, p: dict[str, Any], iid: str) -> dict[str, Any]:
        invoice = self.s.get("invoices", iid, "invoice")
        if invoice["status"] not in ("open", "uncollectible"):
            raise StripeError(
                f"You can only void open or uncollectible invoices (status {invoice['status']}).",
                code="invoice_not_open",
            )
        invoice["status"] = "void"
        invoice["status_transitions"]["voided_at"] = self.s.now()
        invoice["amount_remaining"] = 0
        self.s.emit("invoice.voided", invoice)
        return invoice

    def invoice_mark_uncollectible(self, p: dict[str, Any], iid: str) -> dict[str, Any]:
        invoice = self.s.get("invoices", iid, "invoice")
        if invoice["status"] != "open":
            raise StripeError(
                "You can only mark open invoices as uncollectible.", code="invoice_not_open"
            )
        invoice["status"] = "uncollectible"
        invoice["status_transitions"]["marked_uncollectible_at"] = self.s.now()
        self.s.emit("invoice.marked_uncollectible", invoice)
        return invoice

    # --- events --------------------------------------------------------------------------------
    def event_retrieve(self, p: dict[str, Any], eid: str) -> dict[str, Any]:
        return self.s.get("events", eid, "event")

    def event_list(self, p: dict[str, Any]) -> dict[str, Any]:
        data = sorted(self.s.objects["events"].values(), key=lambda e: e["created"], reverse=True)
        if p.get("type"):
            data = [e for e in data if e["type"] == p["type"]]
        return _list(data, "/v1/events", p)


def _list(data: list[dict[str, Any]], url: str, p: dict[str, Any] | None = None) -> dict[str, Any]:
    p = p or {}
    if p.get("starting_after"):
        ids = [x["id"] for x in data]
        if p["starting_after"] in ids:
            data = data[ids.index(p["starting_after"]) + 1 :]
    limit = _int(p, "limit", 10) or 10
    return {"object": "list", "data": data[:limit], "has_more": len(data) > limit, "url": url}


ROUTES: list[tuple[str, str, str]] = [
    ("POST", "/v1/customers", "customer_create"),
    ("GET", "/v1/customers/{}", "customer_retrieve"),
    ("POST", "/v1/customers/{}", "customer_update"),
    ("GET", "/v1/customers/{}/tax_ids", "customer_tax_ids"),
    ("POST", "/v1/products", "product_create"),
    ("GET", "/v1/products/{}", "product_retrieve"),
    ("POST", "/v1/prices", "price_create"),
    ("GET", "/v1/prices/{}", "price_retrieve"),
    ("POST", "/v1/subscriptions", "subscription_create"),
    ("GET", "/v1/subscriptions", "subscription_list"),
    ("GET", "/v1/subscriptions/{}", "subscription_retrieve"),
    ("POST", "/v1/subscriptions/{}", "subscription_update"),
    ("DELETE", "/v1/subscriptions/{}", "subscription_cancel"),
    ("POST", "/v1/invoiceitems", "invoiceitem_create"),
    ("GET", "/v1/invoiceitems", "invoiceitem_list"),
    ("POST", "/v1/invoices", "invoice_create"),
    ("POST", "/v1/invoices/create_preview", "invoice_preview"),
    ("GET", "/v1/invoices", "invoice_list"),
    ("GET", "/v1/invoices/{}", "invoice_retrieve"),
    ("POST", "/v1/invoices/{}", "invoice_update"),
    ("POST", "/v1/invoices/{}/finalize", "invoice_finalize"),
    ("POST", "/v1/invoices/{}/send", "invoice_send"),
    ("POST", "/v1/invoices/{}/pay", "invoice_pay"),
    ("POST", "/v1/invoices/{}/void", "invoice_void"),
    ("POST", "/v1/invoices/{}/mark_uncollectible", "invoice_mark_uncollectible"),
    ("GET", "/v1/events", "event_list"),
    ("GET", "/v1/events/{}", "event_retrieve"),
]


def _route(method: str, path: str) -> tuple[str, list[str]] | None:
    parts = path.rstrip("/").split("/")
    for route_method, pattern, name in ROUTES:
        pattern_parts = pattern.split("/")
        if route_method != method or len(pattern_parts) != len(parts):
            continue
        ids = []
        for want, got in zip(pattern_parts, parts, strict=True):
            if want == "{}":
                if not got or "." in got:
                    break
                ids.append(got)
            elif want != got:
                break
        else:
            return name, ids
    return None


class StripeServer:
    """Run the API on ``127.0.0.1:<port>`` (0 = a free port) in a daemon thread."""

    def __init__(
        self,
        *,
        port: int = 0,
        api_key_prefix: str = "sk_test_",
        webhook_url: str | None = None,
        webhook_secret: str = "whsec_local",  # noqa: S107 - local test secret
        state_path: str | Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.api_key_prefix = api_key_prefix
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.state = StripeState(
            base_url=self.url, clock=clock, state_path=Path(state_path) if state_path else None
        )
        self.api = Api(self.state)
        self._pending: list[dict[str, Any]] = []
        self._outbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.deliveries: list[dict[str, Any]] = []
        self.state.listeners.append(self._on_event)
        self._threads: list[threading.Thread] = []

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> StripeServer:
        serve = threading.Thread(target=self._httpd.serve_forever, name="stripe-local", daemon=True)
        serve.start()
        self._threads.append(serve)
        deliver = threading.Thread(target=self._deliver_loop, name="stripe-webhooks", daemon=True)
        deliver.start()
        self._threads.append(deliver)
        return self

    def stop(self) -> None:
        self._outbox.put(None)
        self._httpd.shutdown()
        self._httpd.server_close()

    # --- webhooks ----------------------------------------------------------------------------
    def _on_event(self, event: dict[str, Any]) -> None:
        if self.webhook_url:
            self._outbox.put(event)
        else:
            self._pending.append(event)

    def pending_events(self, *, clear: bool = True) -> list[dict[str, Any]]:
        """Events not delivered yet (when no webhook URL is set), oldest first."""
        with self.state.lock:
            events = list(self._pending)
            if clear:
                self._pending.clear()
        return events

    def signed(self, event: dict[str, Any], *, timestamp: int | None = None) -> tuple[bytes, str]:
        """The body and ``Stripe-Signature`` header Stripe would send for ``event``."""
        payload = json.dumps(event, indent=2)
        return payload.encode(), sign_payload(payload, self.webhook_secret, timestamp)

    def _deliver_loop(self) -> None:
        while True:
            event = self._outbox.get()
            if event is None:
                return
            body, header = self.signed(event)
            for attempt in range(3):
                try:
                    request = urllib.request.Request(  # noqa: S310 - loopback URL from config
                        self.webhook_url or "",
                        data=body,
                        headers={"Content-Type": "application/json", "Stripe-Signature": header},
                        method="POST",
                    )
                    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                        status = response.status
                except urllib.error.HTTPError as exc:
                    status = exc.code
                except OSError:
                    status = 0
                self.deliveries.append({"event": event["id"], "status": status})
                if 200 <= status < 300:
                    break
                time.sleep(0.2 * (attempt + 1))

    # --- HTTP ---------------------------------------------------------------------------------
    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                log.debug("stripe-local %s", format % args)

            def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Request-Id", f"req_{secrets.token_hex(7)}")
                self.send_header("Stripe-Version", API_VERSION)
                for key, value in (extra or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def _json(self, status: int, data: dict[str, Any], extra: dict | None = None) -> None:
                self._send(status, json.dumps(data).encode(), "application/json", extra)

            def _handle(self, method: str) -> None:
                url = urlsplit(self.path)
                if method == "GET" and url.path.startswith("/_invoices/"):
                    return self._hosted(url.path)
                auth = self.headers.get("Authorization", "")
                if not auth.startswith(f"Bearer {server.api_key_prefix}"):
                    err = StripeError(
                        "Invalid API Key provided.", status=401, code="api_key_invalid"
                    )
                    return self._json(401, err.body())
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                pairs = parse_qsl(url.query, keep_blank_values=True) + parse_qsl(
                    raw, keep_blank_values=True
                )
                params = parse_form(pairs)
                params.pop("expand", None)
                found = _route(method, url.path)
                if found is None:
                    err = StripeError(
                        f"Unrecognized request URL ({method}: {url.path}).", status=404
                    )
                    return self._json(404, err.body())
                name, ids = found
                key = self.headers.get("Idempotency-Key")
                fingerprint = hashlib.sha256(f"{method} {url.path} {raw}".encode()).hexdigest()
                with server.state.lock:
                    if server.api.subscriptions_end_due():
                        server.state.save()
                    if key and method == "POST" and key in server.state.idempotency:
                        saved = server.state.idempotency[key]
                        if saved["fingerprint"] != fingerprint:
                            err = StripeError(
                                "Keys for idempotent requests can only be used with the same "
                                "parameters they were first used with.",
                                type_="idempotency_error",
                            )
                            return self._json(400, err.body())
                        return self._json(
                            saved["status"], saved["body"], {"Idempotent-Replayed": "true"}
                        )
                    snapshot = None
                    try:
                        snapshot = copy.deepcopy(server.state.objects) if method != "GET" else None
                        status, body = 200, getattr(server.api, name)(params, *ids)
                    except StripeError as exc:
                        if snapshot is not None:
                            server.state.objects = snapshot  # a failed request changes nothing
                        status, body = exc.status, exc.body()
                    body = copy.deepcopy(body)
                    if key and method == "POST" and status < 500:
                        server.state.idempotency[key] = {
                            "fingerprint": fingerprint,
                            "status": status,
                            "body": body,
                        }
                    if method != "GET":
                        server.state.save()
                return self._json(status, body)

            def _hosted(self, path: str) -> None:
                parts = path.strip("/").split("/")
                invoice = server.state.objects["invoices"].get(parts[1]) if len(parts) > 1 else None
                if invoice is None or invoice["status"] == "draft":
                    return self._send(404, b"Not found", "text/plain")
                if len(parts) == 3 and parts[2] == "pdf":
                    return self._send(200, _tiny_pdf(invoice), "application/pdf")
                lines = "".join(
                    f"<tr><td>{line['description']}</td><td>{line['amount']}</td></tr>"
                    for line in invoice["lines"]["data"]
                )
                html = (
                    f"<!doctype html><title>Invoice {invoice['number']}</title>"
                    f"<h1>Invoice {invoice['number']}</h1><p>Status: {invoice['status']}</p>"
                    f"<table>{lines}</table><p>Total (IDR minor units): {invoice['total']}</p>"
                )
                return self._send(200, html.encode(), "text/html; charset=utf-8")

            def do_GET(self) -> None:  # noqa: N802
                self._handle("GET")

            def do_POST(self) -> None:  # noqa: N802
                self._handle("POST")

            def do_DELETE(self) -> None:  # noqa: N802
                self._handle("DELETE")

        return Handler


def _tiny_pdf(invoice: dict[str, Any]) -> bytes:
    """A one-page PDF naming the invoice: enough for a download link to work."""
    text = f"Invoice {invoice['number']} total {invoice['total']} IDR minor units"
    text = text.replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 50 780 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
