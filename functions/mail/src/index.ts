export { createMailer, MailNotSent, type Email, type EmailContent, type Mailer } from './mailer'
export { createTexter, TextNotSent, type Text, type Texter } from './texter'
