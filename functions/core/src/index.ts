export * from './config'
export * from './password'
export * from './status-machine'
export * from './tracking-number'
