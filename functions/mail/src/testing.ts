export { startSendGridReceiver, type SentMail } from '../test/sendgrid-receiver'
export { startTwilioReceiver, type SentText } from '../test/twilio-receiver'
