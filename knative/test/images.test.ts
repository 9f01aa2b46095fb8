import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { ENTRIES, IMAGES, SEPARATE } from '../src/bundles'
import { compileCacheEnv } from '../src/compile-cache'
import { FUNCTION_BUNDLES } from '../src/names'
import { ROOT } from '../src/sources'
import { build, OVERLAYS, workloads } from './support'

const read = (path: string) => readFile(`${ROOT}${path}`, 'utf8')
/** The words of a shell `for NAME in a b c; do` loop. */
const loopOver = (text: string, name: string) =>
  new RegExp(`for ${name} in ([a-z ]+); do`).exec(text)?.[1]?.split(' ').sort()

describe('the images', () => {
  it('are one Dockerfile target per process, each running its own bundle', async () => {
    const dockerfile = await read('Dockerfile')
    for (const name of Object.keys(ENTRIES)) {
      expect(dockerfile, name).toContain(
        [
          `FROM runtime AS ${name}`,
          `COPY --from=build /src/dist/bundles/${name}.mjs /app/bundles/`,
          `CMD ["node", "/app/bundles/${name}.mjs"]`,
        ].join('\n'),
      )
    }
  })

  it('put every function’s bundle and its compile cache in the function image', async () => {
    const dockerfile = await read('Dockerfile')
    const cache = compileCacheEnv('/app')
    const env = Object.entries(cache).map(([name, value]) => `${name}=${value}`)
    expect(dockerfile).toContain(
      [
        'FROM runtime AS function',
        `COPY --from=build /src/dist/functions ${FUNCTION_BUNDLES}`,
        `COPY --from=build --chown=1000:1000 /src/dist/compile-cache ${cache.NODE_COMPILE_CACHE}`,
        `ENV ${env.join(' ')}`,
        'ENTRYPOINT ["node"]',
      ].join('\n'),
    )
  })

  it('all carry the modules bundles load on first use, where the bundles look for them', async () => {
    const runtime = /FROM \$\{NODE_IMAGE\} AS runtime\n([^]*?)\n\nFROM/.exec(
      await read('Dockerfile'),
    )
    for (const file of Object.values(SEPARATE)) {
      expect(runtime?.[1]).toContain(`COPY --from=build /src/dist/bundles/${file} /app/bundles/`)
    }
  })

  it('are all built by the deploy workflow and set by deploy.sh', async () => {
    const names = [...IMAGES].sort()
    expect(loopOver(await read('.github/workflows/deploy.yml'), 'target')).toEqual(names)
    expect(loopOver(await read('scripts/knative/deploy.sh'), 'image')).toEqual(names)
  })

  it.each(OVERLAYS)('are the only DropMate images the %s overlay names', async (overlay) => {
    const known = new Set(IMAGES.map((name) => `dropmate-${name}`))
    for (const { pod, label } of workloads(await build(overlay))) {
      for (const container of pod.containers) {
        if (container.image.startsWith('dropmate-')) expect(known, label).toContain(container.image)
      }
    }
  })
})
