#!/usr/bin/env bash
# Usage: install-knative.sh --email ADDRESS
#
# Prepares a DigitalOcean Kubernetes cluster (1.33 or newer, VPC-native, so DOKS's managed
# Gateway API on Cilium is there) for DropMate, at pinned versions:
#   - Knative Serving, with Kourier as its networking layer, kept cluster-local (the
#     cluster's Gateway is the only public entry, so Kourier gets no load balancer of its own);
#   - cert-manager, with its Gateway API support on, for Let's Encrypt certificates;
#   - DropMate's cluster-wide pieces (knative/cluster): the Let's Encrypt ClusterIssuer, with
#     ADDRESS as the account email, and the grant that lets its routes reach Kourier.
# Safe to run again. kubectl must point at the cluster (doctl kubernetes cluster kubeconfig save).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

KNATIVE_SERVING_VERSION="1.22.1"
KOURIER_VERSION="1.22.0"
CERT_MANAGER_VERSION="1.19.1"

email=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --email) email="${2:-}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[[ "$email" == *@* ]] || die "--email ADDRESS is required (Let's Encrypt's account contact)"
need kubectl

serving="https://github.com/knative/serving/releases/download/knative-v${KNATIVE_SERVING_VERSION}"
kourier="https://github.com/knative/net-kourier/releases/download/knative-v${KOURIER_VERSION}"
cert_manager="https://github.com/cert-manager/cert-manager/releases/download/v${CERT_MANAGER_VERSION}"

step "Gateway API (managed by DOKS)"
kubectl get gatewayclass cilium >/dev/null ||
  die "no GatewayClass cilium: DOKS provides it on VPC-native clusters running 1.33 or newer"

step "Knative Serving ${KNATIVE_SERVING_VERSION}"
kubectl apply -f "$serving/serving-crds.yaml"
kubectl wait --for=condition=Established --timeout=120s crd/services.serving.knative.dev
kubectl apply -f "$serving/serving-core.yaml"

step "Kourier ${KOURIER_VERSION}, cluster-local"
kubectl apply -f "$kourier/kourier.yaml"
kubectl patch configmap/config-network -n knative-serving --type merge \
  -p '{"data":{"ingress-class":"kourier.ingress.networking.knative.dev"}}'
# The Gateway reaches the functions through kourier-internal; the public kourier Service
# would cost a second load balancer and expose every function by its own host name.
kubectl patch service/kourier -n kourier-system --type merge -p '{"spec":{"type":"ClusterIP"}}'
kubectl wait --for=condition=Available --timeout=300s deployment --all -n knative-serving
kubectl wait --for=condition=Available --timeout=300s deployment --all -n kourier-system

step "cert-manager ${CERT_MANAGER_VERSION}, with Gateway API support"
kubectl apply -f "$cert_manager/cert-manager.yaml"
kubectl wait --for=condition=Available --timeout=300s deployment --all -n cert-manager
if ! kubectl get deployment/cert-manager -n cert-manager \
  -o jsonpath='{.spec.template.spec.containers[0].args}' | grep -q -- '--enable-gateway-api'; then
  kubectl patch deployment/cert-manager -n cert-manager --type json -p \
    '[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--enable-gateway-api"}]'
fi
kubectl rollout status deployment/cert-manager -n cert-manager --timeout=300s

step "DropMate's cluster-wide pieces (knative/cluster)"
kubectl kustomize "$REPO_ROOT/knative/cluster" |
  sed "s/ops@dropmate.example.com/${email}/" |
  kubectl apply -f -

echo
echo "Ready. Next: setup-secrets.sh, then deploy.sh (knative/README.md)."
