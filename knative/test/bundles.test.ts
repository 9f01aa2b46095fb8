import { createMigratedTestDatabase, type TestDatabase } from '@dropmate/db/testing'
import { startTestApi } from '@dropmate/kit/testing'
import * as shipments from '@dropmate/shipments'
import { newShipmentBody, startShipmentsApi } from '@dropmate/shipments/testing'
import { build } from 'esbuild'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  allBundles,
  buildBundles,
  functionBundles,
  functionFile,
  separateBundles,
  type Bundle,
} from '../src/bundles'
import { compileCacheEnv, warmCompileCache } from '../src/compile-cache'

let outDir: string
let db: TestDatabase

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'dropmate-bundles-'))
  const functions = await functionBundles(
    ['me', 'track-shipment', 'print-labels', 'request-proof-uploads'],
    outDir,
  )
  const bundles = [...functions, ...separateBundles(outDir)]
  await buildBundles(bundles, outDir)
  db = await createMigratedTestDatabase()
}, 120_000)

afterAll(async () => {
  await db?.drop()
  await rm(outDir, { recursive: true, force: true })
})

/** Runs a function's bundle with plain node, as its Knative Service does, until it listens. */
const BUNDLE_JWT_SECRET = 'a-bundle-test-secret-of-32-characters'

