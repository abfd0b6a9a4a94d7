/**
 * The webhook of a finished job: a POST of JSON to the URL the job was created with, signed so the receiver
 * can check it came from this service and refuse replays (the scheme of Stripe and GitHub):
 *
 *   Vanban-Timestamp: <unix seconds>
 *   Vanban-Signature: v1=<hex HMAC-SHA256(JOB_WEBHOOK_SECRET, "<timestamp>.<body>")>
 *   Vanban-Job: <job id>
 *
 * The receiver recomputes the HMAC over the timestamp, a dot and the raw body, compares in constant time, and
 * refuses a timestamp older than a few minutes (a replay). Any answer but 2xx, or none within 10 s, is a failure:
 * the delivery is retried with backoff by the queue (src/jobs/runner.ts).
 */
import { createHmac } from 'node:crypto';

export const signature = (secret: string, timestamp: number, body: string) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export async function deliver(url: string, secret: string, jobId: string, payload: unknown, timeoutMs = 10_000): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const r = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'vanban-webhook',
      'vanban-timestamp': String(timestamp),
      'vanban-signature': signature(secret, timestamp, body),
      'vanban-job': jobId,
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await r.body?.cancel();
  if (r.status < 200 || r.status > 299) throw new Error(`webhook answered ${r.status}`);
}
