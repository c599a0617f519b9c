// Every trigger's webhookMethods, built from its provider's adapter (webhookAdapter.ts). The
// provider's webhooks are matched by the URL n8n serves, and what the trigger remembers lives in
// the registration store under that URL. At most one webhook per URL survives each step: several
// can only be copies (a crash, a registration that landed after its answer was lost, two
// activations at once), and each would deliver every event again.
import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../actions/toNodeError';
import { webhooksForUrl } from '../sameWebhookUrl';
import { mayHaveBeenApplied, writeOnceSettled } from '../transport/writeOnceSettled';
import { registrationStore, type Registration } from './registrationStore';
import { unknownRegistrationNotRemoved } from './unknownRegistrationNotRemoved';
import type { WebhookAdapter } from './webhookAdapter';

export interface WebhookMethods {
	default: {
		checkExists(this: IHookFunctions): Promise<boolean>;
		create(this: IHookFunctions): Promise<boolean>;
		delete(this: IHookFunctions): Promise<boolean>;
	};
}

export function webhookMethods<W, R extends Registration>(adapter: WebhookAdapter<W, R>): WebhookMethods {
	const servedUrl = (ctx: IHookFunctions) => ctx.getNodeWebhookUrl('default') as string;
	const store = (ctx: IHookFunctions) => registrationStore<R>(ctx.getWorkflowStaticData('node'));
	const copiesFor = async (ctx: IHookFunctions, url: string) =>
		webhooksForUrl(await adapter.list(ctx), url, adapter);
	const idOf = (webhook: W) => adapter.idOf(webhook);

	/** Keeps `kept`, deletes the other webhooks for the URL. */
	async function removeCopies(ctx: IHookFunctions, copies: W[], kept: W): Promise<void> {
		for (const copy of copies) {
			if (copy !== kept) await adapter.remove(ctx, idOf(copy));
		}
	}

	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const url = servedUrl(this);
				const copies = await copiesFor(this, url);
				if (copies.length === 0) {
					store(this).forget(url);
					return false;
				}
				const stored = store(this).read(url);
				// The oldest, when none is ours: any other activation choosing among them agrees.
				const kept = copies.find((webhook) => idOf(webhook) === stored?.webhookId) ?? copies[copies.length - 1];
				await removeCopies(this, copies, kept);
				const known = stored?.webhookId === idOf(kept) ? stored : undefined;
				store(this).write(url, await adapter.reconcile(this, url, kept, known));
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const url = servedUrl(this);
				const { written, found: copies } = await writeOnceSettled(this, {
					write: async () => await adapter.register(this, url),
					readBack: async () => await copiesFor(this, url),
					landed: (found) => found.length > 0,
					attempts: adapter.registerAttempts,
				});
				if (copies.length === 0) {
					// Accepted, not listed yet: an answer that named the webhook is trusted.
					if (written?.webhookId === undefined) {
						throw new NodeOperationError(
							this.getNode(),
							`${adapter.providerName} accepted the webhook but does not list it for ${url}`,
						);
					}
					store(this).write(url, written as R);
					return true;
				}
				// Another activation running at the same time may have registered the URL too: both
				// keep the oldest. checkExists found none before, so a single webhook after an
				// answered registration is this one, even when the answer did not name it.
				const kept = copies[copies.length - 1];
				await removeCopies(this, copies, kept);
				const ours =
					written !== undefined &&
					(written.webhookId === idOf(kept) || (written.webhookId === undefined && copies.length === 1));
				const known = ours ? ({ ...written, webhookId: idOf(kept) } as R) : undefined;
				store(this).write(url, await adapter.reconcile(this, url, kept, known));
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const url = servedUrl(this);
				const stored = store(this).read(url);
				let storedRemoved = false;
				if (stored) {
					try {
						await adapter.remove(this, stored.webhookId);
						storedRemoved = true;
					} catch (error) {
						// A removal whose answer was lost is settled by the list below.
						if (!mayHaveBeenApplied(error)) throw toNodeError(this.getNode(), error);
					}
				}
				// By URL as well: copies would go on posting to a URL n8n no longer serves.
				let copies: W[];
				try {
					copies = await copiesFor(this, url);
				} catch (error) {
					if (!stored) return unknownRegistrationNotRemoved(this, adapter.providerName, url, error);
					if (!storedRemoved) throw toNodeError(this.getNode(), error);
					this.logger.warn(
						`${this.getNode().name}: removed the ${adapter.providerName} webhook for ${url} but could not ` +
							`check for copies (${(error as Error).message}).`,
						{ workflowId: this.getWorkflow().id },
					);
					copies = [];
				}
				for (const copy of copies) await adapter.remove(this, idOf(copy));
				store(this).forget(url);
				return true;
			},
		},
	};
}
