import { z } from 'zod'
import { NOTICE_KINDS } from './receiver-notices'

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1')

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  // 0 asks the system for any free port (tests, several local instances)
  .min(0, 'must be from 0 to 65535')
  .max(65535, 'must be from 0 to 65535')

const redisUrl = z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')

/** A comma-separated list, blanks dropped, each item checked by `item`. */
export function commaSeparated<T>(item: z.ZodType<T, string>) {
  return z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item))
}

const origins = commaSeparated(z.url({ error: 'must be a comma-separated list of origins' }))

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')

// ICU's list of canonical names answers in 2 ms; a DateTimeFormat built only to check a name
// cost every process's start 14 ms and 8 MB (measured on Node 24), so only names outside
// the list (UTC, old aliases such as Asia/Calcutta) are checked that way.
const timeZone = z
  .string()
  .refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || formatsTimesIn(zone), {
    error: 'must be an IANA time zone such as Europe/Lisbon',
  })

function formatsTimesIn(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** OTEL_TRACES_SAMPLER values of the specification that need no plug-in. */
export const TRACE_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const

/** Every setting the one-process server reads, with the why of each default. */
const schema = z.object({
  PORT: port.default(8080),
  // Every interface, so drivers' phones on the shop's network can reach a laptop install.
  HOST: z.string().min(1).default('0.0.0.0'),
  // Unset means the embedded PGlite default: nothing to install.
  DATABASE_URL: postgresUrl.optional(),
  // Small on purpose: many scaled-out functions share one managed pool (REFERENCE.md).
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
  // Transaction-mode poolers (DigitalOcean's PgBouncer) lose prepared statements.
  DATABASE_PREPARE: flag.default(true),
  // Where the embedded database and generated secrets live; relative to the working dir.
  DATA_DIR: z.string().min(1).default('.dropmate'),
  MIGRATE_ON_START: flag.default(true),
  // GPS history is personal data: keep it only as long as disputes about deliveries need.
  LOCATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Knative waits up to the revision timeout; a laptop user pressing Ctrl-C should not.
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  // Unset means the in-process broker and no shared cache: nothing to install.
  REDIS_URL: redisUrl.optional(),
  // Several deployments (or test runs) can share one Redis without seeing each other's keys.
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'must be 1-64 of a-z 0-9 _ : . -')
    .default('dropmate:'),

  // Senders to the broker ingress present it as a bearer token; unset, only loopback may send.
  BROKER_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  // Prometheus presents it to scrape /metrics; unset, only this machine may.
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  // A request's count and latency in dropmate_http_* (METRICS_TOKEN guards the scrape).
  // Off skips the work, not only its output: the bench's baseline for what watching costs.
  REQUEST_METRICS: flag.default(true),
  // A request id and a W3C trace per request: the x-request-id and traceresponse headers,
  // the ids on every log line and the traceparent on events emitted. Off skips them.
  REQUEST_TRACING: flag.default(true),
  // OpenTelemetry traces by OTLP, under the specification's own variable names; with neither
  // endpoint set the SDK is never loaded. The SDK reads these itself: they are checked here so
  // a typo fails the start like any other setting.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: 'must be a URL' }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ error: 'must be a URL' }).optional(),
  // The specification's default; gRPC would add a second HTTP stack for no gain here.
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .enum(['http/protobuf', 'http/json'], { error: 'must be http/protobuf or http/json' })
    .default('http/protobuf'),
  // Unset: the process's function or role (track-shipment, broker-dispatcher, dropmate).
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_RESOURCE_ATTRIBUTES: z.string().min(1).optional(),
  // The specification's default: a request keeps its caller's decision, a new trace is kept.
  OTEL_TRACES_SAMPLER: z
    .enum(TRACE_SAMPLERS, { error: `must be one of ${TRACE_SAMPLERS.join(', ')}` })
    .default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number({ error: 'must be a ratio from 0 to 1' })
    .min(0, 'must be a ratio from 0 to 1')
    .max(1, 'must be a ratio from 0 to 1')
    .default(1),
  // Where the broker keeps Trigger YAML (a mounted ConfigMap in the cluster).
  TRIGGERS_DIR: z.string().min(1).default('knative/triggers'),

  AUTH_MODE: z.enum(['local', 'firebase'], { error: 'must be local or firebase' }).default('local'),
  // HS256 key for access tokens; unset means one generated once and kept in DATA_DIR.
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Short, because an access token cannot be revoked; refresh tokens can.
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  FIREBASE_PROJECT_ID: z.string().min(1).optional(),

  // Browser origins allowed to call the API with credentials; same-origin needs none.
  CORS_ORIGINS: origins.default([]),
  // Behind Knative's ingress the client address is in X-Forwarded-For; directly, it is not.
  TRUST_PROXY: flag.default(false),
  TRACKING_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  // Wrong passwords per client address and account before sign-in waits out the quarter hour:
  // slow for a guesser, never reached by staff who type theirs right.
  LOGIN_FAILURES_PER_15_MINUTES: z.coerce.number().int().min(1).max(100_000).default(10),

  // Unset means customer emails are logged instead of sent: the process stays healthy.
  SENDGRID_API_KEY: z.string().min(1).optional(),
  // SendGrid's own API unless set; tests point it at a local receiver.
  SENDGRID_API_URL: z.url({ error: 'must be a URL' }).optional(),
  // SendGrid refuses senders that are not verified for the account: set it in production.
  MAIL_FROM: z.email({ error: 'must be an email address' }).default('notifications@dropmate.local'),
  // Texts to receivers through Twilio's Messages API (or one that speaks it). Without an
  // account SID and token they are logged instead of sent, as emails are without SendGrid.
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-f]{32}$/i, 'must be a Twilio account SID (AC and 32 hex digits)')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  // Twilio's own API unless set; tests point it at a local receiver.
  SMS_API_URL: z
    .url({ error: 'must be a URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .default('https://api.twilio.com'),
  // The sender: a number of the account (E.164, +351…) or a Messaging Service SID (MG…).
  SMS_FROM: z
    .string()
    .regex(/^(\+[1-9]\d{6,14}|MG[0-9a-f]{32})$/i, 'must be an E.164 number or an MG… SID')
    .optional(),
  // Which notices also go by text; each costs the shop money, so the two that matter on the
  // doorstep by default. Empty: no texts.
  SMS_NOTICES: commaSeparated(
    z.enum(NOTICE_KINDS, { error: `must be notices of ${NOTICE_KINDS.join(', ')}` }),
  ).default(['on_its_way', 'arriving']),
  // Receivers' numbers are typed as people say them; without a +country code they are read
  // as numbers of this country (ISO 3166-1, PT). Unset: such numbers get no texts.
  SMS_DEFAULT_COUNTRY: z
    .string()
    .regex(/^[a-z]{2}$/i, 'must be a two-letter country code such as PT')
    .transform((code) => code.toUpperCase())
    .optional(),
  // Web push to installed driver apps (a new delivery), signed with a VAPID key pair (npx
  // web-push generate-vapid-keys). Unset: the app offers no notifications.
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{86,88}$/, 'must be a VAPID public key (base64url, 65 bytes)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{42,44}$/, 'must be a VAPID private key (base64url, 32 bytes)')
    .optional(),
  // Who push services may contact about this sender: mailto: or an https URL.
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:.+@.+|https:\/\/.+)$/, 'must be a mailto: address or an https URL')
    .default('mailto:ops@dropmate.local'),
  // Pushes go only to browsers' push services (https); tests run one of their own on loopback
  // http. Never in production: it would let a subscription point the server anywhere.
  WEB_PUSH_ANY_SERVICE: flag.default(false),
  // Where customers open tracking links from emails; the address `npm start` serves on.
  PUBLIC_URL: z
    .url({ error: 'must be a URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .default('http://localhost:8080'),
  // Emails give times by the shop's clock (an IANA name); UTC unless set, as a container's
  // own zone says nothing about where the shop is.
  SHOP_TIME_ZONE: timeZone.default('UTC'),

  // A Nominatim (or Photon) server for address search; unset, addresses are picked on the map
  // or typed as coordinates, and only the shop's known places are suggested.
  GEOCODER_URL: z
    .url({ error: 'must be a URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  // Which API GEOCODER_URL speaks: Nominatim's /search (jsonv2) or Photon's /api (GeoJSON).
  GEOCODER_API: z
    .enum(['nominatim', 'photon'], { error: 'must be nominatim or photon' })
    .default('nominatim'),
  // Nominatim searches the world unless told where the shop delivers (ISO 3166-1 codes, pt,es):
  // a Lisbon shop typing "Rua Augusta" wants Lisbon's, not São Paulo's. Photon ignores it.
  GEOCODER_COUNTRY_CODES: commaSeparated(
    z.string().regex(/^[a-z]{2}$/i, 'must be two-letter country codes such as pt,es'),
  ).default([]),
  // The public Nominatim refuses stock user agents: name the deployment and a contact.
  // Unset: "DropMate (PUBLIC_URL)".
  GEOCODER_USER_AGENT: z.string().min(1).max(200).optional(),
  // The public Nominatim allows one request a second per application; a self-hosted one can
  // take more (0: no spacing nor queue).
  GEOCODER_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  // A suggestion later than this is no use to someone typing.
  GEOCODER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  // Streets rarely move; Nominatim's policy asks clients to cache what they were answered.
  GEOCODER_CACHE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // An OSRM-compatible routing service (its table and route services) for road distances
  // and lines in drivers' stop order; unset, straight lines: nothing to install.
  ROUTING_URL: z
    .url({ error: 'must be a URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  // An S3-compatible store for proof-of-delivery files (DigitalOcean Spaces in the cluster);
  // unset, they go to DATA_DIR behind the product's own small S3 endpoint: nothing to install.
  OBJECT_STORAGE_URL: z
    .url({ error: 'must be a URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  OBJECT_STORAGE_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
    .default('dropmate-proofs'),
  // Spaces signs with us-east-1 whatever the datacenter; the endpoint says where it is.
  OBJECT_STORAGE_REGION: z.string().min(1).default('us-east-1'),
  OBJECT_STORAGE_ACCESS_KEY_ID: z.string().min(1).optional(),
  OBJECT_STORAGE_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // Signed links to proof files: long enough to upload a photo on a slow phone network or
  // open one, short enough that a link copied out of a page is soon worthless.
  PROOF_LINK_TTL_SECONDS: z.coerce.number().int().min(10).max(3_600).default(300),
  // Photos and signatures are personal data: kept as long as a "never came" dispute can take.
  PROOF_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),

  // Outbound webhooks go to the internet only: an endpoint on a private, loopback or
  // link-local address could reach this cluster's own services (SSRF). A self-hosted receiver
  // on the shop's network, or a test, turns this on.
  WEBHOOKS_ALLOW_PRIVATE: flag.default(false),
  // Signed bodies still travel in the clear over http: only for a receiver on this machine.
  WEBHOOKS_ALLOW_HTTP: flag.default(false),
  // Seals endpoint secrets at rest (AES-256-GCM, keyed by its SHA-256). Unset, secrets are
  // stored as issued, as signing needs them readable.
  WEBHOOKS_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
})

export type Config = z.infer<typeof schema>

/** Whether spans are exported: an OTLP endpoint is set (OTEL_EXPORTER_OTLP_*ENDPOINT). */
export function exportsTraces(config: Config): boolean {
  return Boolean(config.OTEL_EXPORTER_OTLP_ENDPOINT ?? config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
}

/** Every variable loadConfig reads, for checks that deployments provide what they need. */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as Array<keyof Config>

/** Variables whose values must never be echoed back in an error message. */
const SECRET = new Set([
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'BROKER_TOKEN',
  'METRICS_TOKEN',
  'SENDGRID_API_KEY',
  'TWILIO_AUTH_TOKEN',
  'VAPID_PRIVATE_KEY',
  'OBJECT_STORAGE_SECRET_ACCESS_KEY',
  'WEBHOOKS_SECRET_KEY',
])

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Parses the environment once, at start-up. Empty strings count as unset, so `PORT=` in a
 * .env file falls back to the default instead of failing.
 *
 * @example
 * const config = loadConfig(process.env) // throws ConfigError naming each bad variable
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const checked = schema
    .refine((config) => config.AUTH_MODE !== 'firebase' || config.FIREBASE_PROJECT_ID, {
      path: ['FIREBASE_PROJECT_ID'],
      message: 'must be set when AUTH_MODE is firebase',
    })
    .refine(
      (config) =>
        !config.OBJECT_STORAGE_URL ||
        (config.OBJECT_STORAGE_ACCESS_KEY_ID && config.OBJECT_STORAGE_SECRET_ACCESS_KEY),
      {
        path: ['OBJECT_STORAGE_ACCESS_KEY_ID'],
        message: 'and OBJECT_STORAGE_SECRET_ACCESS_KEY must be set when OBJECT_STORAGE_URL is',
      },
    )
  return parseEnvironment(checked, CONFIG_VARIABLES, env)
}

/**
 * Reads `variables` from the environment with `schema`, as every DropMate process reads its
 * settings: empty strings count as unset, and one ConfigError names every bad variable with
 * the value it had (secrets' values left out).
 *
 * @example
 * const settings = parseEnvironment(monitorSchema, Object.keys(monitorSchema.shape), process.env)
 */
export function parseEnvironment<T>(
  schema: z.ZodType<T>,
  variables: readonly string[],
  env: Record<string, string | undefined>,
): T {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => variables.includes(key) && value !== ''),
  )
  // Zod's fast path compiles code for a schema, which pays off from its second parse; this
  // one parses once per process (jitless: 2.6 ms less of every start, measured on Node 24).
  const result = schema.safeParse(present, { jitless: true })
  if (result.success) return result.data
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0])
    const shown = SECRET.has(name) ? '' : ` (got ${JSON.stringify(present[name])})`
    return `  ${name} ${issue.message}${shown}`
  })
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
}
