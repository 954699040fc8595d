import { confirmedKeyAction } from './confirmed-key-action';

export const deleteKeyCommand = confirmedKeyAction({
  name: 'delete',
  description: 'Delete an API key for good',
  question: (key) => `Delete API key "${key.name}" (${key.key_prefix}…) for good?`,
  declined: 'Not deleted.',
  done: (id) => `Deleted API key ${id}.`,
  call: (client, id) => client.management.apiKeys.delete(id),
});
