import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'
import { bundleBudget } from './build/bundle-budget.ts'

// `npm run dev -w web` serves the app with hot reload and sends API and socket traffic to a
// server started with `npm start` (or DROPMATE_URL).
const server = process.env.DROPMATE_URL ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [
    preact(),
    bundleBudget([
      // Issue 6: a phone on a slow network opens a shared link; the map follows.
      { page: 'tracking /track/:number', modules: ['src/pages/track/index.tsx'], maxKb: 60 },
      {
        page: 'dashboard /',
        modules: ['src/pages/home.tsx', 'src/pages/dashboard/index.tsx'],
        maxKb: 150,
      },
      { page: 'driver /driver', modules: ['src/pages/driver/index.tsx'], maxKb: 150 },
      // The CSV import parses nothing in the browser: the server reads and checks the file.
      { page: 'import /import', modules: ['src/pages/import/index.tsx'], maxKb: 40 },
      // uPlot draws the charts, on this page only: 23 KB gzipped (Chart.js, bars and lines: 60).
      { page: 'analytics /analytics', modules: ['src/pages/analytics/index.tsx'], maxKb: 50 },
      // A list and a panel: no library beyond the app's own.
      { page: 'users /admin/users', modules: ['src/pages/admin-users/index.tsx'], maxKb: 40 },
      // Forms and a table: an admin's page with nothing heavy to load.
      { page: 'webhooks /settings/webhooks', modules: ['src/pages/webhooks/index.tsx'], maxKb: 40 },
      { page: 'customer /', modules: ['src/pages/home.tsx', 'src/pages/customer/index.tsx'] },
      { page: 'sign-in /login', modules: ['src/pages/login/index.tsx'] },
    ]),
  ],
  build: {
    target: 'es2022',
    // The budget plugin reports gzipped sizes per page, which is what matters.
    reportCompressedSize: false,
    // ZXing, loaded only when a driver scans a label, is 454 kB minified on its own.
    chunkSizeWarningLimit: 500,
  },
  server: {
    proxy: {
      '/api': server,
      '/config.json': server,
      '/socket.io': { target: server, ws: true },
    },
  },
})
