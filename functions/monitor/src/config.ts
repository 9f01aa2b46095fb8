import { commaSeparated, parseEnvironment } from '@dropmate/core'
import { z } from 'zod'
import { SEVERITIES } from '@dropmate/contracts/alert-event'

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const

/** `30s`, `10m`, `1h`: how Knative's own autoscaling annotations write durations. */
const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h)$/, 'must be a duration such as 500ms, 30s, 10m or 1h')
  .transform((text) => {
    const [, amount, unit] = /^(\d+)(ms|s|m|h)$/.exec(text)!
    return Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]
  })

const emails = commaSeparated(
  z.email({ error: 'must be a comma-separated list of email addresses' }),
)

/** What the scaling monitor reads beside core's config, with the why of each default. */
const schema = z.object({
  // The namespace the manifests deploy to; in the cluster it comes from the pod's own.
  WATCH_NAMESPACE: z.string().min(1).default('dropmate'),
  // The broker ingress that alert events go to; unset, alerts are only logged and emailed.
  BROKER_URL: z.url({ error: 'must be a URL' }).optional(),
  // Who gets alert emails; unset, alerts are logged only and the monitor stays healthy.
  ALERT_EMAIL_TO: emails.default([]),
  // Functions scale from zero all day: an operator who only wants trouble raises this.
  ALERT_EMAIL_MIN_SEVERITY: z
    .enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` })
    .default('info'),
  // Repeats of one alert within this window are folded into one follow-up email.
  ALERT_DEDUP_WINDOW: duration.default(10 * 60_000),
  // A function's pod count crossing a multiple of this is worth telling; 1 → 2 is not.
  ALERT_SCALE_STEP: z.coerce.number().int().min(1, 'must be at least 1').default(3),
  // A rollout or a pod's restart leaves a Deployment short for seconds; longer is an outage.
  ALERT_UNAVAILABLE_GRACE: duration.default(60_000),
  // With doubling waits from ALERT_EMAIL_RETRY_DELAY, five tries span about half a minute.
  ALERT_EMAIL_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  ALERT_EMAIL_RETRY_DELAY: duration.default(2_000),
  // The first wait before watching again after the API server failed; it doubles to a minute.
  WATCH_RETRY_DELAY: duration.default(1_000),
})

export type MonitorConfig = z.infer<typeof schema>

/** Every variable loadMonitorConfig reads, for checks that the Deployment provides them. */
export const MONITOR_VARIABLES = Object.keys(schema.shape) as Array<keyof MonitorConfig>

/**
 * Parses the monitor's own variables once, at start-up, the way core's loadConfig does:
 * empty strings count as unset, and one ConfigError names every bad variable.
 *
 * @example
 * const settings = loadMonitorConfig(process.env) // { WATCH_NAMESPACE: 'dropmate', … }
 */
export function loadMonitorConfig(env: Record<string, string | undefined>): MonitorConfig {
  return parseEnvironment(schema, MONITOR_VARIABLES, env)
}
