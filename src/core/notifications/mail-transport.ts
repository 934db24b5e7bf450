/**
 * How e-mails leave: nodemailer's SMTP transport, configured by one URL (CONG_SMTP_URL,
 * `smtp://user:pass@host:587` with STARTTLS when the server offers it, `smtps://…:465` for
 * implicit TLS; RFC 5321, RFC 3207, RFC 8314). The outbox only needs {@link MailTransport},
 * so tests may hand it anything that sends.
 */
import { createTransport } from 'nodemailer';

/** One message as the outbox sends it: plain UTF-8 text, one recipient. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

/** What sends a message; resolves when the server accepted it, rejects with its reason. */
export interface MailTransport {
  sendMail(message: OutgoingMail): Promise<unknown>;
  /** Closes open connections (pooled transports); optional. */
  close?(): void;
}

/** Connection limits (milliseconds): a dead server must not hold a worker for minutes. */
const CONNECTION_TIMEOUT_MS = 15_000;
const GREETING_TIMEOUT_MS = 15_000;
const SOCKET_TIMEOUT_MS = 60_000;

/**
 * Creates the SMTP transport for a CONG_SMTP_URL. Opens no connection until the first send.
 * @param url `smtp://[user:pass@]host[:port]` or `smtps://…` (user and password URL-encoded).
 */
export function createMailTransport(url: string): MailTransport {
  return createTransport({
    url,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
}
