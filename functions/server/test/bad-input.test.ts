import { startFakeGeocoder, type FakeGeocoder } from '@dropmate/geocoding/testing'
import { startTestApi, type SignedIn, type TestApi } from '@dropmate/kit/testing'
import type { Role } from '@dropmate/core'
import { createECDH, randomBytes, randomUUID } from 'node:crypto'
import webpush from 'web-push'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FUNCTIONS } from '../src/functions'
import type { OpenApiDocument } from '../src/openapi-document'
import { operationsOf } from '../src/openapi-document'
import {
  BAD_NUMBERS,
  BAD_STRINGS,
  BAD_URL_TEXT,
  fieldsOf,
  NEW_KEY,
  withValueAt,
  type Field,
  type JsonSchema,
} from './bad-input'

// What no schema check may let through to PostgreSQL, Redis or a handler, sent to every
// field of every operation the served document describes, as a caller allowed to call it.
// The bar: never a 5xx, every 4xx a problem, and the server serving afterwards.

let api: TestApi
let geocoder: FakeGeocoder
let document: OpenApiDocument
const people = {} as Record<Role, SignedIn>
let shipment: { id: string; trackingNumber: string }

beforeAll(async () => {
  // A well-formed address query reaches the geocoder, which finds nothing.
  geocoder = await startFakeGeocoder()
  api = await startTestApi(
    (deps) => FUNCTIONS.map((fn) => fn.app(deps)),
    // Every bad request is a request: limits must not turn the sweep into a test of 429s.
    {
      TRACKING_RATE_LIMIT_PER_MINUTE: '100000',
      LOGIN_FAILURES_PER_15_MINUTES: '100000',
      GEOCODER_URL: geocoder.url,
      GEOCODER_INTERVAL_MS: '0',
      // Drivers' push subscriptions are taken, as in a shop with a VAPID key pair.
      VAPID_PUBLIC_KEY: VAPID.publicKey,
      VAPID_PRIVATE_KEY: VAPID.privateKey,
      // Webhook URLs are taken without a DNS lookup: the sweep runs offline.
      WEBHOOKS_ALLOW_PRIVATE: 'true',
    },
  )
  for (const role of ['admin', 'dispatcher', 'driver', 'customer'] as const) {
    people[role] = await api.signIn(role)
  }
  const created = await api.request('POST', '/api/shipments', {
    token: people.dispatcher.token,
    body: validBodies(randomUUID()).createShipment,
  })
  expect(created.status).toBe(201)
  shipment = created.body
  document = (await api.request('GET', '/api/openapi.json')).body
})

afterAll(async () => {
  await api?.close()
  await geocoder?.close()
})

const party = (name: string) => ({
  name,
  phone: '+351 910 000 001',
  email: 'someone@example.com',
  address: 'Rua Augusta 1, Lisboa',
  lat: 38.71,
  lng: -9.14,
})

/** A request body each operation accepts, from which one field at a time is spoilt. */
const VAPID = webpush.generateVAPIDKeys()
const PUSH_ENDPOINT = 'https://fcm.googleapis.com/fcm/send/dropmate-bad-input'

