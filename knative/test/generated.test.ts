import { readdir, readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { DEPLOYMENTS } from '../src/deployments'
import { definingModules } from '../src/function-entries'
import { generateServices, SERVICES_DIR } from '../src/generate'
import { ROOT } from '../src/sources'

describe('the generated Knative Services', () => {
  it('are exactly what npm run knative:generate writes from the definitions', async () => {
    const files = await generateServices(DEPLOYMENTS, await definingModules())
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

  it('come each from a folder named as the function is deployed, which exports it', async () => {
    const modules = await definingModules()
    for (const { name } of DEPLOYMENTS) {
      expect(modules[name], name).toMatch(new RegExp(`^functions/[a-z-]+/src/${name}/index\\.ts$`))
    }
  })

  it('cover every function a folder of the packages defines, and nothing else', async () => {
    const folders = (await readdir(`${ROOT}functions`, { recursive: true }))
      .filter((path) => /^[^/]+\/src\/[^/]+\/index\.ts$/.test(path))
      .map((path) => `functions/${path}`)
    const defining: string[] = []
    for (const module of folders) {
      const exports = Object.values((await import(`${ROOT}${module}`)) as object)
      if (exports.some(isFunctionDefinition)) defining.push(module)
    }
    expect(defining.sort()).toEqual(Object.values(await definingModules()).sort())
  })

  it('give each function a name Knative accepts and routes that are its own', () => {
    for (const deployment of DEPLOYMENTS) {
      expect(deployment.name).toMatch(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/)
      expect(deployment.routes.length, deployment.name).toBeGreaterThan(0)
      expect(deployment.scaling.minScale).toBeLessThanOrEqual(deployment.scaling.maxScale)
    }
  })
})

function isFunctionDefinition(value: unknown) {
  const { app, routes } = (value ?? {}) as { app?: unknown; routes?: unknown }
  return typeof app === 'function' && Array.isArray(routes)
}
