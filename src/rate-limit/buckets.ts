/** Bucket names, shared by CallerBudgetGuard and the verify endpoint so both spend one budget. */
export const keyBucket = (apiKeyId: string): string => `caller:key:${apiKeyId}`;
export const userBucket = (userId: string): string => `caller:user:${userId}`;
/** A client IP's failed authentications, spent in process only (AuthFailureBudget). */
export const authFailureBucket = (ip: string): string => `auth-failure:${ip}`;
