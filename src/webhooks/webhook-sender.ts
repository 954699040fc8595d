import { createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import {
  bareHost,
  blockedAddressReason,
  guardedLookup,
  parseWebhookUrl,
  UrlNotAllowed,
} from './url-guard';

export const DELIVERY_TIMEOUT_MS = 10_000;
export const MAX_STORED_RESPONSE_BYTES = 1024;

export interface SendResult {
  /** The receiver's status, when it answered at all. */
  status?: number;
  /** Its answer, cut to 1 KB. */
  body?: string;
  /** Why there was no answer. */
  error?: string;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA-256(secret, "<t>.<raw body>")>`. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * POSTs one signed event. Without `allowPrivate`, the connection goes only to addresses that
 * passed the SSRF check: an IP literal is checked here, a name by the lookup the socket uses.
 * Redirects are not followed (a 3xx is a failed attempt), so they cannot lead anywhere else.
 */
export function sendWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; signal?: AbortSignal },
): Promise<SendResult> {
  let url: URL;
  try {
    url = parseWebhookUrl(target);
  } catch (err) {
    return Promise.resolve({ error: (err as Error).message });
  }
  const host = bareHost(url);
  if (!options.allowPrivate && isIP(host)) {
    const reason = blockedAddressReason(host);
    if (reason) return Promise.resolve({ error: `refused: ${reason}` });
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Keyward-Webhooks/1',
          ...headers,
        },
        lookup: options.allowPrivate ? undefined : guardedLookup,
        signal: options.signal,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept >= MAX_STORED_RESPONSE_BYTES) return;
          chunks.push(chunk.subarray(0, MAX_STORED_RESPONSE_BYTES - kept));
          kept += Math.min(chunk.length, MAX_STORED_RESPONSE_BYTES - kept);
        });
        res.on('end', () =>
          finish({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', () =>
          finish({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ error: `timed out after ${DELIVERY_TIMEOUT_MS / 1000} s` });
    }, DELIVERY_TIMEOUT_MS);
    req.on('error', (err: NodeJS.ErrnoException) => {
      finish({
        error:
          err instanceof UrlNotAllowed
            ? `refused: ${err.message}`
            : `${err.code ?? 'error'}: ${err.message}`,
      });
    });
    req.end(body);
  });
}