function validBodies(driverId: string | null): Record<string, unknown> {
  const now = new Date().toISOString()
  const ping = {
    specversion: '1.0',
    id: randomUUID(),
    source: '/drivers/phone',
    type: 'com.dropmate.driver.location.v1',
    subject: driverId,
    time: now,
    datacontenttype: 'application/json',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    data: { lat: 38.71, lng: -9.14, accuracyM: 8, speedMps: 4, headingDeg: 90 },
  }
  return {
    login: { email: 'someone@example.com', password: 'a password' },
    refreshToken: { refreshToken: 'a-refresh-token' },
    logout: { refreshToken: 'a-refresh-token' },
    createUser: {
      email: `new-${randomUUID()}@example.com`,
      name: 'Nova Pessoa',
      phone: '+351 910 000 002',
      role: 'dispatcher',
      password: 'a long password',
    },
    createShipment: {
      reference: 'ORDER-1',
      sender: party('Padaria Estrela'),
      receiver: party('Maria Almeida'),
      package: { weightKg: 1.5, description: 'Bread', details: { fragile: true, note: 'x' } },
      customerId: people.customer.userId,
    },
    editShipment: {
      receiver: party('Maria Sousa'),
      notes: 'Ring twice',
      deliveryWindow: { from: now, to: new Date(Date.now() + 2 * 3_600_000).toISOString() },
    },
    changeShipmentStatus: {
      status: 'failed',
      reason: 'nobody home',
      note: 'rang twice',
      position: { lat: 38.71, lng: -9.14 },
    },
    assignShipment: { driverId: people.driver.driverId },
    requestProofUploads: { files: [{ kind: 'photo', contentType: 'image/jpeg', size: 1000 }] },
    // The first call, for the shipment itself, comes before there is one.
    printLabelsForSelection: { ids: [shipment?.id ?? randomUUID()], size: '4x6' },
    createDriver: {
      email: `driver-${randomUUID()}@example.com`,
      name: 'Novo Estafeta',
      phone: '+351 910 000 003',
      vehicleType: 'scooter',
      vehiclePlate: 'AA-00-AA',
      password: 'a long password',
    },
    updateDriver: { dutyStatus: 'available', vehicleType: 'car', vehiclePlate: 'BB-11-BB' },
    updateUser: { role: 'dispatcher', disabled: false },
    pushSubscriptionsSave: {
      endpoint: PUSH_ENDPOINT,
      expirationTime: null,
      keys: {
        p256dh: createECDH('prime256v1').generateKeys().toString('base64url'),
        auth: randomBytes(16).toString('base64url'),
      },
    },
    pushSubscriptionsRemove: { endpoint: PUSH_ENDPOINT },
    resetPassword: { password: 'a new long password' },
    createWebhook: WEBHOOK,
    updateWebhook: WEBHOOK,
    'ingestLocations application/cloudevents+json': ping,
    'ingestLocations application/cloudevents-batch+json': [ping],
  }
}

const WEBHOOK = {
  url: 'https://hooks.example.com/dropmate',
  eventTypes: ['com.dropmate.shipment.created.v1'],
  description: 'Shop ERP',
  enabled: true,
}

/** Who may call each operation: validation is reached only past its role check. */
const CALLER: Record<string, Role | null> = {
  login: null,
  refreshToken: null,
  logout: null,
  me: 'customer',
  createUser: 'admin',
  updateUser: 'admin',
  listUsers: 'admin',
  getUser: 'admin',
  resetPassword: 'admin',
  listAudit: 'admin',
  trackShipment: null,
  unsubscribeNotifications: null,
  unsubscribeNotificationsPage: null,
  listShipments: 'dispatcher',
  exportShipments: 'dispatcher',
  createShipment: 'dispatcher',
  importShipments: 'dispatcher',
  importShipmentsTemplate: 'dispatcher',
  getShipment: 'dispatcher',
  editShipment: 'dispatcher',
  cancelShipment: 'dispatcher',
  changeShipmentStatus: 'dispatcher',
  assignShipment: 'dispatcher',
  claimShipment: 'driver',
  requestProofUploads: 'driver',
  getShipmentProof: 'dispatcher',
  trackShipmentProof: null,
  shipmentEvents: 'dispatcher',
  shipmentLocation: 'dispatcher',
  printLabelsForShipment: 'dispatcher',
  printLabelsForSelection: 'dispatcher',
  listDrivers: 'dispatcher',
  createDriver: 'dispatcher',
  updateDriver: 'dispatcher',
  nearbyDrivers: 'dispatcher',
  driverPositions: 'dispatcher',
  driverRoute: 'dispatcher',
  ingestLocations: 'driver',
  pushSubscriptionsSave: 'driver',
  pushSubscriptionsRemove: 'driver',
  searchAddresses: 'dispatcher',
  reverseGeocode: 'dispatcher',
  analyticsReportsSummary: 'dispatcher',
  analyticsReportsFailures: 'dispatcher',
  analyticsReportsDrivers: 'dispatcher',
  analyticsReportsVolume: 'dispatcher',
  exportAnalyticsSummary: 'dispatcher',
  exportAnalyticsFailures: 'dispatcher',
  exportAnalyticsDrivers: 'dispatcher',
  exportAnalyticsVolume: 'dispatcher',
  listWebhooks: 'admin',
  createWebhook: 'admin',
  getWebhook: 'admin',
  updateWebhook: 'admin',
  deleteWebhook: 'admin',
  rotateWebhookSecret: 'admin',
  listWebhookDeliveries: 'admin',
  replayWebhookDelivery: 'admin',
}

