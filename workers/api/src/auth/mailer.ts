/**
 * Sending mail sits behind this interface. There is no mail server here, so the default mailer only logs and
 * the API returns invitation links to the admin; a deployment can plug in a real provider.
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

export const logMailer: Mailer = {
  async send(mail) {
    console.log(`[mail] to=${mail.to} subject=${mail.subject}`);
  },
};
