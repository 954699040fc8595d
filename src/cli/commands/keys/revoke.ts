import { confirmedKeyAction } from './confirmed-key-action';

export const revokeKeyCommand = confirmedKeyAction({
  name: 'revoke',
  description: 'Revoke an API key: it stops working at once and stays listed',
  question: (key) => `Revoke API key "${key.name}" (${key.key_prefix}…)? It stops working at once.`,
  declined: 'Not revoked.',
  done: (id) => `Revoked API key ${id}.`,
  call: (client, id) => client.management.apiKeys.revoke(id),
});
