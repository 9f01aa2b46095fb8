import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseAllDocuments, stringify } from 'yaml'
import { ROOT } from '../bench/child'

const TRIGGERS = join(ROOT, 'knative/triggers')

// What the suite's own subscriber hears: every shipment event a user or an email depends on.
const OBSERVED = {
  'chaos-shipment-created': EVENT_TYPES.shipmentCreated,
  'chaos-shipment-status': EVENT_TYPES.shipmentStatusChanged,
  'chaos-shipment-assigned': EVENT_TYPES.shipmentAssigned,
  'chaos-shipment-arriving': EVENT_TYPES.shipmentArriving,
}

interface TriggerManifest {
  kind?: string
  metadata: { name: string }
  spec: { subscriber: { ref?: { name: string }; uri?: string } }
}

/**
 * The deployed Triggers (knative/triggers) with each subscriber ref replaced by the loopback
 * origin of the process that plays that Service, plus one Trigger per observed event type to
 * `sinkUrl`, written to a directory for TRIGGERS_DIR. Delivery settings stay as deployed.
 */
export async function writeTriggers(
  origins: Record<string, string>,
  sinkUrl: string,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dropmate-chaos-triggers-'))
  const files = (await readdir(TRIGGERS)).filter(
    (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
  )
  for (const file of files) {
    const documents = parseAllDocuments(await readFile(join(TRIGGERS, file), 'utf8'))
    const triggers = documents
      .map((document) => document.toJS() as TriggerManifest)
      .filter((manifest) => manifest?.kind === 'Trigger')
      .map((manifest) => withOrigin(manifest, origins))
    await writeFile(join(dir, file), triggers.map((t) => stringify(t)).join('---\n'))
  }
  const observers = Object.entries(OBSERVED).map(([name, type]) => observer(name, type, sinkUrl))
  await writeFile(
    join(dir, 'chaos-observer.yaml'),
    observers.map((t) => stringify(t)).join('---\n'),
  )
  return dir
}

function withOrigin(manifest: TriggerManifest, origins: Record<string, string>) {
  const { ref, uri = '/' } = manifest.spec.subscriber
  if (!ref) return manifest
  const origin = origins[ref.name]
  if (!origin) throw new Error(`no process plays ${ref.name} (trigger ${manifest.metadata.name})`)
  return { ...manifest, spec: { ...manifest.spec, subscriber: { uri: new URL(uri, origin).href } } }
}

function observer(name: string, type: string, sinkUrl: string) {
  return {
    apiVersion: 'eventing.knative.dev/v1',
    kind: 'Trigger',
    metadata: { name },
    spec: {
      broker: 'default',
      filter: { attributes: { type } },
      subscriber: { uri: sinkUrl },
      // The stock retries, as the deployed Triggers for shipment events have.
      delivery: {
        retry: 10,
        backoffPolicy: 'exponential',
        backoffDelay: 'PT0.2S',
        timeout: 'PT10S',
      },
    },
  }
}