/** Headers some operations require, so that the body is what is refused. */
const REQUIRED_HEADERS: Record<string, Record<string, string>> = {
  // Any version: the sweep's edits follow one another on one shipment.
  editShipment: { 'if-match': '*' },
}

/** Valid values for the query parameters some operations require. */
const REQUIRED_QUERY: Record<string, Record<string, string>> = {
  cancelShipment: { reason: 'asked to' },
  nearbyDrivers: { lat: '38.71', lng: '-9.14' },
  searchAddresses: { q: 'Rua Augusta' },
  reverseGeocode: { lat: '38.71', lng: '-9.14' },
}

/** A valid value for each path parameter, so that only the spoilt one is wrong. */
const pathValue = (name: string, path: string) => {
  if (name === 'trackingNumber') return shipment.trackingNumber
  return path.startsWith('/api/drivers') ? people.driver.driverId! : shipment.id
}

interface Sent {
  what: string
  /** The name a refusal must give, when the text rule is what refuses it. */
  ruled?: string
  method: string
  url: string
  headers: Record<string, string>
  body?: string
}

interface Operation {
  operationId: string
  parameters?: Array<{ name: string; in: string }>
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
}

/** What a field is called in a problem: a batch index or a free-form key is no name. */
const nameOf = (field: Field) => {
  const named = field.path.filter((step) => !/^\d+$/.test(step) && step !== NEW_KEY)
  return named.at(-1) ?? 'body'
}

/** Every spoilt request for one operation: each parameter and each body field in turn. */
function badRequests(method: string, path: string, operation: Operation): Sent[] {
  const caller = CALLER[operation.operationId]
  const headers: Record<string, string> = {
    ...(caller && { authorization: `Bearer ${people[caller].token}` }),
    ...REQUIRED_HEADERS[operation.operationId],
  }
  // HTTP carries no NUL in a header, nor any lone surrogate; the idempotency key's pattern
  // refuses the rest.
  const parameters = (operation.parameters ?? []).filter((p) => p.in !== 'header')
  const url = (spoil?: { name: string; text: string }) => {
    const resolved = path.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === spoil?.name ? spoil.text : encodeURIComponent(pathValue(name, path)),
    )
    const query = Object.entries(REQUIRED_QUERY[operation.operationId] ?? {})
      .filter(([name]) => name !== spoil?.name)
      .map(([name, value]) => `${name}=${value}`)
    const spoilt = parameters.some((p) => p.in === 'query' && p.name === spoil?.name)
    if (spoilt) query.push(`${spoil!.name}=${spoil!.text}`)
    return query.length > 0 ? `${resolved}?${query.join('&')}` : resolved
  }
  const sent: Sent[] = []
  for (const parameter of parameters) {
    for (const bad of BAD_URL_TEXT) {
      sent.push({
        what: `${parameter.in} ${parameter.name}: ${bad.label}`,
        ruled: bad.ruled ? parameter.name : undefined,
        method,
        url: url({ name: parameter.name, text: bad.value }),
        headers,
      })
    }
  }
  const bodies = Object.entries(operation.requestBody?.content ?? {})
  // A CSV upload has no fields to spoil one by one: the import's own tests send it bad files.
  for (const [type, { schema }] of bodies.filter(([type]) => type.includes('json'))) {
    const key = bodies.length > 1 ? `${operation.operationId} ${type}` : operation.operationId
    const valid = validBodies(people.driver.driverId)[key]
    if (valid === undefined) throw new Error(`no valid body for ${key}: add one to the sweep`)
    for (const field of fieldsOf(schema, document)) {
      const bads = field.type === 'number' ? BAD_NUMBERS : BAD_STRINGS
      for (const bad of bads) {
        sent.push({
          what: `body ${field.path.join('.')} ${field.type === 'key' ? 'key ' : ''}(${type}): ${bad.label}`,
          ruled: bad.ruled ? nameOf(field) : undefined,
          method,
          url: url(),
          headers: { ...headers, 'content-type': type },
          body: withValueAt(valid, field, bad.value),
        })
      }
    }
  }
  return sent
}

/**
 * A ping in binary content mode (CloudEvents HTTP binding §3.1) with each ce-* attribute
 * spoilt in turn: header values are percent-decoded, so a NUL arrives this way too.
 */
