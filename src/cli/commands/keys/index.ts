import { examples, type CommandModule } from '../shared';
import { createKeyCommand } from './create';
import { deleteKeyCommand } from './delete';
import { getKeyCommand } from './get';
import { listKeysCommand } from './list';
import { revokeKeyCommand } from './revoke';
import { rotateKeyCommand } from './rotate';
import { updateKeyCommand } from './update';

/** `keyward keys …`: one file per subcommand, added here. */
const KEY_COMMANDS: CommandModule[] = [
  listKeysCommand,
  createKeyCommand,
  getKeyCommand,
  updateKeyCommand,
  rotateKeyCommand,
  revokeKeyCommand,
  deleteKeyCommand,
];

export const keysCommand: CommandModule = (parent, ctx) => {
  const keys = parent.command('keys').description('Manage your API keys');
  for (const add of KEY_COMMANDS) add(keys, ctx);
  examples(keys, 'keyward keys list', 'keyward keys get 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11');
};
