// The broker ingress as a Knative Service; read by knative/src, not by the broker itself.
export { deployment as brokerIngress } from './ingress/deploy'
