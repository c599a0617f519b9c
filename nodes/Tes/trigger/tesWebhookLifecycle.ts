// The TES trigger's webhookMethods: the shared lifecycle (shared/trigger/webhookLifecycle.ts) with
// what only TES does. Its add answers neither id nor key, so both are learnt from the list the
// lifecycle reads after every registration; the key is listed too, so adopting a webhook needs
// nothing but its subscription brought up to date.
import type { IHookFunctions } from 'n8n-workflow';

import { webhookMethods } from '../../shared/trigger/webhookLifecycle';
import type { WebhookAdapter } from '../../shared/trigger/webhookAdapter';
import type { TesBrand } from '../TesBrand';
import {
	addTesWebhook,
	deleteTesWebhookIfExists,
	editTesWebhook,
	fieldsOfTesWebhook,
	listTesWebhooks,
	TES_ADD_ATTEMPTS,
	tesWebhookIdentity,
	type TesWebhook,
	type TesWebhookFields,
} from '../transport/tesWebhooks';
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

export function tesWebhookAdapter(brand: TesBrand): WebhookAdapter<TesWebhook, TesRegistration> {
	return {
		...tesWebhookIdentity,
		providerName: brand.displayName,
		registerAttempts: TES_ADD_ATTEMPTS,
		list: async (ctx: IHookFunctions) => await listTesWebhooks(ctx, brand),
		async register(ctx, url) {
			await addTesWebhook(ctx, brand, desiredTesWebhook(ctx, url));
			return {};
		},
		async reconcile(ctx, url, webhook) {
			const desired = desiredTesWebhook(ctx, url);
			if (!sameSubscription(fieldsOfTesWebhook(webhook), desired)) {
				await editTesWebhook(ctx, brand, webhook.webhook_id, desired);
			}
			return { webhookId: webhook.webhook_id, key: webhook.key };
		},
		remove: async (ctx, webhookId) => await deleteTesWebhookIfExists(ctx, brand, webhookId),
	};
}

export function tesWebhookMethods(brand: TesBrand) {
	return webhookMethods(tesWebhookAdapter(brand));
}
