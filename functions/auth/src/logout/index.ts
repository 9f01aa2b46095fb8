import { defineFunction } from '@dropmate/runtime'
import { logout as app, route } from './app'

/** The logout function: its app and how it deploys (knative:generate writes its YAML from this). */
export const logout = defineFunction({ name: 'logout', routes: [route], app })
