import { defineFunction } from '@dropmate/runtime'
import { updateUserAccount as app, route } from './app'

/** The update-user function: its app and how it deploys (knative:generate writes its YAML from this). */
export const updateUser = defineFunction({ name: 'update-user', routes: [route], app })
