import { Agent, request, type IncomingHttpHeaders } from 'node:http';

/**
 * A raw HTTP client for the fuzzer: it sends exactly what it is given (no JSON encoding, no
 * default Content-Type, repeated headers, bodies with any bytes), which supertest cannot.
 */

export interface RawRequest {
  method: string;
  /** Already encoded: path and query string. */
  path: string;
  /** In order; a name may repeat (it is then sent as several header lines). */
  headers: [string, string][];
  body?: Buffer | string;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  body: unknown;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export function destroyAgent(): void {
  agent.destroy();
}

export function send(port: number, req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request({
      host: '127.0.0.1',
      port,
      method: req.method.toUpperCase(),
      path: req.path,
      agent,
    });
    const grouped = new Map<string, { name: string; values: string[] }>();
    for (const [name, value] of req.headers) {
      const entry = grouped.get(name.toLowerCase()) ?? { name, values: [] };
      entry.values.push(value);
      grouped.set(name.toLowerCase(), entry);
    }
    for (const { name, values } of grouped.values()) {
      outgoing.setHeader(name, values.length === 1 ? values[0] : values);
    }
    const body =
      req.body === undefined
        ? undefined
        : typeof req.body === 'string'
          ? Buffer.from(req.body, 'utf8')
          : req.body;
    if (body !== undefined) outgoing.setHeader('Content-Length', body.length);
    outgoing.on('error', reject);
    outgoing.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = text.length > 0 ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
    });
    outgoing.end(body);
  });
}
