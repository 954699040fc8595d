import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pollUntil } from '../../helpers/keyed';

export interface ReceivedEvent {
  id: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  raw: string;
  event: ReceivedEvent;
  /** The status this receiver answered. */
  answered: number;
}

/**
 * A real HTTP receiver on loopback. `answer` decides each status (default 200); every request
 * is kept, answered or not, in arrival order.
 */
export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  answer: (event: ReceivedEvent, previous: ReceivedRequest[]) => number = () => 200;
  private server?: Server;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** Events answered 2xx, in the order they were accepted. */
  accepted(): ReceivedEvent[] {
    return this.requests.filter((r) => r.answered < 300).map((r) => r.event);
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const event = JSON.parse(raw) as ReceivedEvent;
        const answered = this.answer(event, this.requests);
        this.requests.push({ headers: req.headers, raw, event, answered });
        res.statusCode = answered;
        res.end(answered < 300 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((done) => this.server?.listen(port, '127.0.0.1', done));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  /** Waits until `check` holds on the accepted events; fails the test after `giveUpMs`. */
  async waitFor(
    check: (accepted: ReceivedEvent[]) => boolean,
    giveUpMs = 15_000,
  ): Promise<ReceivedEvent[]> {
    const took = await pollUntil(() => Promise.resolve(check(this.accepted())), {
      everyMs: 25,
      giveUpMs,
    });
    if (took === null) {
      throw new Error(
        `Receiver: condition not met; accepted ${JSON.stringify(this.accepted().map((e) => e.type))}`,
      );
    }
    return this.accepted();
  }
}
