import { runHttpProcess } from '@dropmate/kit'
import { createServer } from '@dropmate/server'

// The cluster shape's API functions that no scenario kills (creates, status changes, sign-in,
// the notify receiver), served together to spare a loaded machine's two cores: each is the
// same app its own Knative Service serves. No broker and no gateway here: those run alone.
runHttpProcess(async (booted) => ({ fetch: createServer(booted).fetch }))
