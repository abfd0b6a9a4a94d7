/**
 * Where a job's webhook may go (src/jobs/webhook.ts): public hosts only unless the operator names the receivers,
 * checked when the job is created and again on the address the delivery connects to. Real DNS (localhost) and a
 * real HTTP receiver on loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, isSpecialAddress, signature, webhookProblem } from '../../src/jobs/webhook.js';

let server: Server;
let port = 0;
const received: { headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('webhook receivers', () => {
  it('knows the special addresses: loopback, private, link-local, CGNAT, unique-local, IPv4-mapped', () => {
    for (const a of ['127.0.0.1', '10.2.3.4', '172.20.0.1', '192.168.1.10', '169.254.169.254', '100.64.1.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1'])
      expect(isSpecialAddress(a), a).toBe(true);
    for (const a of ['93.184.215.14', '14.225.7.10', '2606:4700::6810:85e5']) expect(isSpecialAddress(a), a).toBe(false);
  });

  it('refuses at creation what is not a public host, unless the operator named it', async () => {
    for (const url of ['http://127.0.0.1:1/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://10.1.2.3/hook', 'http://localhost/hook'])
      expect(await webhookProblem(url, []), url).toMatch(/nội bộ hay đặc biệt/);
    expect(await webhookProblem('ftp://example.vn/', [])).toMatch(/http hoặc https/);
    expect(await webhookProblem('https://user:pw@93.184.215.14/', [])).toMatch(/mật khẩu/);
    expect(await webhookProblem('https://93.184.215.14/hook', [])).toBeUndefined();
    const named = ['10.0.0.5', '*.gov.vn', 'hooks.internal'];
    expect(await webhookProblem('http://10.0.0.5/hook', named)).toBeUndefined();
    expect(await webhookProblem('https://egov.thanhhoa.gov.vn/hook', named)).toBeUndefined();
    expect(await webhookProblem('https://gov.vn.evil.example/hook', named)).toMatch(/JOB_WEBHOOK_HOSTS/);
    expect(await webhookProblem('https://93.184.215.14/hook', named)).toMatch(/JOB_WEBHOOK_HOSTS/);
  });

  it('refuses at delivery a name that resolves to loopback (the address connected to is checked): nothing is sent', async () => {
    const before = received.length;
    await expect(deliver(`http://localhost:${port}/hook`, 'secret-0123456789abcdef', 'job-1', { ok: true })).rejects.toThrow(/not a public address/);
    await expect(deliver(`http://127.0.0.1:${port}/hook`, 'secret-0123456789abcdef', 'job-1', { ok: true })).rejects.toThrow(/not a public address/);
    expect(received.length).toBe(before);
  });

  it('delivers to a named receiver, signed', async () => {
    await deliver(`http://localhost:${port}/hook`, 'secret-0123456789abcdef', 'job-2', { job: 'job-2' }, { hosts: ['localhost'] });
    const got = received.at(-1)!;
    expect(got.body).toBe('{"job":"job-2"}');
    expect(got.headers['vanban-signature']).toBe(signature('secret-0123456789abcdef', Number(got.headers['vanban-timestamp']), got.body));
    expect(got.headers['vanban-job']).toBe('job-2');
  });
});
