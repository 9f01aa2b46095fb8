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

/** The lines of a Dockerfile target, from its FROM to the line before the next FROM. */
const targetOf = (dockerfile: string, name: string) =>
  new RegExp(`\\nFROM runtime AS ${name}\\n([^]*?)\\n*(?:\\nFROM |$)`).exec(dockerfile)?.[1]

describe('the images', () => {
  it('are one Dockerfile target per process, each running its own bundle', async () => {
    const dockerfile = await read('Dockerfile')
    for (const name of Object.keys(ENTRIES)) {
      const target = targetOf(dockerfile, name)
      expect(target, name).toContain(
        `COPY --from=build /src/dist/bundles/${name}.mjs /app/bundles/`,
      )
      expect(target, name).toMatch(new RegExp(`\\nCMD \\["node", "/app/bundles/${name}\\.mjs"\\]$`))
    }
  })

  it("put the built web app in the realtime image, where the gateway's WEB_DIST_DIR names", async () => {
    const dockerfile = await read('Dockerfile')
    expect(dockerfile).toMatch(/\nRUN npm run build -w web\n/)
    const realtime = workloads(await build('doks')).find(
      ({ object }) => object.metadata.name === 'realtime',
    )!
    const env = realtime.pod.containers[0].env as { name: string; value: string }[]
    const dir = env.find(({ name }) => name === 'WEB_DIST_DIR')!.value
    expect(targetOf(dockerfile, 'realtime')).toContain(`COPY --from=build /src/web/dist ${dir}`)
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
