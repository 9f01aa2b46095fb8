import { readdir, readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { readDocuments, type Manifest } from '../src/manifests'
import { ROOT } from '../src/sources'
import { build, OVERLAYS, workloads } from './support'

async function example(name: string) {
  const [secret] = await readDocuments(`${ROOT}knative/secrets/${name}.example.yaml`)
  return secret!
}

/** Committed files an operator might paste a secret into. */
async function deploymentFiles() {
  const found: string[] = ['Dockerfile', '.dockerignore']
  for (const dir of ['knative', 'scripts/knative', '.github']) {
    const files = await readdir(`${ROOT}${dir}`, { recursive: true }).catch(() => [])
    found.push(
      ...files
        .filter((file) => !file.includes('node_modules') && /\.(ya?ml|sh|md|env|json)$/.test(file))
        .map((file) => `${dir}/${file}`),
    )
  }
  return found
}

describe('secrets', () => {
  it('are committed only as examples whose every value is a placeholder', async () => {
    for (const name of ['dropmate-secrets', 'dropmate-data']) {
      const secret = await example(name)
      expect(secret.kind).toBe('Secret')
      for (const [key, value] of Object.entries(secret.stringData as Record<string, string>)) {
        expect(value, `${name}.${key}`).toContain('REPLACE_ME')
      }
    }
  })

  it('are never part of what the overlays apply', async () => {
    for (const overlay of OVERLAYS) {
      const kinds = (await build(overlay)).map(({ object }) => object.kind)
      expect(kinds).not.toContain('Secret')
    }
  })

  it('hold the keys setup-secrets.sh sets, and every key a pod reads from them', async () => {
    const script = await readFile(`${ROOT}scripts/knative/setup-secrets.sh`, 'utf8')
    const keys = /^SECRET_KEYS=\(([^)]*)\)/m.exec(script)![1]!.split(/\s+/).filter(Boolean)
    const examples: Record<string, Manifest> = {
      'dropmate-secrets': await example('dropmate-secrets'),
      'dropmate-data': await example('dropmate-data'),
    }
    expect(Object.keys(examples['dropmate-secrets']!.stringData).sort()).toEqual(keys.sort())
    for (const overlay of OVERLAYS) {
      for (const { pod, label } of workloads(await build(overlay))) {
        for (const container of pod.containers) {
          for (const source of container.envFrom ?? []) {
            if (source.secretRef) expect(examples[source.secretRef.name], label).toBeDefined()
          }
          for (const variable of container.env ?? []) {
            const ref = variable.valueFrom?.secretKeyRef
            if (ref)
              expect(
                examples[ref.name]?.stringData?.[ref.key],
                `${label}: ${ref.key}`,
              ).toBeDefined()
          }
        }
      }
    }
  })

  it('appear in no committed deployment file: no credentials in URLs, tokens or keys', async () => {
    const leaks: string[] = []
    for (const file of await deploymentFiles()) {
      const text = await readFile(`${ROOT}${file}`, 'utf8')
      for (const [, password, host] of text.matchAll(
        /[a-z]+:\/\/[^:/\s'"]+:([^@\s'"]+)@([^:/\s'"]+)/g,
      )) {
        // Placeholders, shell expansions, and throwaway CI service containers on loopback.
        if (/REPLACE_ME|^\$|\$\{/.test(password!) || host === '127.0.0.1') continue
        leaks.push(`${file}: a password in a URL`)
      }
      if (/dop_v1_[0-9a-f]{16,}/.test(text)) leaks.push(`${file}: a DigitalOcean token`)
      if (/SG\.[\w-]{16,}\.[\w-]{16,}/.test(text)) leaks.push(`${file}: a SendGrid API key`)
      if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) leaks.push(`${file}: a private key`)
    }
    expect(leaks).toEqual([])
  })
})
