export * from './health'
export * from './logger'
export * from './problem'
export * from './serve'
