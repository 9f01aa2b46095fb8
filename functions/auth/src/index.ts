import { createUser } from './create-user'
import { login } from './login'
import { logout } from './logout'
import { me } from './me'
import { refreshToken } from './refresh-token'
import { updateUser } from './update-user'

export { createUser, login, logout, me, refreshToken, updateUser }

/** The auth functions, in the order their routes are mounted. */
export const functions = [login, refreshToken, logout, me, createUser, updateUser] as const
