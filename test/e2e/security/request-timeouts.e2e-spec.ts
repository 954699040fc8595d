import { connect, type AddressInfo } from 'node:net';
import { API, sleep, STRONG_PASSWORD, uniqueEmail } from '../../helpers/factories';
import { startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * A client that starts a request and never finishes it (silent, or trickling a byte now and
 * then) must not hold its connection: after REQUEST_TIMEOUT_MS it gets a 408 in the contract's
 * shape and the connection is closed. Driven over a raw socket, as no HTTP client sends half a
 * request on purpose.
 */
const REQUEST_TIMEOUT_MS = 1500;
/** The bound plus Node's checking interval and a margin for a loaded machine. */
const CLOSED_WITHIN_MS = 5000;

interface RawAnswer {
  status: number | null;
  headers: string;
  body: string;
  closed: boolean;
  elapsedMs: number;
}

/**
 * Opens a connection, writes `head`, then hands the socket to `drip` (which may keep writing)
 * and collects whatever comes back until the server closes the connection or `giveUpMs` passes.
 */
function rawRequest(
  port: number,
  head: string,
  drip: (write: (chunk: string) => boolean) => Promise<void> = () => Promise.resolve(),
  giveUpMs = CLOSED_WITHIN_MS + 3000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let closed = false;
    const finish = (): void => {
      clearTimeout(timer);
      const [headers, ...rest] = received.split('\r\n\r\n');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(headers ?? '');
      resolve({
        status: status ? Number(status[1]) : null,
        headers: headers ?? '',
        body: rest.join('\r\n\r\n'),
        closed,
        elapsedMs: Date.now() - started,
      });
      socket.destroy();
    };
    const timer = setTimeout(finish, giveUpMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => undefined); // a reset after the answer still counts as closed
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.once('connect', () => {
      socket.write(head);
      drip((chunk) => !closed && socket.write(chunk)).catch(reject);
    });
  });
}

function expectTimedOut(answer: RawAnswer): void {
  expect({
    status: answer.status,
    closed: answer.closed,
    json: /content-type: application\/json; charset=utf-8/i.test(answer.headers),
  }).toEqual({ status: 408, closed: true, json: true });
  expect(JSON.parse(answer.body)).toEqual({
    error: expect.any(String) as unknown,
    code: 'request_timeout',
  });
  expect(answer.elapsedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
  expect(answer.elapsedMs).toBeLessThan(CLOSED_WITHIN_MS);
}

const signupHead = (contentLength: number): string =>
  `POST ${API}/auth/signup HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
  `Content-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n`;

describe('slow and stalled requests', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startListeningApp({ REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
    port = (t.http.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('answers 408 and closes the connection when a body stops arriving', async () => {
    const answer = await rawRequest(port, signupHead(100) + '{"email": "a@');
    expectTimedOut(answer);
  });

  it('answers 408 and closes the connection when a body trickles in a byte at a time', async () => {
    const body = JSON.stringify({ email: uniqueEmail(), password: STRONG_PASSWORD });
    const answer = await rawRequest(port, signupHead(body.length), async (write) => {
      for (const byte of body) {
        await sleep(300);
        if (!write(byte)) return;
      }
    });
    expectTimedOut(answer);
  });

  it('answers 408 and closes the connection when the request headers never end', async () => {
    const answer = await rawRequest(port, `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    expectTimedOut(answer);
  });

  it('still serves a slow request that completes within the bound', async () => {
    const body = JSON.stringify({ email: uniqueEmail(), password: STRONG_PASSWORD });
    const third = Math.ceil(body.length / 3);
    const answer = await rawRequest(port, signupHead(body.length), async (write) => {
      for (let i = 0; i < body.length; i += third) {
        await sleep(250);
        write(body.slice(i, i + third));
      }
    });
    expect({
      status: answer.status,
      code: (JSON.parse(answer.body) as { code?: string }).code,
    }).toEqual({ status: 201, code: undefined });
    expect(answer.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS);
  });
});
