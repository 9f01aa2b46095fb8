import { defineFunction } from '@dropmate/runtime'
import { listAuditApp as app, route } from './app'

/** The list-audit function: its app and how it deploys (knative:generate writes its YAML from this). */
export const listAudit = defineFunction({ name: 'list-audit', routes: [route], app })
