/**
 * The webhook of a finished job: a POST of JSON to the URL the job was created with, signed so the receiver
 * can check it came from this service and refuse replays (the scheme of Stripe and GitHub):
 *
 *   Vanban-Timestamp: <unix seconds>
 *   Vanban-Signature: v1=<hex HMAC-SHA256(JOB_WEBHOOK_SECRET, "<timestamp>.<body>")>
 *   Vanban-Job: <job id>
 *
 * The receiver recomputes the HMAC over the timestamp, a dot and the raw body, compares in constant time, and
 * refuses a timestamp older than a few minutes (a replay). Any answer but 2xx (a redirect too), or none within
 * 10 s, is a failure: the delivery is retried with backoff by the queue (src/jobs/runner.ts).
 *
 * Where it may go. A webhook is a request the service makes for a client, so it must not reach what the client
 * cannot (server-side request forgery): the service's own loopback, the cloud metadata address, the agency's
 * private network. Unless the operator names the receivers (JOB_WEBHOOK_HOSTS: host names, "*.suffix", IP
 * addresses; those may be private), a webhook's host must resolve only to public addresses: checked when the
 * job is created (422 with the path), and again at delivery on the address actually connected to (a name that
 * resolves elsewhere later, DNS rebinding, is refused there).
 */
import { createHmac } from 'node:crypto';
import { lookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

export const signature = (secret: string, timestamp: number, body: string) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** Addresses a webhook never reaches unless its host is named by the operator (RFC 6890 special-purpose, private). */
const SPECIAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const)
  SPECIAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const)
  SPECIAL.addSubnet(net, prefix, 'ipv6');

/** Whether an address is loopback, private, link-local or otherwise not a public host (IPv4-mapped IPv6 as IPv4). */
export function isSpecialAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return SPECIAL.check(mapped, 'ipv4');
  const family = isIP(address);
  return family === 0 || SPECIAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether the operator named this host (exactly, or under a "*.suffix" entry). */
export function namedHost(host: string, hosts: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return hosts.some((e) => {
    const entry = e.toLowerCase();
    return entry.startsWith('*.') ? h.endsWith(entry.slice(1)) : h === entry;
  });
}

const resolveAll = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) => lookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/** Why a webhook URL is refused (Vietnamese, for the 422 at the job's creation), or undefined when it may be used. */
export async function webhookProblem(raw: string, hosts: readonly string[]): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Địa chỉ webhook không hợp lệ';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Webhook phải là http hoặc https';
  if (url.username || url.password) return 'Địa chỉ webhook không được chứa tên người dùng hay mật khẩu';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (hosts.length) return namedHost(host, hosts) ? undefined : `Máy chủ "${host}" không thuộc danh sách nhận webhook của dịch vụ (JOB_WEBHOOK_HOSTS)`;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await resolveAll(host)).map((a) => a.address);
  } catch {
    return `Không phân giải được máy chủ "${host}" của webhook`;
  }
  const special = addresses.find(isSpecialAddress);
  return special ? `Webhook không được trỏ tới địa chỉ nội bộ hay đặc biệt (${host} là ${special}); nhờ quản trị viên thêm máy nhận vào JOB_WEBHOOK_HOSTS nếu đó là máy nhận nội bộ` : undefined;
}

/** A resolver for the connection that refuses special addresses: the address checked is the address connected to. */
function publicOnlyLookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: (...a: unknown[]) => void): void {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err);
    const special = addresses.find((a) => isSpecialAddress(a.address));
    if (special || !addresses.length)
      return callback(Object.assign(new Error(`webhook host ${hostname} resolves to ${special?.address ?? 'nothing'}, not a public address`), { code: 'EWEBHOOKADDRESS' }));
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

export async function deliver(raw: string, secret: string, jobId: string, payload: unknown, o: { hosts?: readonly string[]; timeoutMs?: number } = {}): Promise<void> {
  const url = new URL(raw);
  const named = namedHost(url.hostname, o.hosts ?? []);
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!named && (o.hosts?.length || (isIP(literal) && isSpecialAddress(literal))))
    throw new Error(`webhook host ${url.hostname} is not a public address nor in JOB_WEBHOOK_HOSTS`);
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const status = await new Promise<number>((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'vanban-webhook',
        'vanban-timestamp': String(timestamp),
        'vanban-signature': signature(secret, timestamp, body),
        'vanban-job': jobId,
      },
      ...(named ? {} : { lookup: publicOnlyLookup as never }),
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    req.once('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end(body);
  });
  if (status < 200 || status > 299) throw new Error(`webhook answered ${status}`);
}
