import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_URL = 'http://localhost:8080';

/** The environment the command line reads, read in this one place. */
export interface CliEnv {
  /** KEYWARD_URL: the service `login` signs in to unless `--url` is given. */
  url: string;
  /** KEYWARD_PASSWORD: the password for `login`, for scripts; a prompt asks otherwise. */
  password: string | undefined;
  /** Where session.json lives: $XDG_CONFIG_HOME/keyward, by default ~/.config/keyward. */
  configDir: string;
  /** Colours only on a terminal and only while NO_COLOR is unset (https://no-color.org). */
  noColor: boolean;
}

export function readCliEnv(env: NodeJS.ProcessEnv): CliEnv {
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return {
    url: env.KEYWARD_URL || DEFAULT_URL,
    password: env.KEYWARD_PASSWORD || undefined,
    configDir: join(configHome, 'keyward'),
    noColor: env.NO_COLOR !== undefined,
  };
}
