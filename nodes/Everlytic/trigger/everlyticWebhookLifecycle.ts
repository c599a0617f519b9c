// The Everlytic trigger's webhookMethods: the shared lifecycle (shared/trigger/webhookLifecycle.ts)
// with what only Everlytic does. Everlytic has no signatures: the Basic username and password this
// node chooses are the receiver's only protection, and Everlytic never returns the password, so a
// webhook whose password this node does not know (adopted by URL, or a create that landed after
// its answer was lost) gets fresh credentials by PUT.
import { randomBytes } from 'node:crypto';

import type { IHookFunctions } from 'n8n-workflow';

import { webhookMethods } from '../../shared/trigger/webhookLifecycle';
import type { WebhookAdapter } from '../../shared/trigger/webhookAdapter';
import {
	deleteEverlyticWebhook,
	everlyticWebhookIdentity,
	EVERLYTIC_WEBHOOK_DEFAULTS,
	fieldsOfEverlyticWebhook,
	listEverlyticWebhooks,
	postEverlyticWebhook,
	replaceEverlyticWebhook,
	type EverlyticReceiverAuth,
	type EverlyticWebhook,
	type EverlyticWebhookFields,
} from '../transport/everlyticWebhooks';
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
	known: EverlyticRegistration | undefined,
	webhook: EverlyticWebhook,
): EverlyticReceiverAuth | undefined {
	if (!known || known.webhookId !== webhook.id || webhook.auth_type !== 'basic') return undefined;
	if (!known.username || !known.password) return undefined;
	return { username: known.username, password: known.password };
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
	known: EverlyticRegistration | undefined,
): Promise<EverlyticRegistration> {
	const eventTypes = desiredEverlyticEventTypes(ctx);
	const credentials = knownCredentials(known, webhook);
	if (credentials && !needsUpdate(webhook, eventTypes)) return { webhookId: webhook.id, ...credentials };
	const receiverAuth = credentials ?? newReceiverCredentials();
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

export const everlyticWebhookAdapter: WebhookAdapter<EverlyticWebhook, EverlyticRegistration> = {
	...everlyticWebhookIdentity,
	providerName: 'Everlytic',
	// No URL check on create: when a failed create did not land, n8n's own retry of the activation
	// (or the user's) sends it again.
	registerAttempts: 1,
	list: async (ctx) => await listEverlyticWebhooks(ctx),
	async register(ctx, url) {
		const receiverAuth = newReceiverCredentials();
		const created = await postEverlyticWebhook(
			ctx,
			newWebhookFields(url, desiredEverlyticEventTypes(ctx), receiverAuth),
		);
		return { webhookId: created.id, ...receiverAuth };
	},
	reconcile: adoptWebhook,
	remove: deleteEverlyticWebhook,
};

export const everlyticWebhookMethods = webhookMethods(everlyticWebhookAdapter);
