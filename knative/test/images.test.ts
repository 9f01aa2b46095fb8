import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { bundleNames } from '../src/bundles'
import { ROOT } from '../src/sources'
import { build, OVERLAYS, workloads } from './support'

const read = (path: string) => readFile(`${ROOT}${path}`, 'utf8')
/** The words of a shell `for NAME in a b c; do` loop. */
const loopOver = (text: string, name: string) =>
  new RegExp(`for ${name} in ([a-z ]+); do`).exec(text)?.[1]?.split(' ').sort()

describe('the images', () => {
  it('are one Dockerfile target per bundle, each running its own bundle', async () => {
    const dockerfile = await read('Dockerfile')
    for (const name of bundleNames()) {
      expect(dockerfile, name).toContain(
        [
          `FROM runtime AS ${name}`,
          `COPY --from=build /src/dist/bundles/${name}.mjs /app/bundles/`,
          `CMD ["node", "/app/bundles/${name}.mjs"]`,
        ].join('\n'),
      )
    }
  })

  it('are all built by the deploy workflow and set by deploy.sh', async () => {
    const names = bundleNames().sort()
    expect(loopOver(await read('.github/workflows/deploy.yml'), 'target')).toEqual(names)
    expect(loopOver(await read('scripts/knative/deploy.sh'), 'image')).toEqual(names)
  })

  it.each(OVERLAYS)('are the only DropMate images the %s overlay names', async (overlay) => {
    const known = new Set(bundleNames().map((name) => `dropmate-${name}`))
    for (const { pod, label } of workloads(await build(overlay))) {
      for (const container of pod.containers) {
        if (container.image.startsWith('dropmate-')) expect(known, label).toContain(container.image)
      }
    }
  })
})
