// SendGrid's client (axios, form-data and a table of every MIME type: 270 KiB bundled) as one
// module, loaded with the first email: bundles keep it in a file of their own
// (knative/src/bundles.ts), so a process that sends none never reads it.
export { Client } from '@sendgrid/client'
export { MailService } from '@sendgrid/mail'
