import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import type { z } from 'zod'
import type { Trigger } from './trigger'
import { triggerManifest } from './trigger-schema'

const API_VERSION = 'eventing.knative.dev/v1'

/** A Trigger manifest the broker cannot route by; the message names file, trigger and field. */
export class TriggerConfigError extends Error {
  override name = 'TriggerConfigError'
}

/**
 * Every Trigger in the `*.yaml` / `*.yml` files directly inside `dir`: the routing table that
 * the cluster applies and the dispatcher reads, so both route alike. Other kinds in the same
 * files are skipped. A missing or empty directory is an empty table.
 */
export async function loadTriggers(dir: string): Promise<Trigger[]> {
  const files = await yamlFiles(dir)
  const seen = new Map<string, string>()
  const triggers: Trigger[] = []
  for (const file of files) {
    for (const trigger of parseTriggers(await readFile(file, 'utf8'), file)) {
      const other = seen.get(trigger.name)
      if (other !== undefined) {
        const where = other === file ? 'twice in this file' : `also in ${other}`
        throw new TriggerConfigError(`${file}: trigger "${trigger.name}" is defined ${where}`)
      }
      seen.set(trigger.name, file)
      triggers.push(trigger)
    }
  }
  return triggers
}

/** The Triggers in one file's text; `file` only names it in errors. */
export function parseTriggers(text: string, file: string): Trigger[] {
  const triggers: Trigger[] = []
  parseAllDocuments(text).forEach((document, index) => {
    const [error] = document.errors
    if (error) throw new TriggerConfigError(`${file}: invalid YAML: ${error.message.trimEnd()}`)
    const manifest: unknown = document.toJS()
    if (!isObject(manifest) || manifest.kind !== 'Trigger') return
    const label = `${file}: trigger ${triggerLabel(manifest, index)}`
    if (manifest.apiVersion !== API_VERSION) {
      const apiVersion = JSON.stringify(manifest.apiVersion)
      throw new TriggerConfigError(`${label}: apiVersion ${apiVersion} is not ${API_VERSION}`)
    }
    const result = triggerManifest.safeParse(manifest)
    if (!result.success) {
      throw new TriggerConfigError(`${label}: ${result.error.issues.map(describeIssue).join('; ')}`)
    }
    triggers.push(result.data)
  })
  return triggers
}

async function yamlFiles(dir: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const candidates = names
    .filter((name) => !name.startsWith('.') && /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name))
  // stat, not the Dirent: a ConfigMap volume mounts every key as a symlink into ..data/.
  const isFile = await Promise.all(candidates.map(async (path) => (await stat(path)).isFile()))
  return candidates.filter((_, index) => isFile[index])
}

function triggerLabel(manifest: Record<string, unknown>, index: number): string {
  const metadata = manifest.metadata
  const name = isObject(metadata) ? metadata.name : undefined
  return typeof name === 'string' && name !== ''
    ? JSON.stringify(name)
    : `#${index + 1} (no metadata.name)`
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = (path: PropertyKey[]) => path.map(String).join('.')
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((key) => `${at([...issue.path, key])} is not a field this broker honours`)
      .join('; ')
  }
  return `${at(issue.path) || 'the manifest'} ${issue.message}`
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
