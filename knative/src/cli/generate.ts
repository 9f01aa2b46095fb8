import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { DEPLOYMENTS } from '../deployments'
import { generateServices, SERVICES_DIR } from '../generate'
import { definingModules } from '../function-entries'
import { ROOT } from '../sources'

// npm run knative:generate [-- --check]: writes knative/base/services from every function's
// definition, or with --check only says whether the committed files differ.
const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } })
const files = await generateServices(DEPLOYMENTS, await definingModules())
const existing = (await readdir(`${ROOT}${SERVICES_DIR}`).catch(() => [])).map(
  (name) => `${SERVICES_DIR}/${name}`,
)
const stale = existing.filter((path) => !files.has(path))
const changed: string[] = []
for (const [path, text] of files) {
  const current = await readFile(`${ROOT}${path}`, 'utf8').catch(() => undefined)
  if (current !== text) changed.push(path)
}

if (values.check) {
  for (const path of [...changed, ...stale]) console.error(`out of date: ${path}`)
  if (changed.length + stale.length > 0) {
    console.error('Run npm run knative:generate and commit the result.')
    process.exit(1)
  }
  console.log(`${files.size} generated files are current.`)
} else {
  for (const path of changed) {
    await mkdir(dirname(`${ROOT}${path}`), { recursive: true })
    await writeFile(`${ROOT}${path}`, files.get(path)!)
  }
  for (const path of stale) await rm(`${ROOT}${path}`)
  console.log(`${changed.length} written, ${stale.length} removed, ${files.size} in all.`)
}
