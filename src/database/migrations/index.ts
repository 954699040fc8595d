import { InitialSchema1795799287554 } from './1795799287554-InitialSchema';
import { SessionGeneration1795800517685 } from './1795800517685-SessionGeneration';
import { SessionPreviousToken1795900000000 } from './1795900000000-SessionPreviousToken';
import { ApiKeyListing1796000000000 } from './1796000000000-ApiKeyListing';
import { ApiKeyRotation1796100000000 } from './1796100000000-ApiKeyRotation';
import { KeyLimits1796200000000 } from './1796200000000-KeyLimits';
import { AuditLog1796300000000 } from './1796300000000-AuditLog';
import { KeyUsage1796400000000 } from './1796400000000-KeyUsage';
import { KeyChanges1796600000000 } from './1796600000000-KeyChanges';
import { Webhooks1796500000000 } from './1796500000000-Webhooks';
import { CreditsBalanceSet1796700000000 } from './1796700000000-CreditsBalanceSet';

// Every migration, in order. `npm run migration:generate -- src/database/migrations/Name` writes
// a new file here; add its class to this list.
export const MIGRATIONS = [
  InitialSchema1795799287554,
  SessionGeneration1795800517685,
  SessionPreviousToken1795900000000,
  ApiKeyListing1796000000000,
  ApiKeyRotation1796100000000,
  KeyLimits1796200000000,
  AuditLog1796300000000,
  KeyUsage1796400000000,
  KeyChanges1796600000000,
  Webhooks1796500000000,
  CreditsBalanceSet1796700000000,
];
