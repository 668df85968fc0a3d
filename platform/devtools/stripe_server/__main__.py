"""``python -m devtools.stripe_server --port 12111 --webhook-url URL --webhook-secret S``."""

from __future__ import annotations

import argparse
import time

from devtools.stripe_server.server import StripeServer


def main() -> None:
    parser = argparse.ArgumentParser(description="Local Stripe-compatible server (loopback only).")
    parser.add_argument("--port", type=int, default=12111)
    parser.add_argument("--webhook-url", default="")
    parser.add_argument("--webhook-secret", default="whsec_local")
    parser.add_argument("--state", default="", help="JSON file that keeps state across restarts")
    args = parser.parse_args()
    server = StripeServer(
        port=args.port,
        webhook_url=args.webhook_url or None,
        webhook_secret=args.webhook_secret,
        state_path=args.state or None,
    )
    server.start()
    print(f"Stripe lokal di {server.url}", flush=True)  # noqa: T201
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
