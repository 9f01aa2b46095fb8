import { runFunction } from './function-server'
import { functionNamed } from './functions'

// One API function alone, as its Knative Service runs it (there from its own bundle):
// FUNCTION names which. The name is checked once the process is up, so a wrong one exits
// with the list of names like any other configuration mistake.
const name = process.env.FUNCTION ?? process.argv[2] ?? ''
runFunction(name, (deps) => functionNamed(name).app(deps))
