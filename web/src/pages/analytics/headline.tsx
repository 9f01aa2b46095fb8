import type { DeliverySummaryRow } from '@dropmate/contracts/rest/analytics'
import { minutes, percent } from './figures'

/** The four figures a dispatcher looks at first, above the tables that explain them. */
export function Headline({ summary }: { summary: DeliverySummaryRow }) {
  const figures: [label: string, value: string, detail: string][] = [
    [
      'On time',
      percent(summary.onTimeRate),
      `${summary.onTime} of ${summary.withWindow} with a window; ${summary.withoutWindow} had none`,
    ],
    ['Pickup → delivered', minutes(summary.averageMinutes), 'on average'],
    ['90th percentile', minutes(summary.p90Minutes), `of ${summary.timed} deliveries`],
    [
      'First attempt',
      percent(summary.firstAttemptRate),
      `${summary.firstAttempt} of ${summary.delivered} delivered`,
    ],
  ]
  return (
    <dl class="analytics-headline">
      {figures.map(([label, value, detail]) => (
        <div class="card" key={label}>
          <dt>{label}</dt>
          <dd>
            <strong>{value}</strong>
            <span>{detail}</span>
          </dd>
        </div>
      ))}
    </dl>
  )
}
