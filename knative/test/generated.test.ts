import { FUNCTIONS, SERVICES } from '@dropmate/server/functions'
import { readdir, readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { DEPLOYMENTS } from '../src/deployments'
import { generateServices, SERVICES_DIR } from '../src/generate'
import { deployFiles, ROOT } from '../src/sources'

describe('the generated Knative Services', () => {
  it('are exactly what npm run knative:generate writes from the deploy.ts files', async () => {
    const files = await generateServices(DEPLOYMENTS, await deployFiles())
    const committed = (await readdir(`${ROOT}${SERVICES_DIR}`)).map(
      (name) => `${SERVICES_DIR}/${name}`,
    )
    expect(committed.sort(), 'files in knative/base/services').toEqual([...files.keys()].sort())
    for (const [path, text] of files) {
      expect(
        await readFile(`${ROOT}${path}`, 'utf8'),
        `${path}: run npm run knative:generate`,
      ).toBe(text)
    }
  })

  it('cover every function and service the one-function entry can serve, and nothing else', () => {
    const served = [...Object.keys(FUNCTIONS), ...Object.keys(SERVICES)].sort()
    expect(DEPLOYMENTS.map((deployment) => deployment.name).sort()).toEqual(served)
  })

  it('come from every deploy.ts in the function packages', async () => {
    const onDisk = Object.keys(await deployFiles()).sort()
    expect(DEPLOYMENTS.map((deployment) => deployment.name).sort()).toEqual(onDisk)
  })

  it('give each function a name Knative accepts and routes that are its own', () => {
    for (const deployment of DEPLOYMENTS) {
      expect(deployment.name).toMatch(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/)
      expect(deployment.routes.length, deployment.name).toBeGreaterThan(0)
      expect(deployment.scaling.minScale).toBeLessThanOrEqual(deployment.scaling.maxScale)
    }
  })
})
