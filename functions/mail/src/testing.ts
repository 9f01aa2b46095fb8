export { startSendGridReceiver, type SentMail } from '../test/sendgrid-receiver'
