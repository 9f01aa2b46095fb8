// The layers of DropMate, bottom to top (docs/architecture.md draws them). A package may
// import the packages of the layers below its own: never one above, never a peer of its own
// layer. The web app imports only `core` and `contracts`. Tests and test support may compose
// whatever they exercise. `npm run lint` enforces this (eslint.config.js).

/** Each layer's packages, by folder name under `functions/` or at the root. */
export const LAYERS = [
  ['core'], // domain rules: status machine, fleet vocabulary, ETA, geo, visibility
  ['contracts'], // what crosses a wire: CloudEvent data, the ping, sockets, REST shapes
  ['db'], // migrations, queries, PostgreSQL and embedded PGlite
  ['runtime'], // HTTP processes: serving, health, problems, logs, metrics, process boot
  ['events', 'mail'], // the event log and its wire; the mailer and the texter
  ['kit'], // what every API function is built from: auth, deps, shell, caches, locations
  // the endpoint packages, and the web app's host (its files and /config.json)
  ['auth', 'shipments', 'drivers', 'locations', 'geocoding', 'notify', 'webhooks', 'web-host'],
  ['broker'], // Trigger delivery, the outbox relay, the ingress function
  ['realtime', 'monitor'], // the long-lived processes
  ['server'], // npm start's one process, and the entries of the others
  ['knative'], // manifests and bundles
  ['scripts'], // seed, simulator, k6, bench, chaos
]

/** What the web app, the top of the browser side, may import of the workspace. */
export const WEB_IMPORTS = ['core', 'contracts']

const ROOT_PACKAGES = new Set(['db', 'realtime', 'knative', 'scripts', 'web'])

/** The folder a package's files live in, relative to the repository root. */
export const folderOf = (name) => (ROOT_PACKAGES.has(name) ? name : `functions/${name}`)

/** The workspace packages `name` may not import. */
export function forbiddenFor(name) {
  const all = [...LAYERS.flat(), 'web']
  if (name === 'web') return all.filter((other) => !WEB_IMPORTS.includes(other) && other !== name)
  const layer = LAYERS.findIndex((packages) => packages.includes(name))
  const below = new Set(LAYERS.slice(0, layer).flat())
  return all.filter((other) => other !== name && !below.has(other))
}
