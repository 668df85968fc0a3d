"""The Helm chart, proven offline: real Helm (v4, as a library) and Kubernetes JSON schemas.

Every ``ci/*.yaml`` scenario is linted and rendered; every manifest is validated
strictly against Kubernetes 1.30 and the newest version kubernetes-validate
bundles (CRDs such as ServiceMonitor and HTTPRoute have no bundled schema and are
checked structurally instead).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import helm_python as helm
import kubernetes_validate
import pytest
import yaml
from kubernetes_validate.utils import latest_version

pytestmark = pytest.mark.helm

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "helm" / "balai"
SCENARIOS = sorted(p.stem for p in (CHART / "ci").glob("*.yaml"))
CRD_KINDS = {"ServiceMonitor", "HTTPRoute", "ScheduledBackup"}
K8S_VERSIONS = ["1.30.0", f"{latest_version()}.0"]
REVISION = 7
SECRET_ENV = re.compile(r"(SECRET|PASSWORD|TOKEN|DSN|_KEY$|_KEY_ID$|REDIS_URL)")


def scenario_values(name: str) -> dict:
    return yaml.safe_load((CHART / "ci" / f"{name}.yaml").read_text()) or {}


@cache
def _chart() -> helm.Chart:
    return helm.Chart.load(str(CHART))


def render(values: dict, *, revision: int = REVISION) -> list[dict]:
    rendered = _chart().render(
        values, name="balai", namespace="balai", revision=revision, is_upgrade=True
    )
    documents = []
    for path, text in sorted(rendered.items()):
        if path.endswith("NOTES.txt"):
            continue
        for doc in yaml.safe_load_all(text):
            if doc:
                documents.append(doc)
    return documents


@cache
def rendered_scenario(name: str) -> tuple[dict, ...]:
    return tuple(render(scenario_values(name)))


def by_kind(docs, kind: str) -> list[dict]:
    return [d for d in docs if d["kind"] == kind]


def one(docs, kind: str, name: str) -> dict:
    matches = [d for d in by_kind(docs, kind) if d["metadata"]["name"] == name]
    assert len(matches) == 1, f"{kind}/{name}: {len(matches)} found"
    return matches[0]


def pod_specs(docs) -> dict[str, dict]:
    """Every pod spec the chart can start: Deployments, Jobs, and bare Pods (helm test)."""
    specs = {}
    for doc in docs:
        name = f"{doc['kind']}/{doc['metadata']['name']}"
        if doc["kind"] in {"Deployment", "Job"}:
            specs[name] = doc["spec"]["template"]["spec"]
        elif doc["kind"] == "Pod":
            specs[name] = doc["spec"]
    return specs


# --- lint, render, validate -----------------------------------------------------------


def test_every_scenario_is_there():
    assert {"minimal-values", "production-values", "custom-domains-values"} <= set(SCENARIOS)
    assert {"no-ingress-values", "hpa-off-values"} <= set(SCENARIOS)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_lint_is_clean_in_strict_mode(scenario):
    report = helm.lint(str(CHART), scenario_values(scenario), strict=True, kube_version="v1.30.0")
    problems = [m for m in report["messages"] if m["severity"] >= 2]
    assert report["errors"] == [] and problems == [], problems or report["errors"]


@pytest.mark.parametrize("version", K8S_VERSIONS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_manifests_valid_against_kubernetes_schemas(scenario, version):
    docs = rendered_scenario(scenario)
    assert docs, "nothing rendered"
    validated = 0
    for doc in docs:
        assert {"apiVersion", "kind", "metadata"} <= doc.keys()
        if doc["kind"] in CRD_KINDS:
            continue
        kubernetes_validate.validate(doc, version, strict=True)
        validated += 1
    assert validated >= 8


def test_no_cronjobs_and_no_secrets_rendered():
    for scenario in SCENARIOS:
        kinds = {d["kind"] for d in rendered_scenario(scenario)}
        assert "CronJob" not in kinds, "scheduled work belongs to the worker's periodic tasks"
        assert "Secret" not in kinds, "the chart only references existing Secrets"


# --- security ---------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_pod_is_non_root_with_read_only_root(scenario):
    specs = pod_specs(rendered_scenario(scenario))
    expected = {"Deployment/balai-web", "Deployment/balai-worker", f"Job/balai-migrate-{REVISION}"}
    assert expected <= specs.keys()
    if scenario_values(scenario).get("tests", {}).get("enabled", True):
        assert "Pod/balai-test-readyz" in specs
    for name, spec in specs.items():
        pod_ctx = spec["securityContext"]
        assert pod_ctx["runAsNonRoot"] is True, name
        assert pod_ctx["runAsUser"] != 0, name
        assert pod_ctx["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert spec["automountServiceAccountToken"] is False, name
        tmp_volumes = [v["name"] for v in spec["volumes"] if "emptyDir" in v]
        for container in spec["containers"]:
            ctx = container["securityContext"]
            assert ctx["readOnlyRootFilesystem"] is True, name
            assert ctx["runAsNonRoot"] is True, name
            assert ctx["allowPrivilegeEscalation"] is False, name
            assert ctx["capabilities"] == {"drop": ["ALL"]}, name
            mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
            assert mounts.get("/tmp") in tmp_volumes, f"{name}: /tmp must be an emptyDir"
            assert container["resources"]["limits"]["memory"], name


def test_no_secret_value_is_inlined():
    for scenario in SCENARIOS:
        for name, spec in pod_specs(rendered_scenario(scenario)).items():
            for container in spec["containers"]:
                assert "envFrom" not in container
                for var in container.get("env", []):
                    if SECRET_ENV.search(var["name"]):
                        assert "value" not in var, f"{name}: {var['name']} inlined"
                        assert "secretKeyRef" in var["valueFrom"], var
                    if var["name"] == "DATABASE_URL":
                        userinfo = var["value"].split("://", 1)[1].split("@", 1)[0]
                        assert ":" not in userinfo, "no password in DATABASE_URL"


def test_required_secrets_are_not_optional_and_optional_ones_are():
    env = {
        v["name"]: v
        for v in pod_specs(rendered_scenario("minimal-values"))["Deployment/balai-web"][
            "containers"
        ][0]["env"]
    }
    for required in ("SECRET_KEY", "DATABASE_PASSWORD", "REDIS_URL"):
        assert env[required]["valueFrom"]["secretKeyRef"]["optional"] is False
    for optional in ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "SENTRY_DSN", "METRICS_TOKEN"):
        assert env[optional]["valueFrom"]["secretKeyRef"]["optional"] is True
    assert env["SECRET_KEY"]["valueFrom"]["secretKeyRef"]["name"] == "balai-secrets"
    assert env["DATABASE_PASSWORD"]["valueFrom"]["secretKeyRef"]["name"] == "balai-db"
    # Behind the ingress, rate limits count the client, not the ingress (balai_kernel.abuse).
    assert env["TRUSTED_PROXY_HOPS"]["value"] == "1"


# --- the migration hook -------------------------------------------------------------------


def test_migration_job_is_a_pre_install_pre_upgrade_hook_with_bounds():
    docs = render(scenario_values("minimal-values"), revision=12)
    job = one(docs, "Job", "balai-migrate-12")
    annotations = job["metadata"]["annotations"]
    assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert "before-hook-creation" in annotations["helm.sh/hook-delete-policy"]
    assert job["spec"]["backoffLimit"] == 1
    assert job["spec"]["activeDeadlineSeconds"] == 900
    container = job["spec"]["template"]["spec"]["containers"][0]
    assert container["args"] == ["migrate"]
    # Hooks run before this release's objects exist: only pre-existing Secrets, no
    # ConfigMap of the release, no ServiceAccount of the release.
    refs = [v["valueFrom"] for v in container["env"] if "valueFrom" in v]
    assert all(set(r) == {"secretKeyRef"} for r in refs)
    assert {r["secretKeyRef"]["name"] for r in refs} == {"balai-secrets", "balai-db"}
    assert "serviceAccountName" not in job["spec"]["template"]["spec"]
    assert not by_kind(docs, "ConfigMap")


def test_migration_bounds_come_from_values():
    job = one(rendered_scenario("hpa-off-values"), "Job", f"balai-migrate-{REVISION}")
    assert job["spec"]["backoffLimit"] == 0
    assert job["spec"]["activeDeadlineSeconds"] == 300


# --- deployments ------------------------------------------------------------------------


def test_deployments_have_probes_resources_spread_and_checksum():
    docs = rendered_scenario("minimal-values")
    for component in ("web", "worker"):
        deployment = one(docs, "Deployment", f"balai-{component}")
        template = deployment["spec"]["template"]
        container = template["spec"]["containers"][0]
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            assert probe in container, f"{component} lacks {probe}"
        assert re.fullmatch(r"[0-9a-f]{64}", template["metadata"]["annotations"]["checksum/config"])
        keys = [c["topologyKey"] for c in template["spec"]["topologySpreadConstraints"]]
        assert keys == ["topology.kubernetes.io/zone", "kubernetes.io/hostname"]
        assert "replicas" not in deployment["spec"], "the HPA owns the replica count"
    web = one(docs, "Deployment", "balai-web")["spec"]["template"]["spec"]["containers"][0]
    assert web["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert web["livenessProbe"]["httpGet"]["path"] == "/healthz"


def test_checksum_changes_with_configuration():
    values = scenario_values("minimal-values")
    before = one(render(values), "Deployment", "balai-web")
    after = one(render({**values, "config": {"logLevel": "DEBUG"}}), "Deployment", "balai-web")
    key = "checksum/config"
    assert (
        before["spec"]["template"]["metadata"]["annotations"][key]
        != after["spec"]["template"]["metadata"]["annotations"][key]
    )


def test_hpa_and_pdb_for_web_and_worker():
    docs = rendered_scenario("minimal-values")
    hpas = {h["metadata"]["name"]: h for h in by_kind(docs, "HorizontalPodAutoscaler")}
    assert set(hpas) == {"balai-web", "balai-worker"}
    assert hpas["balai-web"]["spec"]["scaleTargetRef"]["name"] == "balai-web"
    pdbs = {p["metadata"]["name"] for p in by_kind(docs, "PodDisruptionBudget")}
    assert pdbs == {"balai-web", "balai-worker"}


def test_hpa_off_sets_replicas_and_drops_spread():
    docs = rendered_scenario("hpa-off-values")
    assert by_kind(docs, "HorizontalPodAutoscaler") == []
    assert one(docs, "Deployment", "balai-web")["spec"]["replicas"] == 3
    assert one(docs, "Deployment", "balai-worker")["spec"]["replicas"] == 2
    spec = one(docs, "Deployment", "balai-web")["spec"]["template"]["spec"]
    assert "topologySpreadConstraints" not in spec
    assert {p["metadata"]["name"] for p in by_kind(docs, "PodDisruptionBudget")} == {"balai-web"}


# --- ingress, TLS, gateway --------------------------------------------------------------


def test_ingress_covers_apex_and_wildcard_with_cert_manager():
    ingress = one(rendered_scenario("minimal-values"), "Ingress", "balai")
    hosts = [rule["host"] for rule in ingress["spec"]["rules"]]
    assert hosts == ["balai.example.id", "*.balai.example.id"]
    assert ingress["spec"]["tls"] == [
        {"hosts": ["balai.example.id", "*.balai.example.id"], "secretName": "balai-wildcard-tls"}
    ]
    assert ingress["metadata"]["annotations"]["cert-manager.io/cluster-issuer"] == "letsencrypt-dns"


def test_issuer_is_a_value():
    ingress = one(rendered_scenario("production-values"), "Ingress", "balai")
    annotations = ingress["metadata"]["annotations"]
    assert annotations["cert-manager.io/cluster-issuer"] == "letsencrypt-dns-cloudflare"
    assert annotations["nginx.ingress.kubernetes.io/proxy-body-size"] == "10m"
    values = scenario_values("minimal-values")
    values["ingress"] = {"certManager": {"issuerKind": "Issuer", "issuer": "lokal"}}
    ingress = one(render(values), "Ingress", "balai")
    assert ingress["metadata"]["annotations"] == {"cert-manager.io/issuer": "lokal"}


def test_custom_domains_get_their_own_certificates():
    docs = rendered_scenario("custom-domains-values")
    ingress = one(docs, "Ingress", "balai-custom-domains")
    assert [r["host"] for r in ingress["spec"]["rules"]] == ["sukamaju.desa.id", "hajimena.desa.id"]
    assert ingress["spec"]["tls"] == [
        {"hosts": ["sukamaju.desa.id"], "secretName": "balai-cd-sukamaju-desa-id"},
        {"hosts": ["hajimena.desa.id"], "secretName": "hajimena-desa-id-tls"},
    ]
    assert (
        ingress["metadata"]["annotations"]["cert-manager.io/cluster-issuer"] == "letsencrypt-http"
    )
    route = one(docs, "HTTPRoute", "balai")
    assert route["spec"]["hostnames"] == [
        "balai.example.id",
        "*.balai.example.id",
        "sukamaju.desa.id",
        "hajimena.desa.id",
    ]
    assert route["spec"]["parentRefs"] == [{"name": "public", "namespace": "gateway-system"}]


def test_no_ingress_scenario():
    docs = rendered_scenario("no-ingress-values")
    assert by_kind(docs, "Ingress") == [] and by_kind(docs, "NetworkPolicy") == []
    assert one(docs, "Service", "balai-web")["spec"]["type"] == "ClusterIP"
    env = {
        v["name"]: v.get("value")
        for v in one(docs, "Deployment", "balai-web")["spec"]["template"]["spec"]["containers"][0][
            "env"
        ]
    }
    assert env["MEDIA_STORAGE"] == "filesystem" and "REDIS_URL" not in env
    assert "TRUSTED_PROXY_HOPS" not in env  # no proxy: X-Forwarded-For is not trusted
    assert env["MEDIA_ROOT"] == "/var/lib/balai/media"
    spec = one(docs, "Deployment", "balai-worker")["spec"]["template"]["spec"]
    assert {"name": "media", "persistentVolumeClaim": {"claimName": "balai-media"}} in spec[
        "volumes"
    ]
    assert {"name": "media", "mountPath": "/var/lib/balai"} in spec["containers"][0]["volumeMounts"]


# --- network policy, monitoring, helm test ---------------------------------------------------


def test_network_policy_admits_only_the_ingress_controller():
    docs = rendered_scenario("minimal-values")
    web = one(docs, "NetworkPolicy", "balai-web-ingress")
    sources = web["spec"]["ingress"][0]["from"]
    namespaces = [
        s["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"]
        for s in sources
        if "namespaceSelector" in s
    ]
    assert namespaces == ["ingress-nginx", "monitoring"]
    pods = [s["podSelector"]["matchLabels"] for s in sources if "podSelector" in s]
    assert pods == [
        {
            "app.kubernetes.io/name": "balai",
            "app.kubernetes.io/instance": "balai",
            "app.kubernetes.io/component": "test",
        }
    ]
    closed = one(docs, "NetworkPolicy", "balai-no-ingress")
    assert closed["spec"]["ingress"] == []
    egress = one(docs, "NetworkPolicy", "balai-egress")["spec"]["egress"]
    ports = {p["port"] for rule in egress for p in rule.get("ports", [])}
    assert {53, 5432, 6379, 443} <= ports


def test_network_policy_egress_is_configurable():
    egress = one(rendered_scenario("production-values"), "NetworkPolicy", "balai-egress")
    rules = egress["spec"]["egress"]
    database = next(r for r in rules if r["ports"][0]["port"] == 5432)
    assert database["to"] == [{"ipBlock": {"cidr": "10.20.0.0/16"}}]
    assert any(r["ports"][0]["port"] == 587 for r in rules), "SMTP egress when email.host is set"


def test_service_monitor_uses_the_metrics_token_secret():
    monitor = one(rendered_scenario("production-values"), "ServiceMonitor", "balai")
    endpoint = monitor["spec"]["endpoints"][0]
    assert endpoint["path"] == "/metrics"
    assert endpoint["authorization"]["credentials"] == {
        "name": "balai-secrets",
        "key": "METRICS_TOKEN",
    }
    assert monitor["metadata"]["labels"]["release"] == "kube-prometheus-stack"
    assert by_kind(rendered_scenario("minimal-values"), "ServiceMonitor") == []


def test_helm_test_pod_checks_readyz():
    pod = one(rendered_scenario("minimal-values"), "Pod", "balai-test-readyz")
    assert pod["metadata"]["annotations"]["helm.sh/hook"] == "test"
    script = pod["spec"]["containers"][0]["command"][-1]
    assert "http://balai-web:80/readyz" in script


# --- values schema ------------------------------------------------------------------------


def _rejection(values: dict) -> str:
    with pytest.raises(helm.HelmValuesError) as excinfo:
        _chart().render(values, name="balai", namespace="balai")
    return str(excinfo.value)


@pytest.mark.parametrize("component", ["web", "worker"])
def test_schema_rejects_zero_replicas(component):
    values = scenario_values("minimal-values")
    values[component] = {"replicaCount": 0}
    message = _rejection(values)
    assert f"at '/{component}/replicaCount': minimum: got 0, want 1" in message


def test_schema_rejects_missing_domain():
    values = scenario_values("minimal-values")
    del values["domain"]
    message = _rejection(values)
    assert "at '/domain': minLength: got 0, want 1" in message


def test_schema_rejects_bad_domain_typos_and_unsafe_security_context():
    values = scenario_values("minimal-values")
    assert "at '/domain'" in _rejection({**values, "domain": "Bukan Domain"})
    assert "additional properties 'replicas' not allowed" in _rejection(
        {**values, "web": {"replicas": 3}}
    )
    message = _rejection({**values, "securityContext": {"readOnlyRootFilesystem": False}})
    assert "at '/securityContext/readOnlyRootFilesystem'" in message
    assert "at '/media/bucket'" in _rejection({**values, "media": {"bucket": ""}})
    assert "at '/media/existingClaim'" in _rejection({**values, "media": {"storage": "filesystem"}})


def test_schema_covers_every_value():
    schema = _chart().schema
    assert schema is not None
    defaults = yaml.safe_load((CHART / "values.yaml").read_text())

    def walk(values: dict, node: dict, path: str) -> None:
        properties = node.get("properties", {})
        for key, value in values.items():
            assert key in properties, f"{path}{key} is not described by values.schema.json"
            child = properties[key]
            if isinstance(value, dict) and "properties" in child:
                walk(value, child, f"{path}{key}.")

    walk(defaults, schema, "")


def test_cluster_backup_is_a_cloudnativepg_scheduled_backup_beside_its_cluster():
    assert by_kind(rendered_scenario("minimal-values"), "ScheduledBackup") == []
    docs = rendered_scenario("production-values")
    backup = one(docs, "ScheduledBackup", "balai-cluster")
    assert backup["apiVersion"] == "postgresql.cnpg.io/v1"
    assert backup["metadata"]["namespace"] == "database"
    assert backup["spec"]["cluster"] == {"name": "balai-pg"}
    assert backup["spec"]["method"] == "plugin"
    assert backup["spec"]["pluginConfiguration"] == {"name": "barman-cloud.cloudnative-pg.io"}
    assert len(backup["spec"]["schedule"].split()) == 6
    web = one(docs, "Deployment", "balai-web")["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e.get("value") for e in web["env"]}
    assert env["DB_RECYCLE_AFTER_VILLAGES"] == "400"


def test_schema_rejects_a_cluster_backup_without_its_cluster():
    values = scenario_values("minimal-values")
    message = _rejection({**values, "clusterBackup": {"enabled": True}})
    assert "clusterBackup" in message and "cluster" in message
    assert "schedule" in _rejection(
        {**values, "clusterBackup": {"enabled": True, "cluster": "pg", "schedule": "0 17 * * *"}}
    )


@pytest.mark.django_db
def test_cli_helm_values_block_feeds_the_chart(village, village_b):
    """`manage.py villages domains --helm-values` output is valid chart input."""
    from io import StringIO

    from django.core.management import call_command

    from tenants import services
    from tenants.models import Domain

    services.village_domain_add(village=village, domain="hajimena.desa.id", actor="uji")
    services.village_domain_add(village=village_b, domain="sidosari.desa.id", actor="uji")
    # Ownership proven (tests/tenants/test_domain_ownership.py); a mere claim is left out.
    Domain.objects.update(status="verified")
    services.village_domain_add(village=village_b, domain="klaim.desa.id", actor="uji")
    out = StringIO()
    call_command("villages", "domains", "--helm-values", stdout=out)
    block = yaml.safe_load(out.getvalue())

    values = scenario_values("minimal-values")
    values["ingress"] = block["ingress"]
    ingress = one(render(values), "Ingress", "balai-custom-domains")
    assert [r["host"] for r in ingress["spec"]["rules"]] == ["hajimena.desa.id", "sidosari.desa.id"]
    assert [t["secretName"] for t in ingress["spec"]["tls"]] == [
        "balai-cd-hajimena-desa-id",
        "balai-cd-sidosari-desa-id",
    ]
