import { createClient, KeywardError } from '@keyward/client';
import { examples, JSON_FLAG, type CommandModule } from './shared';

export const logoutCommand: CommandModule = (parent, ctx) => {
  const command = parent
    .command('logout')
    .description('End the session on the service and forget it here')
    .option(...JSON_FLAG)
    .action(async (opts: { json?: boolean }) => {
      const out = ctx.output();
      const stored = ctx.store.load();
      if (!stored) {
        if (opts.json) out.json({ message: 'Not logged in' });
        else out.line('Not logged in.');
        return;
      }
      const client = createClient({ url: stored.url });
      client.auth.setSession({
        access_token: stored.access_token,
        refresh_token: stored.refresh_token,
      });
      try {
        const answer = await client.auth.signOut();
        if (opts.json) out.json(answer);
        else out.line(`Logged out of ${stored.url}.`);
      } catch (err) {
        // A session the service no longer accepts is over already; anything else is reported
        // after the local copy is gone, so the tokens never outlive the command.
        if (!(err instanceof KeywardError && err.status === 401)) throw err;
        if (opts.json) out.json({ message: 'Session had already ended' });
        else out.line('Logged out (the session had already ended).');
      } finally {
        ctx.store.clear();
      }
    });
  examples(command, 'keyward logout');
};
