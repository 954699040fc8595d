import type { CreateAPIKeyResponse } from '@keyward/client';
import { printKey } from '../../output';
import { integer } from '../shared';
import { confirmedKeyAction } from './confirmed-key-action';

interface RotateOptions {
  gracePeriod?: number;
}

/** The service's default grace, for the question (the request leaves it to the service). */
const DEFAULT_GRACE_SECONDS = 3600;

export const rotateKeyCommand = confirmedKeyAction<RotateOptions, CreateAPIKeyResponse>({
  name: 'rotate',
  description:
    'Give an API key a new secret (shown once); the current one keeps working for the grace period',
  options: (command) =>
    void command.option(
      '--grace-period <seconds>',
      'how long the current secret keeps working, 0 to 604800 (the service defaults to 3600)',
      integer(0, 604_800),
    ),
  question: (key, opts) => {
    const grace = opts.gracePeriod ?? DEFAULT_GRACE_SECONDS;
    const previous =
      grace === 0
        ? 'Its current secret stops working at once.'
        : `Its current secret keeps working for ${grace} s.`;
    return `Rotate API key "${key.name}" (${key.key_prefix}…)? ${previous}`;
  },
  declined: 'Not rotated.',
  done: (id) => `Rotated API key ${id}.`,
  show: (out, { api_key, key }) => {
    out.line();
    printKey(out, api_key);
    out.line();
    out.line(out.style('bold', key));
    out.line(out.style('yellow', 'Store this key now: it is not shown again.'));
  },
  call: (client, id, opts) =>
    client.management.apiKeys.rotate(
      id,
      opts.gracePeriod === undefined ? {} : { grace_period_seconds: opts.gracePeriod },
    ),
  examples: [
    'keyward keys rotate 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11 --grace-period 86400 --yes',
    'keyward keys rotate 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11 --grace-period 0 --yes --json | jq -r .key',
  ],
});
