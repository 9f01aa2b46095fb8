import type { MetricType } from '../report'
import { emit } from '../recorder'

/** The `k6/metrics` module, as far as the scenarios use it: custom rates and trends. */

// k6's rule for metric names.
const NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/

function metric(type: MetricType) {
  return class {
    constructor(
      readonly name: string,
      _isTime = false,
    ) {
      if (!NAME.test(name)) throw new Error(`"${name}" is not a valid k6 metric name`)
    }

    add(value: number | boolean, tags: Record<string, string> = {}) {
      emit(this.name, type, Number(value), tags)
    }
  }
}

export const Rate = metric('rate')
export const Trend = metric('trend')

export default { Rate, Trend }
