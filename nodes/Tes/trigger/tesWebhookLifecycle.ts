// The TES trigger's webhookMethods: find our webhook by URL (adopting it, never adding a second
// one), register it when missing, and remove it on deactivation. TES add answers neither id nor
// key, so every path learns them by listing.
import type { IHookFunctions, NodeApiError } from 'n8n-workflow';

import { toNodeError } from '../../shared/actions/toNodeError';
import { unknownRegistrationNotRemoved } from '../../shared/trigger/unknownRegistrationNotRemoved';
import type { TesBrand } from '../TesBrand';
import {
	addTesWebhookAndFind,
	deleteTesWebhook,
	editTesWebhook,
	fieldsOfTesWebhook,
	listTesWebhooks,
	tesWebhooksForUrl,
	type TesWebhookFields,
} from '../transport/tesWebhooks';
import { registrationStore } from '../../shared/trigger/registrationStore';
import type { TesRegistration } from './tesRegistration';
import { desiredTesWebhook } from './tesTriggerParameters';

function sameSubscription(current: TesWebhookFields, desired: TesWebhookFields): boolean {
	return (
		current.description === desired.description &&
		current.storeLog === desired.storeLog &&
		current.events.length === desired.events.length &&
		desired.events.every((event) => current.events.includes(event))
	);
}

/** TES answers a ValidationError for an id it does not know: the webhook is already gone. */
function isAlreadyGone(error: unknown): boolean {
	return (error as NodeApiError | undefined)?.httpCode === '400';
}

export function tesWebhookMethods(brand: TesBrand) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const staticData = this.getWorkflowStaticData('node');
				const matches = tesWebhooksForUrl(await listTesWebhooks(this, brand), url);
				if (matches.length === 0) {
					registrationStore<TesRegistration>(staticData).forget(url);
					return false;
				}
				const storedId = registrationStore<TesRegistration>(staticData).read(url)?.webhookId;
				const adopted = matches.find((webhook) => webhook.webhook_id === storedId) ?? matches[0];
				// Several webhooks for our URL can only be copies left by an earlier crash: each
				// would deliver every event again.
				for (const copy of matches) {
					if (copy !== adopted) await deleteTesWebhook(this, brand, copy.webhook_id);
				}
				const desired = desiredTesWebhook(this, url);
				if (!sameSubscription(fieldsOfTesWebhook(adopted), desired)) {
					await editTesWebhook(this, brand, adopted.webhook_id, desired);
				}
				registrationStore<TesRegistration>(staticData).write(url, { webhookId: adopted.webhook_id, key: adopted.key });
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				// checkExists just found no webhook for this URL, so any webhook listed for it
				// after the add is the new one.
				const created = await addTesWebhookAndFind(this, brand, desiredTesWebhook(this, url), new Set());
				registrationStore<TesRegistration>(this.getWorkflowStaticData('node')).write(url, {
					webhookId: created.webhook_id,
					key: created.key,
				});
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const staticData = this.getWorkflowStaticData('node');
				const stored = registrationStore<TesRegistration>(staticData).read(url);
				let deletedStored = false;
				if (stored) {
					try {
						await deleteTesWebhook(this, brand, stored.webhookId);
						deletedStored = true;
					} catch (error) {
						if (!isAlreadyGone(error)) throw toNodeError(this.getNode(), error);
					}
				}
				if (!deletedStored) {
					// No id, or a stale one: whatever is registered for our URL is ours.
					let registered;
					try {
						registered = tesWebhooksForUrl(await listTesWebhooks(this, brand), url);
					} catch (error) {
						if (stored) throw toNodeError(this.getNode(), error);
						return unknownRegistrationNotRemoved(this, brand.displayName, url, error);
					}
					for (const webhook of registered) await deleteTesWebhook(this, brand, webhook.webhook_id);
				}
				registrationStore<TesRegistration>(staticData).forget(url);
				return true;
			},
		},
	};
}
