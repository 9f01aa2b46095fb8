import { createAccount } from '@dropmate/kit'
import { ROLES, VEHICLE_TYPES, type Role, type VehicleType } from '@dropmate/core'
import { runWithDatabase } from '@dropmate/db/cli'
import { ProblemError } from '@dropmate/runtime'
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'

const USAGE = `Usage: npm run user:create -- --email EMAIL --name NAME --role ROLE
       [--phone PHONE] [--password PASSWORD] [--vehicle TYPE] [--plate PLATE]

Roles: ${ROLES.join(', ')}. Drivers need --vehicle (${VEHICLE_TYPES.join(', ')}).
Without --password, a random one is generated and printed once.`

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    phone: { type: 'string' },
    password: { type: 'string' },
    vehicle: { type: 'string' },
    plate: { type: 'string' },
    help: { type: 'boolean' },
  },
})

function usageError(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`)
  process.exit(2)
}

if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
if (!values.email || !values.name) usageError('--email and --name are required.')
if (!ROLES.includes(values.role as Role)) usageError(`--role must be one of ${ROLES.join(', ')}.`)
if (values.vehicle && !VEHICLE_TYPES.includes(values.vehicle as VehicleType)) {
  usageError(`--vehicle must be one of ${VEHICLE_TYPES.join(', ')}.`)
}
if (values.password !== undefined && values.password.length < 10) {
  usageError('--password must be at least 10 characters.')
}

const password = values.password ?? randomBytes(12).toString('base64url')

await runWithDatabase(async (db) => {
  const created = await createAccount(db.sql, {
    email: values.email!,
    name: values.name!,
    phone: values.phone ?? null,
    role: values.role as Role,
    password,
    vehicle: values.vehicle
      ? { type: values.vehicle as VehicleType, plate: values.plate }
      : undefined,
  }).catch((error: unknown) => {
    // A taken email or a driver without a vehicle: the operator's to fix, no stack needed.
    if (!(error instanceof ProblemError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exitCode = 1
  })
  if (!created) return
  const { user } = created
  console.log(`Created ${user.role} ${user.email} (${user.id}).`)
  if (!values.password) console.log(`Password: ${password}  (shown once; store it safely)`)
})
