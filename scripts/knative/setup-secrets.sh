#!/usr/bin/env bash
# Usage: setup-secrets.sh [--self-managed]
#
# Creates or updates DropMate's Secrets in the cluster from environment variables, piping
# them to kubectl: no value is written to disk or shown on a command line.
#
# Managed data (the doks overlay), from DigitalOcean's control panel or doctl:
#   DATABASE_URL  the connection pool's URI (port 25061, ?sslmode=require)
#   REDIS_URL     the Redis/Valkey URI (rediss://, with its password)
# --self-managed: both are generated for the in-cluster PostgreSQL and Redis, with new random
#   passwords (kept on later runs) in the dropmate-data Secret.
#
# JWT_SECRET, BROKER_TOKEN and METRICS_TOKEN are taken from the environment when set, else
# kept from the existing Secret, else generated. Changing JWT_SECRET signs everyone out.
# Prometheus presents METRICS_TOKEN to scrape /metrics (knative/monitoring/README.md).
#
# OBJECT_STORAGE_ACCESS_KEY_ID and OBJECT_STORAGE_SECRET_ACCESS_KEY (a DigitalOcean Spaces key
# pair, for proof-of-delivery files) are taken from the environment when set, else kept from
# the existing Secret; both overlays keep proof files in Spaces and need them.
#
# WEBHOOKS_SECRET_KEY seals webhook signing secrets at rest: taken from the
# environment when set, else kept from the existing Secret, else generated. Changing it makes
# every endpoint's secret unreadable: rotate each endpoint's secret after.
#
# Optional: SENDGRID_API_KEY (a SendGrid key with Mail Send), TWILIO_AUTH_TOKEN (for texts) and
# VAPID_PRIVATE_KEY (for pushes to drivers' apps) are taken from the environment when set, else
# kept from the existing Secret, else left out: customer emails and texts are then logged, not
# sent, drivers' apps offer no notifications, and everything else runs as usual.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

# The keys of the dropmate-secrets Secret (knative/secrets/dropmate-secrets.example.yaml).
SECRET_KEYS=(DATABASE_URL REDIS_URL JWT_SECRET BROKER_TOKEN METRICS_TOKEN WEBHOOKS_SECRET_KEY
  SENDGRID_API_KEY TWILIO_AUTH_TOKEN VAPID_PRIVATE_KEY OBJECT_STORAGE_ACCESS_KEY_ID
  OBJECT_STORAGE_SECRET_ACCESS_KEY)

self_managed=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --self-managed) self_managed=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
need kubectl base64 head tr

# A key of an existing Secret, or nothing.
existing() {
  kubectl get secret "$1" -n "$NAMESPACE" -o "jsonpath={.data.$2}" 2>/dev/null | base64 -d || true
}

# Applies Secret $1 from KEY=VALUE lines on stdin.
apply_secret() {
  local name="$1" component="$2"
  kubectl create secret generic "$name" -n "$NAMESPACE" --from-env-file=/dev/stdin \
    --dry-run=client -o yaml |
    kubectl label --local -f - -o yaml \
      app.kubernetes.io/part-of=dropmate "app.kubernetes.io/component=$component" |
    kubectl apply -f -
}

kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f - >/dev/null

if [[ -n "$self_managed" ]]; then
  postgres_password="$(existing dropmate-data POSTGRES_PASSWORD)"
  redis_password="$(existing dropmate-data REDIS_PASSWORD)"
  postgres_password="${postgres_password:-$(random_secret)}"
  redis_password="${redis_password:-$(random_secret)}"
  printf 'POSTGRES_PASSWORD=%s\nREDIS_PASSWORD=%s\n' "$postgres_password" "$redis_password" |
    apply_secret dropmate-data data
  DATABASE_URL="postgres://dropmate:${postgres_password}@postgres.${NAMESPACE}.svc.cluster.local:5432/dropmate"
  REDIS_URL="redis://:${redis_password}@redis.${NAMESPACE}.svc.cluster.local:6379"
else
  [[ -n "${DATABASE_URL:-}" ]] || die "DATABASE_URL must be set (the connection pool's URI)"
  [[ -n "${REDIS_URL:-}" ]] || die "REDIS_URL must be set (rediss://…)"
  [[ "$DATABASE_URL" == *sslmode=require* ]] ||
    die "DATABASE_URL must end in ?sslmode=require: managed PostgreSQL takes TLS only"
  [[ "$REDIS_URL" == rediss://* ]] || die "REDIS_URL must start with rediss://: managed Redis takes TLS only"
fi

JWT_SECRET="${JWT_SECRET:-$(existing dropmate-secrets JWT_SECRET)}"
BROKER_TOKEN="${BROKER_TOKEN:-$(existing dropmate-secrets BROKER_TOKEN)}"
METRICS_TOKEN="${METRICS_TOKEN:-$(existing dropmate-secrets METRICS_TOKEN)}"
JWT_SECRET="${JWT_SECRET:-$(random_secret)}"
BROKER_TOKEN="${BROKER_TOKEN:-$(random_secret)}"
METRICS_TOKEN="${METRICS_TOKEN:-$(random_secret)}"
WEBHOOKS_SECRET_KEY="${WEBHOOKS_SECRET_KEY:-$(existing dropmate-secrets WEBHOOKS_SECRET_KEY)}"
WEBHOOKS_SECRET_KEY="${WEBHOOKS_SECRET_KEY:-$(random_secret)}"
SENDGRID_API_KEY="${SENDGRID_API_KEY:-$(existing dropmate-secrets SENDGRID_API_KEY)}"
TWILIO_AUTH_TOKEN="${TWILIO_AUTH_TOKEN:-$(existing dropmate-secrets TWILIO_AUTH_TOKEN)}"
VAPID_PRIVATE_KEY="${VAPID_PRIVATE_KEY:-$(existing dropmate-secrets VAPID_PRIVATE_KEY)}"
for key in OBJECT_STORAGE_ACCESS_KEY_ID OBJECT_STORAGE_SECRET_ACCESS_KEY; do
  printf -v "$key" '%s' "${!key:-$(existing dropmate-secrets "$key")}"
  # knative/base/config.yaml points OBJECT_STORAGE_URL at Spaces: without keys no process starts.
  [[ -n "${!key}" ]] || die "$key must be set (a Spaces key pair)"
done

for key in "${SECRET_KEYS[@]}"; do
  # Only the optional keys above may be empty here; the processes run without them.
  [[ -n "${!key}" ]] || continue
  printf '%s=%s\n' "$key" "${!key}"
done | apply_secret dropmate-secrets config

echo "Secrets in namespace $NAMESPACE: $(kubectl get secret -n "$NAMESPACE" \
  -l app.kubernetes.io/part-of=dropmate -o name | tr '\n' ' ')"
