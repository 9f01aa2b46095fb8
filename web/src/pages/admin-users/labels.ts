import type { AuditEntry } from '@dropmate/contracts/rest/accounts'
import type { Role } from '@dropmate/core/status-machine'
import { VEHICLE_LABEL } from '../../ui/format'

export const ROLE_LABEL: Record<Role, string> = {
  admin: 'Admin',
  dispatcher: 'Dispatcher',
  driver: 'Driver',
  customer: 'Customer',
}

const FIELD_LABEL: Record<string, string> = {
  vehicleType: 'vehicle',
  vehiclePlate: 'plate',
  dutyStatus: 'duty',
}

const shown = (field: string, value: unknown) => {
  if (value === null || value === undefined || value === '') return 'none'
  if (field === 'role') return ROLE_LABEL[value as Role] ?? String(value)
  if (field === 'vehicleType') return VEHICLE_LABEL[value as string] ?? String(value)
  return String(value)
}

/** An audit entry as a sentence: "changed the role from Customer to Dispatcher". */
export function describeAudit({ action, changes }: AuditEntry): string {
  switch (action) {
    case 'user.created':
      return `created the account as ${shown('role', changes.role?.to)}`
    case 'driver.created':
      return `created the driver account (${shown('vehicleType', changes.vehicleType?.to)})`
    case 'user.role_changed':
      return `changed the role from ${shown('role', changes.role?.from)} to ${shown('role', changes.role?.to)}`
    case 'user.disabled':
      return 'disabled the account'
    case 'user.enabled':
      return 'enabled the account'
    case 'user.password_reset':
      return 'reset the password'
    case 'driver.changed':
      return `changed ${Object.entries(changes)
        .map(([field, { from, to }]) => {
          const name = FIELD_LABEL[field] ?? field
          return `${name} from ${shown(field, from)} to ${shown(field, to)}`
        })
        .join(', ')}`
  }
}
