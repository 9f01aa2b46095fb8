import { ESLint } from 'eslint'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
// eslint-disable-next-line no-restricted-imports -- it belongs to no package: it sits by eslint.config.js
import { folderOf, LAYERS } from '../../architecture.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const eslint = new ESLint({ cwd: ROOT })

/** What the lint says of `code` written at `path`: the import-direction refusals. */
async function refusals(path: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${path}` })
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message)
}

const importing = (name: string) => `import { x } from '${name}'\nexport const y = x\n`

describe('the import directions npm run lint enforces', () => {
  it('refuse a package importing one above it', async () => {
    expect(await refusals('functions/core/src/probe.ts', importing('@dropmate/server'))).toEqual([
      expect.stringContaining('core may not import this package'),
    ])
    expect(
      await refusals('functions/kit/src/probe.ts', importing('@dropmate/shipments/testing')),
    ).toHaveLength(1)
  })

  it('refuse an endpoint package importing another, its peer', async () => {
    expect(
      await refusals('functions/notify/src/probe.ts', importing('@dropmate/locations')),
    ).toHaveLength(1)
  })

  it('let a package import those below it', async () => {
    expect(await refusals('functions/shipments/src/probe.ts', importing('@dropmate/kit'))).toEqual(
      [],
    )
    expect(await refusals('functions/broker/src/probe.ts', importing('@dropmate/events'))).toEqual(
      [],
    )
  })

  it('let the web app import contracts and core, and no server package', async () => {
    expect(await refusals('web/src/probe.ts', importing('@dropmate/contracts'))).toEqual([])
    expect(await refusals('web/src/probe.ts', importing('@dropmate/kit'))).toHaveLength(1)
  })

  it('let tests compose whatever they exercise', async () => {
    expect(
      await refusals('functions/core/test/probe.test.ts', importing('@dropmate/server')),
    ).toEqual([])
  })

  it('place every workspace package in a layer', () => {
    const packages = [
      ...readdirSync(`${ROOT}functions`).map((name) => `functions/${name}`),
      'db',
      'knative',
      'realtime',
      'scripts',
    ]
    const layered = LAYERS.flat().map(folderOf)
    expect(layered.sort()).toEqual(packages.sort())
  })
})