async function runBundle(name: string, env: Record<string, string>, dir = outDir) {
  const child = spawn(process.execPath, [functionFile(name, dir)], {
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: db.url,
      DATABASE_POOL_MAX: '1',
      DATABASE_PREPARE: String(db.mode === 'postgres'),
      JWT_SECRET: BUNDLE_JWT_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const exited = once(child, 'exit')
  for await (const line of createInterface({ input: child.stdout! })) {
    const { msg, port } = JSON.parse(line) as { msg: string; port?: number }
    if (msg === 'listening') {
      const url = `http://127.0.0.1:${port}`
      const stop = async () => {
        child.kill('SIGTERM')
        await exited
        return stderr
      }
      return { url, stop }
    }
  }
  throw new Error(`${name} exited before listening`)
}

/** A bundle as built: the modules it holds code of, and its text. */
async function built(bundle: Bundle) {
  const { metafile, outputFiles } = await build({ ...bundle.options, write: false, metafile: true })
  // What ended up in the file: esbuild also lists modules it read and shook out entirely.
  const [output] = Object.values(metafile.outputs)
  const modules = Object.entries(output!.inputs).flatMap(([input, { bytesInOutput }]) =>
    bytesInOutput > 0 ? [input] : [],
  )
  return { modules, text: outputFiles![0]!.text }
}

describe('the broker dispatcher’s bundle', () => {
  it('holds none of what API functions are built from: no auth, caches or location services', async () => {
    const dispatcher = (await allBundles(outDir)).find((bundle) => bundle.name === 'dispatcher')
    const { modules } = await built(dispatcher!)

    const apiParts =
      /functions\/kit\/src\/(auth|accounts|locations)\/|functions\/kit\/src\/(deps|tracking-cache|rate-limit)\.ts$/
    expect(modules.filter((module) => apiParts.test(module))).toEqual([])
    expect(
      modules.filter((module) => module.includes('node_modules/rate-limiter-flexible')),
    ).toEqual([])
  }, 60_000)
})

describe('a function’s bundle', () => {
  it.each([
    ['me', 'firebase-admin', /node_modules\/@?firebase/, 'functions/auth/src/me/app.ts'],
    [
      'notify-receiver',
      'sendgrid',
      /node_modules\/@?sendgrid/,
      'functions/notify/src/notify-receiver/app.ts',
    ],
    [
      'request-proof-uploads',
      's3-client',
      /node_modules\/@aws-sdk\//,
      'functions/shipments/src/request-proof-uploads/app.ts',
    ],
  ])(
    '%s loads %s from a file of its own, and holds no app but its own',
    async (name, lazy, packages, app) => {
      const [bundle] = await functionBundles([name], outDir)
      const { modules: inputs, text } = await built(bundle!)
      expect(inputs.filter((input) => /functions\/\w+\/src\/[\w-]+\/app\.ts$/.test(input))).toEqual(
        [app],
      )
      expect(inputs.filter((input) => packages.test(input))).toEqual([])
      expect(text).toContain(`../bundles/${lazy}.mjs`)
    },
  )

  it('serves its route, health and readiness alone, run with plain node', async () => {
    const me = await runBundle('me', {})
    try {
      expect((await fetch(`${me.url}/health`)).status).toBe(200)
      // Readiness reads the migrations from ../migrations beside the bundle.
      expect(await (await fetch(`${me.url}/ready`)).json()).toMatchObject({ status: 'ready' })
      expect((await fetch(`${me.url}/api/me`)).status).toBe(401)
      expect((await fetch(`${me.url}/api/shipments`)).status).toBe(404)
      // Node's series load with the first scrape, from prom-client's trimmed index.
      const metrics = await (await fetch(`${me.url}/metrics`)).text()
      expect(metrics).toMatch(/^process_resident_memory_bytes \d+/m)
    } finally {
      await me.stop()
    }
  })

  it('prints a label: the PDF fonts and the symbol encoders are inside the bundle', async () => {
    // A shipment made through the API, on a database the bundle then reads.
    const api = await startTestApi((deps) => shipments.functions.map((fn) => fn.app(deps)), {
      JWT_SECRET: BUNDLE_JWT_SECRET,
    })
    const labels = await runBundle('print-labels', { DATABASE_URL: api.db.url })
    try {
      const { token } = await api.signIn('dispatcher')
      const created = await api.request('POST', '/api/shipments', {
        token,
        body: newShipmentBody(),
      })
      const reply = await fetch(`${labels.url}/api/shipments/${created.body.id}/label`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(reply.status).toBe(200)
      expect(reply.headers.get('content-type')).toBe('application/pdf')
      expect(new TextDecoder().decode((await reply.arrayBuffer()).slice(0, 5))).toBe('%PDF-')
    } finally {
      await labels.stop()
      await api.close()
    }
  })

  it('limits lookups with rate-limiter-flexible’s trimmed index', async () => {
    const track = await runBundle('track-shipment', { TRACKING_RATE_LIMIT_PER_MINUTE: '1' })
    try {
      const lookup = () => fetch(`${track.url}/api/shipments/track/DM000000000000`)
      expect(await (await lookup()).json()).toMatchObject({ code: 'tracking_number_not_found' })
      expect(await (await lookup()).json()).toMatchObject({ code: 'rate_limited' })
    } finally {
      await track.stop()
    }
  })

  it('loads firebase-admin from its own file in firebase mode', async () => {
    const me = await runBundle('me', {
      AUTH_MODE: 'firebase',
      FIREBASE_PROJECT_ID: 'demo-dropmate-bundle',
      // Emulator mode decodes tokens without a signature, so no request leaves the machine.
      FIREBASE_AUTH_EMULATOR_HOST: process.env.FIREBASE_AUTH_EMULATOR_HOST ?? '127.0.0.1:9',
    })
    try {
      const reply = await fetch(`${me.url}/api/me`, { headers: { authorization: 'Bearer x.y.z' } })
      expect(reply.status).toBe(401)
    } finally {
      await me.stop()
    }
  })

  it('signs proof upload links with the S3 client from its own file', async () => {
    const api = await startShipmentsApi({ JWT_SECRET: BUNDLE_JWT_SECRET })
    const uploads = await runBundle('request-proof-uploads', {
      DATABASE_URL: api.api.db.url,
      OBJECT_STORAGE_URL: 'https://bundle-test.example.com',
      OBJECT_STORAGE_ACCESS_KEY_ID: 'bundle-test-key',
      OBJECT_STORAGE_SECRET_ACCESS_KEY: 'bundle-test-secret',
    })
    try {
      const shipment = await api.shipmentIn('in_transit')
      const reply = await fetch(`${uploads.url}/api/shipments/${shipment.id}/proof-uploads`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${api.people.driver.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ files: [{ kind: 'photo', contentType: 'image/jpeg', size: 3000 }] }),
      })
      expect(reply.status).toBe(201)
      const [upload] = ((await reply.json()) as { uploads: Array<{ url: string }> }).uploads
      const link = new URL(upload!.url)
      expect(link.origin).toBe('https://bundle-test.example.com')
      expect(link.searchParams.get('X-Amz-Credential')).toMatch(/^bundle-test-key\//)
      expect(link.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/)
    } finally {
      await uploads.stop()
      await api.api.close()
    }
  })

  it('loads the OpenTelemetry SDK and exporters from a file of their own', async () => {
    const [bundle] = await functionBundles(['me'], outDir)
    const { modules, text } = await built(bundle!)
    const sdk = /@opentelemetry\/(sdk-|exporter-|otlp-|resources|core\/)|runtime\/src\/tracing-/
    expect(modules.filter((module) => sdk.test(module))).toEqual([])
    expect(text).toContain('../bundles/opentelemetry.mjs')
  })

  it('exports spans by OTLP, from the SDK in its own file, once an endpoint is set', async () => {
    const posts: Array<{ path?: string; type?: string; body: Buffer }> = []
    const collector = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const type = request.headers['content-type']
        posts.push({ path: request.url, type, body: Buffer.concat(chunks) })
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end()
      })
    })
    collector.listen(0, '127.0.0.1')
    await once(collector, 'listening')
    const { port } = collector.address() as AddressInfo
    const me = await runBundle('me', { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` })
    try {
      expect((await fetch(`${me.url}/api/me`)).status).toBe(401)
    } finally {
      // SIGTERM: the process exports what it holds before it exits.
      await me.stop()
      collector.close()
    }
    expect(posts.map(({ path, type }) => `${path} ${type}`)).toContain(
      '/v1/traces application/x-protobuf',
    )
    const exported = Buffer.concat(posts.map((post) => post.body)).toString('latin1')
    expect(exported).toContain('GET /api/me')
    expect(exported).toContain('service.name')
  })

  it('never reads the SDK without an endpoint: it starts with no file beside it', async () => {
    const app = await mkdtemp(join(tmpdir(), 'dropmate-app-'))
    try {
      for (const dir of ['functions', 'migrations']) {
        await cp(`${outDir}/${dir}`, `${app}/${dir}`, { recursive: true })
      }
      const me = await runBundle('me', {}, app)
      try {
        expect((await fetch(`${me.url}/api/me`)).status).toBe(401)
      } finally {
        await me.stop()
      }
    } finally {
      await rm(app, { recursive: true, force: true })
    }
  })

  it('starts from the compile cache made with it, moved as the image moves it', async () => {
    await warmCompileCache(['me'], outDir)
    const app = await mkdtemp(join(tmpdir(), 'dropmate-app-'))
    try {
      for (const dir of ['functions', 'compile-cache', 'migrations']) {
        await cp(`${outDir}/${dir}`, `${app}/${dir}`, { recursive: true })
      }
      const env = { ...compileCacheEnv(app), NODE_DEBUG_NATIVE: 'COMPILE_CACHE' }
      const me = await runBundle('me', env, app)
      expect((await fetch(`${me.url}/health`)).status).toBe(200)
      const log = await me.stop()
      expect(log).toMatch(/V8 code cache for ESM \S+\/functions\/me\.mjs was accepted/)
      // Nothing to write back: a read-only root filesystem is no obstacle.
      expect(log).not.toMatch(/writing cache/)
    } finally {
      await rm(app, { recursive: true, force: true })
    }
  })
})
