// Typed TES webhook calls, shared by the action operations and the trigger lifecycle.
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, type NodeApiError } from 'n8n-workflow';

import type { ProviderContext } from '../../shared/transport/providerRequest';
import { sameWebhookUrl } from '../../shared/sameWebhookUrl';
import { toNodeError } from '../../shared/actions/toNodeError';
import { tesApiRequest } from './tesApiRequest';
import type { TesBrand } from '../TesBrand';

/** How often an add that failed transiently is sent, counting the first. */
const ADD_ATTEMPTS = 3;

export interface TesWebhook extends IDataObject {
	webhook_id: string;
	url: string;
	event: string;
	key: string;
	store_log: string;
	description: string;
}

export interface TesWebhookFields {
	url: string;
	events: string[];
	description: string;
	storeLog: boolean;
}

// The docs type `key` as an integer in one table and show `webhook_id` with mixed quoting: keep
// both as strings so comparisons and HMAC keys behave the same whatever the wire type was.
function asTesWebhook(raw: IDataObject): TesWebhook {
	return {
		...raw,
		webhook_id: String(raw.webhook_id ?? ''),
		url: String(raw.url ?? ''),
		event: String(raw.event ?? ''),
		key: raw.key === undefined || raw.key === null ? '' : String(raw.key),
		store_log: String(raw.store_log ?? ''),
		description: String(raw.description ?? ''),
	};
}

export function tesEventsOf(webhook: TesWebhook): string[] {
	return webhook.event
		.split(',')
		.map((event) => event.trim())
		.filter((event) => event !== '');
}

export function fieldsOfTesWebhook(webhook: TesWebhook): TesWebhookFields {
	return {
		url: webhook.url,
		events: tesEventsOf(webhook),
		description: webhook.description,
		storeLog: webhook.store_log === 'Enable',
	};
}

function wireFields(fields: TesWebhookFields): IDataObject {
	return {
		url: fields.url,
		event: fields.events.join(','),
		description: fields.description,
		store_log: fields.storeLog ? 'Enable' : 'Disable',
	};
}

export async function listTesWebhooks(ctx: ProviderContext, brand: TesBrand): Promise<TesWebhook[]> {
	const answer = await tesApiRequest(ctx, brand, 'settings/listWebhook', {}, { idempotent: true });
	const list = Array.isArray(answer.webhook_list) ? (answer.webhook_list as IDataObject[]) : [];
	return list.map(asTesWebhook);
}

export async function getTesWebhook(
	ctx: ProviderContext,
	brand: TesBrand,
	webhookId: string,
): Promise<TesWebhook> {
	const answer = await tesApiRequest(
		ctx,
		brand,
		'settings/getWebhookInfo',
		{ webhook_id: webhookId },
		{ idempotent: true },
	);
	return asTesWebhook((answer.webhook_data as IDataObject) ?? {});
}

export async function addTesWebhook(
	ctx: ProviderContext,
	brand: TesBrand,
	fields: TesWebhookFields,
): Promise<void> {
	// Not idempotent: a retried add after a lost answer would register the URL twice.
	await tesApiRequest(ctx, brand, 'settings/addWebhook', wireFields(fields), { idempotent: false });
}

export async function editTesWebhook(
	ctx: ProviderContext,
	brand: TesBrand,
	webhookId: string,
	fields: TesWebhookFields,
): Promise<void> {
	// Whether edit clears optional fields left out is undocumented: always send the whole webhook.
	await tesApiRequest(
		ctx,
		brand,
		'settings/editWebhook',
		{ webhook_id: webhookId, ...wireFields(fields) },
		{ idempotent: true },
	);
}

export async function resetTesWebhookKey(
	ctx: ProviderContext,
	brand: TesBrand,
	webhookId: string,
): Promise<{ webhook_id: string; key: string }> {
	const answer = await tesApiRequest(
		ctx,
		brand,
		'settings/keyResetWebhook',
		{ webhook_id: webhookId },
		{ idempotent: false },
	);
	return { webhook_id: String(answer.webhook_id ?? webhookId), key: String(answer.key ?? '') };
}

export async function deleteTesWebhook(
	ctx: ProviderContext,
	brand: TesBrand,
	webhookId: string,
): Promise<void> {
	await tesApiRequest(ctx, brand, 'settings/deleteWebhook', { webhook_id: webhookId }, { idempotent: true });
}

/** The webhooks registered for a URL, newest first (TES allows several for one URL). */
export function tesWebhooksForUrl(webhooks: TesWebhook[], url: string): TesWebhook[] {
	return webhooks
		.map((webhook, position) => ({ webhook, position }))
		.filter(({ webhook }) => sameWebhookUrl(webhook.url, url))
		.sort(
			(a, b) =>
				Number(b.webhook.create_date ?? 0) - Number(a.webhook.create_date ?? 0) ||
				b.position - a.position,
		)
		.map(({ webhook }) => webhook);
}

/** A failure after which the add may or may not have been applied (5xx, broken connection). */
function mayHaveBeenApplied(error: unknown): boolean {
	const httpCode = Number((error as NodeApiError | undefined)?.httpCode ?? NaN);
	return !(httpCode >= 400 && httpCode < 500);
}

/**
 * Adds a webhook and reads it back: the add call answers neither id nor key, so the new webhook
 * is the one for this URL that was not there before. An add that fails transiently is settled
 * here by listing (and re-sent only when the webhook is not there): n8n's own retry of a failed
 * trigger activation does not bring back the GET webhook the provider's URL check needs.
 */
export async function addTesWebhookAndFind(
	ctx: ProviderContext,
	brand: TesBrand,
	fields: TesWebhookFields,
	knownIds: Set<string>,
): Promise<TesWebhook> {
	const newFor = (webhooks: TesWebhook[]) =>
		tesWebhooksForUrl(webhooks, fields.url).find((webhook) => !knownIds.has(webhook.webhook_id));
	for (let attempt = 1; ; attempt++) {
		let failure: unknown;
		try {
			await addTesWebhook(ctx, brand, fields);
		} catch (error) {
			failure = error;
		}
		if (failure !== undefined && (!mayHaveBeenApplied(failure) || attempt >= ADD_ATTEMPTS)) {
			throw toNodeError(ctx.getNode(), failure);
		}
		const created = newFor(await listTesWebhooks(ctx, brand));
		if (created) return created;
		if (failure === undefined) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${brand.displayName} accepted the webhook but does not list it for ${fields.url}`,
			);
		}
	}
}
