import { logger } from '@dropmate/runtime'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { openApiDocument } from '../openapi-document'

// npm run lint:openapi: the API's OpenAPI document, as `npm start` serves it, written to a
// file for linters and code generators without starting a server or a database.
logger.level = 'silent'
const out = process.argv[2] ?? 'dist/openapi.json'
await mkdir(dirname(out), { recursive: true })
await writeFile(out, `${JSON.stringify(await openApiDocument(), null, 2)}\n`)
console.log(`OpenAPI document written to ${out}`)
