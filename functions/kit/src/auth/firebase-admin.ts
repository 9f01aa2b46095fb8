// The part of firebase-admin that DropMate uses, as one module loaded on first use: bundles
// keep it in a file of its own (knative/src/bundles.ts), so local-mode processes never read it.
export { getApps, initializeApp } from 'firebase-admin/app'
export { getAuth } from 'firebase-admin/auth'
