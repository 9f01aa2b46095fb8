import { pino } from 'pino'

/**
 * What a PostgreSQL error may say in a log: which rule broke where, never with what values.
 * `detail` ("Failing row contains (…)", "Key (email)=(…) already exists"), `where`, `hint`
 * and, with postgres.js's debug on, `query`, `parameters` and `args` quote the data itself
 * (PostgreSQL docs, "Error and Notice Message Fields").
 */
const DATABASE_FIELDS = [
  'name',
  'code',
  'severity',
  'schema_name',
  'table_name',
  'column_name',
  'data_type_name',
  'constraint_name',
  'routine',
] as const

// SQLSTATE class 22, data exception: its messages end with the value refused, as in
// `invalid input syntax for type uuid: "…"`.
const DATA_EXCEPTION = /^22/

/**
 * The log's `err` serializer: pino's own, applied to the error and its causes with what they
 * carry of the data they failed on left out. PostgreSQL errors (postgres.js, embedded
 * PGlite behind it too) keep only the fields above; ioredis errors keep their command's name
 * without its arguments, which hold keys and values (tracking numbers, cached views).
 *
 * @example
 * pino({ serializers: { err: serializeError } })
 */
export function serializeError(value: unknown): unknown {
  return pino.stdSerializers.err(value instanceof Error ? withoutData(value) : (value as Error))
}

function withoutData(error: Error): Error {
  const cause = error.cause instanceof Error ? withoutData(error.cause) : error.cause
  const database = isDatabaseError(error)
  const command = commandOf(error)
  if (!database && !command && cause === error.cause) return error

  const message = database ? databaseMessage(error) : error.message
  // Same prototype, so the log still names the error's class.
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error
  Object.assign(copy, database ? pick(error, DATABASE_FIELDS) : error)
  if (command) Object.assign(copy, { command: { name: command.name } })
  Object.defineProperties(copy, {
    message: { value: message },
    stack: { value: error.stack?.replace(error.message, message) },
    cause: { value: cause },
  })
  return copy
}

/** postgres.js's PostgresError, told by its shape so the logger does not import the client. */
function isDatabaseError(error: Error): error is Error & { code: string } {
  const { code, severity } = error as { code?: unknown; severity?: unknown }
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string'
}

function databaseMessage(error: Error & { code: string }): string {
  if (!DATA_EXCEPTION.test(error.code)) return error.message
  return error.message.replace(/:.*$/s, ': [redacted]')
}

function commandOf(error: Error): { name?: unknown } | undefined {
  const command = (error as { command?: { name?: unknown; args?: unknown } }).command
  return command && typeof command === 'object' && 'args' in command ? command : undefined
}

function pick(error: Error, fields: readonly string[]): Record<string, unknown> {
  const record = error as unknown as Record<string, unknown>
  return Object.fromEntries(
    fields.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]),
  )
}
