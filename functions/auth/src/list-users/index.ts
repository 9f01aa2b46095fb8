import { defineFunction } from '@dropmate/runtime'
import { listUsersApp as app, route } from './app'

/** The list-users function: its app and how it deploys (knative:generate writes its YAML from this). */
export const listUsers = defineFunction({ name: 'list-users', routes: [route], app })
