import { execFileSync } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { readDocuments } from '../src/manifests'
import { ROOT } from '../src/sources'
import { validateObject } from '../src/validate'
import { hasKubectl } from './support'

/** Every YAML file under knative/ (the workspace's own dependencies aside). */
async function yamlFiles() {
  const files = await readdir(`${ROOT}knative`, { recursive: true })
  return files
    .filter((file) => /\.ya?ml$/.test(file) && !file.includes('node_modules'))
    .map((file) => `knative/${file}`)
    .sort()
}

describe('every manifest under knative/', () => {
  it('parses as YAML', async () => {
    const files = await yamlFiles()
    expect(files.length).toBeGreaterThan(20)
    for (const file of files) await expect(readDocuments(`${ROOT}${file}`)).resolves.toBeDefined()
  })

  it('validates against the schema of its kind (Kubernetes, Knative, Gateway API, cert-manager, Prometheus Operator)', async () => {
    const problems: string[] = []
    for (const file of await yamlFiles()) {
      for (const object of await readDocuments(`${ROOT}${file}`)) {
        if (!object || object.kind === 'Kustomization' || object.kind === 'Component') continue
        const problem = await validateObject(object)
        if (problem) problems.push(`${file}: ${object.kind} ${object.metadata?.name}: ${problem}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('is found wrong when it is: a wrong type is reported with its path', async () => {
    const problem = await validateObject({
      apiVersion: 'serving.knative.dev/v1',
      kind: 'Service',
      metadata: { name: 'x' },
      spec: { template: { spec: { containerConcurrency: 'lots', containers: [{ image: 'x' }] } } },
    })
    expect(problem).toContain('containerConcurrency must be integer')
  })
})

describe.skipIf(!hasKubectl)('kubectl kustomize', () => {
  for (const dir of ['overlays/doks', 'overlays/self-managed', 'cluster', 'monitoring']) {
    it(`builds knative/${dir}, and every object it renders validates`, async () => {
      const rendered = execFileSync('kubectl', ['kustomize', `${ROOT}knative/${dir}`], {
        encoding: 'utf8',
      })
      const { parseAllDocuments } = await import('yaml')
      const objects = parseAllDocuments(rendered).map((document) => document.toJS())
      expect(objects.length).toBeGreaterThan(1)
      for (const object of objects) {
        expect(await validateObject(object), `${object.kind} ${object.metadata.name}`).toBe(
          undefined,
        )
      }
    })
  }
})
