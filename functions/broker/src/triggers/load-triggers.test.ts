import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadTriggers, parseTriggers, TriggerConfigError } from './load-triggers'

const FILE = 'knative/triggers/notify.yaml'

/** A valid Trigger document, with `spec` lines replaced or added by the test. */
function manifest(name: string, spec = 'subscriber:\n    uri: http://notify.test/') {
  return `apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: ${name}
spec:
  broker: default
  ${spec}
`
}

function errorOf(spec: string, name = 'notify-status'): string {
  try {
    parseTriggers(manifest(name, spec), FILE)
  } catch (error) {
    expect(error).toBeInstanceOf(TriggerConfigError)
    return (error as Error).message
  }
  throw new Error('expected the manifest to be rejected')
}

describe('parseTriggers', () => {
  it('reads every Trigger of a multi-document file and skips other kinds', () => {
    const text = `${manifest('notify-status')}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: not-a-trigger
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: realtime-status
  namespace: dropmate
spec:
  broker: default
  filter:
    attributes:
      type: com.dropmate.shipment.status_changed.v1
      tenant: ""
  subscriber:
    ref:
      apiVersion: serving.knative.dev/v1
      kind: Service
      name: realtime
    uri: /events
  delivery:
    retry: 5
    backoffPolicy: linear
    backoffDelay: PT0.5S
    timeout: PT10S
    deadLetterSink:
      uri: http://dead-letters.test/
---
`
    const triggers = parseTriggers(text, FILE)
    expect(triggers.map((t) => t.name)).toEqual(['notify-status', 'realtime-status'])
    expect(triggers[1]).toEqual({
      name: 'realtime-status',
      namespace: 'dropmate',
      broker: 'default',
      filter: { type: 'com.dropmate.shipment.status_changed.v1', tenant: '' },
      subscriber: {
        ref: {
          apiVersion: 'serving.knative.dev/v1',
          kind: 'Service',
          name: 'realtime',
          namespace: 'dropmate',
        },
        uri: '/events',
      },
      delivery: {
        retry: 5,
        backoffPolicy: 'linear',
        backoffDelayMs: 500,
        timeoutMs: 10_000,
        deadLetterSink: { uri: 'http://dead-letters.test/' },
      },
    })
  })

  it('fills in the defaults of a Trigger that says only where to deliver', () => {
    const [trigger] = parseTriggers(manifest('notify-status'), FILE)
    expect(trigger).toEqual({
      name: 'notify-status',
      broker: 'default',
      filter: {},
      subscriber: { uri: 'http://notify.test/' },
      delivery: { retry: 10, backoffPolicy: 'exponential', backoffDelayMs: 200 },
    })
  })

  it('treats an empty filter or delivery like an absent one', () => {
    const spec = 'filter:\n  delivery:\n  subscriber:\n    uri: http://notify.test/'
    const [trigger] = parseTriggers(manifest('notify-status', spec), FILE)
    expect(trigger?.filter).toEqual({})
    expect(trigger?.delivery.retry).toBe(10)
  })

  it('leaves a ref namespace unset when the Trigger names none, for the resolver to default', () => {
    const spec =
      'subscriber:\n    ref:\n      apiVersion: v1\n      kind: Service\n      name: notify'
    const [trigger] = parseTriggers(manifest('notify-status', spec), FILE)
    expect(trigger?.subscriber.ref).toEqual({ apiVersion: 'v1', kind: 'Service', name: 'notify' })
  })

  it('returns nothing for an empty file or one without Triggers', () => {
    expect(parseTriggers('', FILE)).toEqual([])
    expect(parseTriggers('# nothing yet\n---\n', FILE)).toEqual([])
    expect(parseTriggers('apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n', FILE)).toEqual([])
  })

  it('names the file, the trigger and the field of an invalid backoff policy', () => {
    expect(
      errorOf('subscriber:\n    uri: http://n.test/\n  delivery:\n    backoffPolicy: fast'),
    ).toBe(
      `${FILE}: trigger "notify-status": spec.delivery.backoffPolicy must be linear or exponential`,
    )
  })

  it('refuses a negative, fractional or quoted retry count', () => {
    for (const retry of ['-1', '1.5', '"3"']) {
      expect(
        errorOf(`subscriber:\n    uri: http://n.test/\n  delivery:\n    retry: ${retry}`),
      ).toMatch(/spec\.delivery\.retry must be a whole number ≥ 0$/)
    }
  })

  it('refuses a backoff delay that is not a fixed-length ISO 8601 duration', () => {
    const message = errorOf(
      'subscriber:\n    uri: http://n.test/\n  delivery:\n    backoffDelay: P1M',
    )
    expect(message).toMatch(/spec\.delivery\.backoffDelay is invalid: "P1M" .*no fixed length/)
    expect(
      errorOf('subscriber:\n    uri: http://n.test/\n  delivery:\n    backoffDelay: 500ms'),
    ).toMatch(/spec\.delivery\.backoffDelay is invalid: "500ms" is not an ISO 8601 duration/)
  })

  it('refuses a zero or malformed timeout', () => {
    const spec = (timeout: string) =>
      `subscriber:\n    uri: http://n.test/\n  delivery:\n    timeout: ${timeout}`
    expect(errorOf(spec('PT0S'))).toMatch(/spec\.delivery\.timeout must be greater than 0$/)
    expect(errorOf(spec('PT'))).toMatch(/spec\.delivery\.timeout is invalid/)
  })

  it('refuses a Trigger without a broker, as the Knative webhook does', () => {
    const text = manifest('notify-status').replace('  broker: default\n', '')
    expect(() => parseTriggers(text, FILE)).toThrow(
      `${FILE}: trigger "notify-status": spec.broker is required`,
    )
  })

  it('refuses a Trigger without a subscriber, or a subscriber without ref and uri', () => {
    expect(errorOf('filter: {}')).toMatch(/: spec\.subscriber is required$/)
    expect(errorOf('subscriber: {}')).toMatch(/: spec\.subscriber needs a ref or a uri$/)
  })

  it('refuses a relative uri without a ref and an absolute uri next to a ref', () => {
    expect(errorOf('subscriber:\n    uri: /events')).toMatch(
      /spec\.subscriber\.uri must be an absolute http\(s\) URL when there is no ref$/,
    )
    const both =
      'subscriber:\n    ref: {apiVersion: v1, kind: Service, name: n}\n    uri: http://x/'
    expect(errorOf(both)).toMatch(/spec\.subscriber\.uri must be relative when a ref is given$/)
  })

  it('refuses an incomplete ref', () => {
    const spec = 'subscriber:\n    ref: {apiVersion: v1, name: notify}'
    expect(errorOf(spec)).toMatch(/spec\.subscriber\.ref\.kind is required$/)
  })

  it('checks the dead letter sink as a destination too', () => {
    const spec =
      'subscriber:\n    uri: http://n.test/\n  delivery:\n    deadLetterSink:\n      uri: dead'
    expect(errorOf(spec)).toMatch(/spec\.delivery\.deadLetterSink\.uri must be an absolute/)
  })

  it('refuses filter values that YAML reads as numbers or booleans', () => {
    const spec =
      'filter:\n    attributes:\n      attempt: 2\n  subscriber:\n    uri: http://n.test/'
    expect(errorOf(spec)).toMatch(/spec\.filter\.attributes\.attempt must be a string \(quote/)
  })

  it('refuses filter keys that are not CloudEvents attribute names', () => {
    const spec = 'filter:\n    attributes:\n      Type: x\n  subscriber:\n    uri: http://n.test/'
    expect(errorOf(spec)).toMatch(/spec\.filter\.attributes\.Type is not a CloudEvents attribute/)
  })

  it('refuses fields the broker would otherwise ignore silently', () => {
    const filters = 'filters:\n    - exact: {type: x}\n  subscriber:\n    uri: http://n.test/'
    expect(errorOf(filters)).toMatch(/: spec\.filters is not a field this broker honours$/)
    const typo = 'subscriber:\n    uri: http://n.test/\n  delivery:\n    backofDelay: PT1S'
    expect(errorOf(typo)).toMatch(/spec\.delivery\.backofDelay is not a field this broker honours/)
  })

  it('lists every problem of one Trigger at once', () => {
    const spec =
      'subscriber:\n    uri: http://n.test/\n  delivery:\n    retry: -1\n    backoffPolicy: x'
    expect(errorOf(spec)).toMatch(/spec\.delivery\.retry .*; spec\.delivery\.backoffPolicy /)
  })

  it('names a Trigger without a name by its place in the file', () => {
    const text = manifest('notify-status').replace('  name: notify-status\n', '  labels: {}\n')
    expect(() => parseTriggers(text, FILE)).toThrow(
      `${FILE}: trigger #1 (no metadata.name): metadata.name is required`,
    )
  })

  it('refuses names Kubernetes would refuse', () => {
    expect(errorOf('subscriber:\n    uri: http://n.test/', 'Notify_Status')).toMatch(
      /metadata\.name must be a lowercase DNS-1123 name$/,
    )
  })

  it('refuses a Trigger of another API version instead of skipping it', () => {
    const text = manifest('notify-status').replace('/v1', '/v1beta1')
    expect(() => parseTriggers(text, FILE)).toThrow(
      `${FILE}: trigger "notify-status": apiVersion "eventing.knative.dev/v1beta1" is not eventing.knative.dev/v1`,
    )
  })

  it('reports YAML syntax errors with the file name', () => {
    expect(() => parseTriggers('spec: [unclosed', FILE)).toThrow(
      /^knative\/triggers\/notify\.yaml: invalid YAML/,
    )
  })
})

describe('loadTriggers', () => {
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'triggers-'))
  })

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads .yaml and .yml files in name order and nothing else', async () => {
    await writeFile(join(dir, 'b.yml'), manifest('second'))
    await writeFile(join(dir, 'a.yaml'), manifest('first'))
    await writeFile(join(dir, 'README.md'), manifest('not-yaml'))
    await writeFile(join(dir, 'c.yaml.bak'), manifest('backup'))
    await mkdir(join(dir, 'nested.yaml'))
    await mkdir(join(dir, 'sub'))
    await writeFile(join(dir, 'sub', 'deep.yaml'), manifest('nested'))
    expect((await loadTriggers(dir)).map((t) => t.name)).toEqual(['first', 'second'])
  })

  it('follows the symlinks a ConfigMap volume mounts its keys as', async () => {
    await mkdir(join(dir, '..2026_11_24'))
    await writeFile(join(dir, '..2026_11_24', 'notify.yaml'), manifest('notify-status'))
    await symlink('..2026_11_24', join(dir, '..data'))
    await symlink(join('..data', 'notify.yaml'), join(dir, 'notify.yaml'))
    expect((await loadTriggers(dir)).map((t) => t.name)).toEqual(['notify-status'])
  })

  it('refuses the same Trigger name in two files, naming both', async () => {
    await writeFile(join(dir, 'a.yaml'), manifest('notify-status'))
    await writeFile(join(dir, 'b.yaml'), manifest('notify-status'))
    await expect(loadTriggers(dir)).rejects.toThrow(
      `${join(dir, 'b.yaml')}: trigger "notify-status" is defined also in ${join(dir, 'a.yaml')}`,
    )
  })

  it('refuses the same Trigger name twice in one file', async () => {
    await writeFile(
      join(dir, 'a.yaml'),
      `${manifest('notify-status')}---\n${manifest('notify-status')}`,
    )
    await expect(loadTriggers(dir)).rejects.toThrow(/"notify-status" is defined twice in this file/)
  })

  it('names the file of an invalid Trigger by the path it was read from', async () => {
    await writeFile(join(dir, 'notify.yaml'), manifest('notify-status', 'filter: {}'))
    await expect(loadTriggers(dir)).rejects.toThrow(
      `${join(dir, 'notify.yaml')}: trigger "notify-status": spec.subscriber is required`,
    )
  })

  it('returns an empty table for an empty or missing directory', async () => {
    expect(await loadTriggers(dir)).toEqual([])
    expect(await loadTriggers(join(dir, 'missing'))).toEqual([])
  })
})
