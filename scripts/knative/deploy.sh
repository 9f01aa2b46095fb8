#!/usr/bin/env bash
# Usage: deploy.sh --registry NAME --tag TAG --host API_HOST [--overlay doks|self-managed]
#
# Deploys DropMate from knative/overlays/<overlay> (doks by default) with the images
# registry.digitalocean.com/NAME/dropmate-{function,realtime,dispatcher,monitor,migrate}:TAG,
# the public API at https://API_HOST, in this order:
#   1. namespace, configuration and (self-managed) data stores, then waits for those;
#   2. the migration Job, and waits for it: no new code meets an old schema;
#   3. everything else, then waits for every Knative Service to be Ready and the
#      Deployments to roll out.
# Needs setup-secrets.sh to have run once, and install-knative.sh before that.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

registry="" tag="" host="" overlay="doks"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --registry) registry="${2:-}"; shift 2 ;;
    --tag) tag="${2:-}"; shift 2 ;;
    --host) host="${2:-}"; shift 2 ;;
    --overlay) overlay="${2:-}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[[ -n "$registry" && -n "$tag" && -n "$host" ]] || die "--registry, --tag and --host are required"
[[ -d "$REPO_ROOT/knative/overlays/$overlay" ]] || die "no overlay knative/overlays/$overlay"
need kubectl
kubectl get secret dropmate-secrets -n "$NAMESPACE" >/dev/null 2>&1 ||
  die "no Secret dropmate-secrets in namespace $NAMESPACE: run setup-secrets.sh first"

# Inside knative/ because kustomize takes only relative paths to the overlay.
work="$(mktemp -d "$REPO_ROOT/knative/.deploy.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# A throwaway overlay over the chosen one: images and host belong to this deployment, not
# to the repository. Rendered manifests hold no secret values (those live in the Secrets).
mkdir "$work/deploy"
cat >"$work/deploy/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../overlays/$overlay
images:
$(for image in function realtime dispatcher monitor migrate; do
  printf '  - name: dropmate-%s\n    newName: registry.digitalocean.com/%s/dropmate-%s\n    newTag: "%s"\n' \
    "$image" "$registry" "$image" "$tag"
done)
patches:
  - target:
      kind: Gateway
      name: dropmate
    patch: |-
      - op: replace
        path: /spec/listeners/0/hostname
        value: "$host"
      - op: replace
        path: /spec/listeners/1/hostname
        value: "$host"
YAML
kubectl kustomize "$work/deploy" >"$work/rendered.yaml"

step "1. namespace, configuration, data stores"
kubectl apply -f "$work/rendered.yaml" -l 'app.kubernetes.io/component in (config,data)'
if [[ "$overlay" == self-managed ]]; then
  for store in postgres redis; do
    kubectl rollout status "statefulset/$store" -n "$NAMESPACE" --timeout=300s
  done
fi

step "2. migrations"
kubectl delete job dropmate-migrate -n "$NAMESPACE" --ignore-not-found --wait=true
kubectl apply -f "$work/rendered.yaml" -l app.kubernetes.io/component=migrate
if ! kubectl wait job/dropmate-migrate -n "$NAMESPACE" --for=condition=Complete --timeout=600s; then
  kubectl logs job/dropmate-migrate -n "$NAMESPACE" --tail=50 >&2 || true
  die "migrations did not complete; nothing else was changed"
fi

step "3. functions, realtime gateway, broker dispatcher, scaling monitor, routes"
kubectl apply -f "$work/rendered.yaml" -l 'app.kubernetes.io/component notin (migrate)'
kubectl wait ksvc --all -n "$NAMESPACE" --for=condition=Ready --timeout=600s
for deployment in realtime broker-dispatcher scaling-monitor; do
  kubectl rollout status "deployment/$deployment" -n "$NAMESPACE" --timeout=300s
done

echo
echo "Deployed $tag to https://$host ($overlay)."
