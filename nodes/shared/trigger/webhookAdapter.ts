// What a provider tells the shared webhook lifecycle (webhookLifecycle.ts): how to list, register,
// adopt and remove its webhooks. Everything else (adopt by URL, one webhook per URL, settling
// writes whose answer was lost, the registration store) is the lifecycle's.
import type { IHookFunctions } from 'n8n-workflow';

import type { WebhookIdentity } from '../sameWebhookUrl';
import type { Registration } from './registrationStore';

export interface WebhookAdapter<W, R extends Registration> extends WebhookIdentity<W> {
	/** The provider's name in messages, e.g. "Sarv". */
	readonly providerName: string;
	/**
	 * How often a registration is sent in one activation, counting the first, when reading back
	 * showed that the failed one did not land.
	 */
	readonly registerAttempts: number;
	list(ctx: IHookFunctions): Promise<W[]>;
	/**
	 * Registers `url` as the trigger wants it. Resolves with what only this node knows of the new
	 * webhook (a password it chose) and its id when the answer gives one.
	 */
	register(ctx: IHookFunctions, url: string): Promise<Partial<R>>;
	/**
	 * Makes a webhook found for `url` deliver what the trigger wants, and returns what to remember.
	 * `known`: what this node already knows of that very webhook, if anything.
	 */
	reconcile(ctx: IHookFunctions, url: string, webhook: W, known: R | undefined): Promise<R>;
	/** Deletes by id; false when the provider answers that it has no such webhook. */
	remove(ctx: IHookFunctions, webhookId: string): Promise<boolean>;
}
