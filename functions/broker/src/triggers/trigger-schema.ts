import { z } from 'zod'
import { parseDuration } from './duration'
import { isAbsolute, isAbsoluteHttp } from './resolve-subscriber'
import { DEFAULT_DELIVERY, type Destination, type Trigger } from './trigger'

/**
 * A Knative Trigger manifest, checked as the Knative webhook would (trigger_validation.go,
 * delivery_types.go, knative/pkg Destination) so that a file the cluster rejects is rejected
 * here too. Objects under `spec` are strict: a field the broker would silently ignore
 * (`spec.filters`, `delivery.retryAfterMax`, a typo) is an error instead of a surprise.
 */

/** Kubernetes reads a null field as an absent one. */
const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null ? 'is required' : `must be ${what}`
const text = (what = 'a string') => z.string({ error: required(what) }).min(1, 'must not be empty')
const mapping = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, { error: required('a mapping') })

/** Kubernetes object names: DNS-1123 subdomain; namespaces: DNS-1123 label. */
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const objectName = text()
  .max(253, 'must be at most 253 characters')
  .regex(SUBDOMAIN, 'must be a lowercase DNS-1123 name')
const namespace = text()
  .max(63, 'must be at most 63 characters')
  .regex(LABEL, 'must be a lowercase DNS-1123 label')

/** CloudEvents attribute names as Knative validates filter keys. */
const ATTRIBUTE_NAME = /^[a-z][a-z0-9]*$/

const kReference = mapping({
  apiVersion: text(),
  kind: text(),
  name: objectName,
  namespace: namespace.optional(),
})

/** knative/pkg ValidateDestination, plus: without a ref the uri must be http(s). */
const destination = mapping({ ref: kReference.optional(), uri: text().optional() }).superRefine(
  ({ ref, uri }, ctx) => {
    const problem = (message: string, path: string[] = []) =>
      ctx.addIssue({ code: 'custom', path, message })
    if (!ref && uri === undefined) {
      problem('needs a ref or a uri')
    } else if (ref && uri !== undefined && isAbsolute(uri)) {
      problem('must be relative when a ref is given', ['uri'])
    } else if (!ref && uri !== undefined && !isAbsoluteHttp(uri)) {
      problem('must be an absolute http(s) URL when there is no ref', ['uri'])
    }
  },
)

const duration = ({ positive }: { positive: boolean }) =>
  text().transform((value, ctx) => {
    try {
      const ms = parseDuration(value)
      if (positive && ms <= 0) ctx.addIssue({ code: 'custom', message: 'must be greater than 0' })
      return ms
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `is invalid: ${(error as Error).message}` })
      return z.NEVER
    }
  })

const delivery = mapping({
  retry: z
    .number({ error: 'must be a whole number ≥ 0' })
    .int('must be a whole number ≥ 0')
    .min(0, 'must be a whole number ≥ 0')
    .optional(),
  backoffPolicy: z
    .enum(['linear', 'exponential'], { error: 'must be linear or exponential' })
    .optional(),
  backoffDelay: duration({ positive: false }).optional(),
  timeout: duration({ positive: true }).optional(),
  deadLetterSink: destination.optional(),
})

const filter = mapping({
  attributes: z
    .record(
      z.string(),
      z.string({ error: required('a string (quote numbers and booleans in YAML)') }),
    )
    .superRefine((attributes, ctx) => {
      for (const name of Object.keys(attributes).filter((key) => !ATTRIBUTE_NAME.test(key))) {
        const message = 'is not a CloudEvents attribute name (lowercase letters and digits)'
        ctx.addIssue({ code: 'custom', path: [name], message })
      }
    })
    .nullish(),
})

export const triggerManifest = z
  .looseObject({
    metadata: z.looseObject(
      { name: objectName, namespace: namespace.optional() },
      { error: required('a mapping') },
    ),
    spec: mapping({
      broker: text(),
      filter: filter.nullish(),
      subscriber: destination,
      delivery: delivery.nullish(),
    }),
  })
  .transform(({ metadata, spec }): Trigger => {
    const inNamespace = (dest: Destination): Destination =>
      dest.ref && metadata.namespace
        ? { ...dest, ref: { ...dest.ref, namespace: dest.ref.namespace ?? metadata.namespace } }
        : dest
    const { retry, backoffPolicy, backoffDelay, timeout, deadLetterSink } = spec.delivery ?? {}
    return {
      name: metadata.name,
      ...(metadata.namespace && { namespace: metadata.namespace }),
      broker: spec.broker,
      filter: spec.filter?.attributes ?? {},
      subscriber: inNamespace(spec.subscriber),
      delivery: {
        retry: retry ?? DEFAULT_DELIVERY.retry,
        backoffPolicy: backoffPolicy ?? DEFAULT_DELIVERY.backoffPolicy,
        backoffDelayMs: backoffDelay ?? DEFAULT_DELIVERY.backoffDelayMs,
        ...(timeout !== undefined && { timeoutMs: timeout }),
        ...(deadLetterSink && { deadLetterSink: inNamespace(deadLetterSink) }),
      },
    }
  })
