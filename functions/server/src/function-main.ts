import { runHttpProcess } from '@dropmate/api'
import { createFunctionServer } from './app'

// One API function alone, as a Knative Service runs it: FUNCTION names which.
runHttpProcess(async (booted) => {
  const name = process.env.FUNCTION ?? process.argv[2] ?? ''
  return { fetch: createFunctionServer(booted, name).fetch }
})
