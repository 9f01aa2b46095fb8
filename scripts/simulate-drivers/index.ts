/** The simulator as a library, for tests and benchmarks; `main.ts` is its command line. */
export { startSimulation, type Simulation, type SimulationOptions } from './simulation'
export type { SimulatedDriver } from './driver'
export type { SentPing } from './outbox'
export { formatSummary, type Summary } from './stats'
export { maxSpeedMps } from './vehicles'
export { GPS_DRIFT_MAX_MPS } from './gps'
export { CITY_BOX, inBox } from './city'
