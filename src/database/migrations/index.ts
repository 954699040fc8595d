import { InitialSchema1795799287554 } from './1795799287554-InitialSchema';
import { SessionGeneration1795800517685 } from './1795800517685-SessionGeneration';
import { SessionPreviousToken1795900000000 } from './1795900000000-SessionPreviousToken';
import { ApiKeyListing1796000000000 } from './1796000000000-ApiKeyListing';
import { Webhooks1796500000000 } from './1796500000000-Webhooks';

// Every migration, in order. `npm run migration:generate -- src/database/migrations/Name` writes
// a new file here; add its class to this list.
export const MIGRATIONS = [
  InitialSchema1795799287554,
  SessionGeneration1795800517685,
  SessionPreviousToken1795900000000,
  ApiKeyListing1796000000000,
  Webhooks1796500000000,
];
