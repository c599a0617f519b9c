// The webhook registrations a trigger re-read from the provider in this process, after a key reset
// done elsewhere. The refreshed key is written to static data too, but n8n 2.x (2.41.1) does not
// save what webhook() writes there when the delivery starts an execution (README, "Scaling out"):
// without this memory every process would re-read the key once per re-read interval for as long as
// the stale key stays in the database. With it, a key reset costs each process one provider call.
// It only ever accepts a signature made with a key the provider itself answered for this webhook;
// static data stays the source of truth (a later activation stores the key for good).
import type { IWebhookFunctions } from 'n8n-workflow';

import type { Registration } from './registrationStore';

/** Webhooks a process remembers at most (one entry per served URL of a trigger node type). */
const MAX_REMEMBERED = 256;

export interface RefreshedKeys<R extends Registration> {
	recall(ctx: IWebhookFunctions, url: string): R | undefined;
	remember(ctx: IWebhookFunctions, url: string, registration: R): void;
}

/** One per trigger node type (created with the node, never at module scope). */
export function createRefreshedKeys<R extends Registration>(): RefreshedKeys<R> {
	const remembered = new Map<string, R>();
	const keyOf = (ctx: IWebhookFunctions, url: string) => `${ctx.getWorkflow().id ?? ''} ${url}`;
	return {
		recall: (ctx, url) => remembered.get(keyOf(ctx, url)),
		remember(ctx, url, registration) {
			const key = keyOf(ctx, url);
			remembered.delete(key);
			remembered.set(key, registration);
			if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
		},
	};
}
