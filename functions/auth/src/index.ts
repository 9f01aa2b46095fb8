import { createUser } from './create-user'
import { getUser } from './get-user'
import { listAudit } from './list-audit'
import { listUsers } from './list-users'
import { login } from './login'
import { logout } from './logout'
import { me } from './me'
import { refreshToken } from './refresh-token'
import { resetPassword } from './reset-password'
import { updateUser } from './update-user'

export {
  createUser,
  getUser,
  listAudit,
  listUsers,
  login,
  logout,
  me,
  refreshToken,
  resetPassword,
  updateUser,
}

/** The auth functions, in the order their routes are mounted. */
export const functions = [
  login,
  refreshToken,
  logout,
  me,
  createUser,
  listUsers,
  getUser,
  updateUser,
  resetPassword,
  listAudit,
] as const
