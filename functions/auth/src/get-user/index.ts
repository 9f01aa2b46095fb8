import { defineFunction } from '@dropmate/runtime'
import { getUserApp as app, route } from './app'

/** The get-user function: its app and how it deploys (knative:generate writes its YAML from this). */
export const getUser = defineFunction({ name: 'get-user', routes: [route], app })