function badBinaryPings(): Sent[] {
  const { data, datacontenttype, ...attributes } = validBodies(people.driver.driverId)[
    'ingestLocations application/cloudevents+json'
  ] as Record<string, unknown>
  const headersWith = (spoilt: string, value: string) => ({
    authorization: `Bearer ${people.driver.token}`,
    'content-type': String(datacontenttype),
    ...Object.fromEntries(
      Object.entries(attributes).map(([name, valid]) => [
        `ce-${name}`,
        name === spoilt ? value : String(valid),
      ]),
    ),
  })
  return Object.keys(attributes).flatMap((name) =>
    BAD_URL_TEXT.map((bad) => ({
      what: `header ce-${name} (binary mode): ${bad.label}`,
      ruled: bad.ruled ? name : undefined,
      method: 'POST',
      url: '/api/locations',
      headers: headersWith(name, bad.value),
      body: JSON.stringify(data),
    })),
  )
}

interface Answer {
  what: string
  ruled?: string
  status: number
  type: string
  problem: string
}

async function send(request: Sent): Promise<Answer> {
  const response = await fetch(api.url + request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  })
  return {
    what: `${request.method} ${request.url.split('?')[0]!.slice(0, 60)} ${request.what}`,
    ruled: request.ruled,
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    problem: await response.text(),
  }
}

/**
 * Whether a problem names `field`, in its detail or in the fields of its errors; `body`
 * stands for a body refused whole (an attribute name that is no name).
 */
const names = (answer: Answer, field: string) => {
  if (field === 'body') return true
  const { detail = '', errors = [] } = JSON.parse(answer.problem) as {
    detail?: string
    errors?: Array<{ field: string }>
  }
  const said = [detail, ...errors.map((error) => error.field)]
  return said.some((text) => new RegExp(`\\b${field}\\b`).test(text))
}

describe('bad input, to every field of every operation in the document', () => {
  it('starts from a body each operation takes, so that one spoilt field is all that is wrong', async () => {
    const bodies = validBodies(people.driver.driverId)
    for (const { method, path, operation } of operationsOf(document)) {
      const { operationId, requestBody } = operation as unknown as Operation
      for (const type of Object.keys(requestBody?.content ?? {}).filter((t) =>
        t.includes('json'),
      )) {
        const key =
          Object.keys(requestBody!.content).length > 1 ? `${operationId} ${type}` : operationId
        const caller = CALLER[operationId]
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => pathValue(name, path))
        const response = await fetch(api.url + url, {
          method: method.toUpperCase(),
          headers: {
            'content-type': type,
            ...(caller ? { authorization: `Bearer ${people[caller].token}` } : {}),
          },
          body: JSON.stringify(bodies[key]),
        })
        const problem = response.status === 400 ? await response.json() : {}
        expect([key, problem]).toEqual([key, {}])
      }
    }
  })

  it('never gets a 5xx, gets a problem for every 4xx, and the server serves on', async () => {
    const requests = [
      ...operationsOf(document).flatMap(({ method, path, operation }) =>
        badRequests(method.toUpperCase(), path, operation as unknown as Operation),
      ),
      ...badBinaryPings(),
    ]
    const answers: Answer[] = []
    // A few at a time: the point is every field, not load.
    for (let i = 0; i < requests.length; i += 8) {
      answers.push(...(await Promise.all(requests.slice(i, i + 8).map(send))))
    }

    const line = (a: Answer) => `${a.status} ${a.what}`
    expect(answers.filter((a) => a.status >= 500).map(line)).toEqual([])
    expect(
      answers
        .filter((a) => a.status >= 400 && !a.type.startsWith('application/problem+json'))
        .map((a) => `${line(a)} (${a.type})`),
    ).toEqual([])
    // NUL and lone surrogates: refused by the text rule, whatever else is wrong or right.
    expect(
      answers.filter((a) => a.ruled && (a.status !== 400 || !names(a, a.ruled))).map(line),
    ).toEqual([])
    // The caller may call every operation, so validation was reached; only a well-formed
    // subject that is not the driver's own id is someone else's location.
    expect(
      answers
        .filter((a) => a.status === 403 && !(a.what.includes('subject') && !a.ruled))
        .map(line),
    ).toEqual([])
    expect(requests.length).toBeGreaterThan(500)

    const after = await api.request('GET', '/api/shipments', { token: people.dispatcher.token })
    expect(after.status).toBe(200)
  }, 120_000)
})
