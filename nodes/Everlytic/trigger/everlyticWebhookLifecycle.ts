// The Everlytic trigger's webhookMethods: find our webhook by URL (adopting it, never adding a
// second one), register it when missing, and remove it on deactivation. Everlytic has no
// signatures: the Basic username and password this node chooses are the receiver's only
// protection, and Everlytic never returns the password, so a webhook whose password this node no
// longer knows gets a fresh one.
import { randomBytes } from 'node:crypto';

import type { IHookFunctions } from 'n8n-workflow';

import { toNodeError } from '../../shared/actions/toNodeError';
import { unknownRegistrationNotRemoved } from '../../shared/trigger/unknownRegistrationNotRemoved';
import {
	createEverlyticWebhook,
	deleteEverlyticWebhook,
	everlyticWebhooksForUrl,
	EVERLYTIC_WEBHOOK_DEFAULTS,
	fieldsOfEverlyticWebhook,
	listEverlyticWebhooks,
	replaceEverlyticWebhook,
	type EverlyticReceiverAuth,
	type EverlyticWebhook,
	type EverlyticWebhookFields,
} from '../transport/everlyticWebhooks';
import { registrationStore } from '../../shared/trigger/registrationStore';
import type { EverlyticRegistration } from './everlyticRegistration';
import { desiredEverlyticEventTypes } from './everlyticTriggerParameters';

/** A random Basic username and password, URL-safe and free of ':' (RFC 7617 forbids it in the username). */
export function newReceiverCredentials(): EverlyticReceiverAuth {
	return {
		username: `n8n-${randomBytes(12).toString('base64url')}`,
		password: randomBytes(24).toString('base64url'),
	};
}

/** The credentials deliveries to `webhook` carry, when this node chose them and still has them. */
function knownCredentials(
	stored: EverlyticRegistration | undefined,
	webhook: EverlyticWebhook,
): EverlyticReceiverAuth | undefined {
	if (!stored || stored.webhookId !== webhook.id || webhook.auth_type !== 'basic') return undefined;
	if (!stored.username || !stored.password) return undefined;
	return { username: stored.username, password: stored.password };
}

/**
 * What this node owns on its webhook: the events, POST, enabled, our Basic credentials. Content
 * type, field set and include_html of an adopted webhook are kept: every combination is understood.
 */
function needsUpdate(webhook: EverlyticWebhook, eventTypes: string[]): boolean {
	const current = new Set(webhook.event_types);
	return (
		current.size !== eventTypes.length ||
		!eventTypes.every((type) => current.has(type)) ||
		webhook.verb.toLowerCase() !== EVERLYTIC_WEBHOOK_DEFAULTS.verb ||
		webhook.status !== EVERLYTIC_WEBHOOK_DEFAULTS.status
	);
}

function newWebhookFields(
	url: string,
	eventTypes: string[],
	receiverAuth: EverlyticReceiverAuth,
): EverlyticWebhookFields {
	return {
		url,
		eventTypes,
		verb: EVERLYTIC_WEBHOOK_DEFAULTS.verb,
		status: EVERLYTIC_WEBHOOK_DEFAULTS.status,
		contentType: EVERLYTIC_WEBHOOK_DEFAULTS.contentType,
		fieldSet: EVERLYTIC_WEBHOOK_DEFAULTS.fieldSet,
		includeHtml: EVERLYTIC_WEBHOOK_DEFAULTS.includeHtml,
		authType: 'basic',
		receiverAuth,
	};
}

/**
 * Adopts a webhook registered for our URL: brings what we own up to date and makes sure we know
 * its password. PUT replaces the whole webhook, and leaving auth_details out would remove them,
 * so every PUT carries credentials: the known ones, else fresh ones.
 */
async function adoptWebhook(
	ctx: IHookFunctions,
	url: string,
	webhook: EverlyticWebhook,
	stored: EverlyticRegistration | undefined,
): Promise<EverlyticRegistration> {
	const eventTypes = desiredEverlyticEventTypes(ctx);
	const known = knownCredentials(stored, webhook);
	if (known && !needsUpdate(webhook, eventTypes)) return { webhookId: webhook.id, ...known };
	const receiverAuth = known ?? newReceiverCredentials();
	await replaceEverlyticWebhook(ctx, webhook.id, {
		...fieldsOfEverlyticWebhook(webhook),
		url: webhook.url || url,
		eventTypes,
		verb: EVERLYTIC_WEBHOOK_DEFAULTS.verb,
		status: EVERLYTIC_WEBHOOK_DEFAULTS.status,
		authType: 'basic',
		receiverAuth,
	});
	return { webhookId: webhook.id, ...receiverAuth };
}

export const everlyticWebhookMethods = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const url = this.getNodeWebhookUrl('default') as string;
			const staticData = this.getWorkflowStaticData('node');
			const matches = everlyticWebhooksForUrl(await listEverlyticWebhooks(this), url);
			if (matches.length === 0) {
				registrationStore<EverlyticRegistration>(staticData).forget(url);
				return false;
			}
			const stored = registrationStore<EverlyticRegistration>(staticData).read(url);
			const adopted = matches.find((webhook) => webhook.id === stored?.webhookId) ?? matches[0];
			// Several webhooks for our URL can only be copies left by an earlier crash: each would
			// deliver every event again.
			for (const copy of matches) {
				if (copy !== adopted) await deleteEverlyticWebhook(this, copy.id);
			}
			registrationStore<EverlyticRegistration>(staticData).write(url, await adoptWebhook(this, url, adopted, stored));
			return true;
		},

		async create(this: IHookFunctions): Promise<boolean> {
			const url = this.getNodeWebhookUrl('default') as string;
			const receiverAuth = newReceiverCredentials();
			// checkExists just found no webhook for this URL, so one listed for it after the
			// create (when the answer carries no id) is the new one.
			const created = await createEverlyticWebhook(
				this,
				newWebhookFields(url, desiredEverlyticEventTypes(this), receiverAuth),
			);
			registrationStore<EverlyticRegistration>(this.getWorkflowStaticData('node')).write(url, {
				webhookId: created.id,
				...receiverAuth,
			});
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			const url = this.getNodeWebhookUrl('default') as string;
			const staticData = this.getWorkflowStaticData('node');
			const stored = registrationStore<EverlyticRegistration>(staticData).read(url);
			try {
				// false: nothing to delete under that id ({"status":false} or "Webhook not found").
				const deletedStored = stored ? await deleteEverlyticWebhook(this, stored.webhookId) : false;
				if (!deletedStored) {
					// No id, or a stale one: whatever is registered for our URL is ours.
					let registered;
					try {
						registered = everlyticWebhooksForUrl(await listEverlyticWebhooks(this), url);
					} catch (error) {
						if (stored) throw toNodeError(this.getNode(), error);
						return unknownRegistrationNotRemoved(this, 'Everlytic', url, error);
					}
					for (const webhook of registered) await deleteEverlyticWebhook(this, webhook.id);
				}
			} catch (error) {
				throw toNodeError(this.getNode(), error);
			}
			registrationStore<EverlyticRegistration>(staticData).forget(url);
			return true;
		},
	},
};
