export { createMailer, MailNotSent, type Email, type EmailContent, type Mailer } from './mailer'
