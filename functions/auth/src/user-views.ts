import type { Account, UserDetail as UserRow, UserSummary as SummaryRow } from '@dropmate/db'
import type { ManagedAccount, UserDetail, UserSummary } from '@dropmate/contracts/rest/accounts'

/** An account as the answer to an admin's change shows it. */
export function managedView({
  id,
  email,
  name,
  role,
  driverId,
  disabledAt,
}: Account): ManagedAccount {
  return { id, email, name, role, driverId, disabled: disabledAt !== null }
}

export function summaryView(row: SummaryRow): UserSummary {
  const { id, email, name, phone, role, driverId, disabledAt, createdAt } = row
  return {
    id,
    email,
    name,
    phone,
    role,
    driverId,
    disabled: disabledAt !== null,
    createdAt: createdAt.toISOString(),
  }
}

export function detailView(row: UserRow): UserDetail {
  const vehicle = row.vehicleType ? { type: row.vehicleType, plate: row.vehiclePlate } : null
  return { ...summaryView(row), vehicle }
}
