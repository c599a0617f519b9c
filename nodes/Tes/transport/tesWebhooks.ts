// Typed TES webhook calls, shared by the action operations and the trigger lifecycle.
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ProviderContext } from '../../shared/transport/providerRequest';
import { toNodeError } from '../../shared/actions/toNodeError';
import { webhooksForUrl, type WebhookIdentity } from '../../shared/sameWebhookUrl';
import { writeOnceSettled } from '../../shared/transport/writeOnceSettled';
import { tesApiRequest } from './tesApiRequest';
import type { TesBrand } from '../TesBrand';

/**
 * How often an add is sent, counting the first, when reading back showed that a failed one did
 * not land. TES checks the URL during the add, and n8n's own retry of a failed activation does not
 * bring back the GET webhook that check needs, so the add is retried here.
 */
export const TES_ADD_ATTEMPTS = 3;

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

/** Fewer attempts or a shorter timeout than the transport's default, e.g. for a trigger's re-read. */
export type TesCallBounds = { maxAttempts?: number; timeoutMs?: number };

export async function listTesWebhooks(
	ctx: ProviderContext,
	brand: TesBrand,
	bounds: TesCallBounds = {},
): Promise<TesWebhook[]> {
	const answer = await tesApiRequest(ctx, brand, 'settings/listWebhook', {}, { ...bounds, idempotent: true });
	const list = Array.isArray(answer.webhook_list) ? (answer.webhook_list as IDataObject[]) : [];
	return list.map(asTesWebhook);
}

export async function getTesWebhook(
	ctx: ProviderContext,
	brand: TesBrand,
	webhookId: string,
	bounds: TesCallBounds = {},
): Promise<TesWebhook> {
	const answer = await tesApiRequest(
		ctx,
		brand,
		'settings/getWebhookInfo',
		{ webhook_id: webhookId },
		{ ...bounds, idempotent: true },
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

/**
 * TES's answer for a webhook_id it does not know: a ValidationError about the webhook id ("Invalid
 * webhook_id", see docs/providers.md). Any other refusal, a ValidationError included, is not.
 */
export function isTesWebhookNotFound(error: unknown): boolean {
	const body = (error as { errorResponse?: IDataObject } | undefined)?.errorResponse;
	// The error's kind comes as `name` or as `type` (docs/providers.md, "Errors").
	return (
		(body?.name ?? body?.type) === 'ValidationError' &&
		typeof body?.message === 'string' &&
		/webhook[_ ]?id|webhook not found/i.test(body.message)
	);
}

/** Deletes a webhook; false when TES answers that it has no webhook with that id. */
export async function deleteTesWebhookIfExists(
	ctx: ProviderContext,
	brand: TesBrand,
	webhookId: string,
): Promise<boolean> {
	try {
		await deleteTesWebhook(ctx, brand, webhookId);
		return true;
	} catch (error) {
		if (isTesWebhookNotFound(error)) return false;
		throw toNodeError(ctx.getNode(), error);
	}
}

export const tesWebhookIdentity: WebhookIdentity<TesWebhook> = {
	idOf: (webhook) => webhook.webhook_id,
	urlOf: (webhook) => webhook.url,
	createdAt: (webhook) => Number(webhook.create_date ?? 0),
};

/** The webhooks registered for a URL, newest first (TES allows several for one URL). */
export function tesWebhooksForUrl(webhooks: TesWebhook[], url: string): TesWebhook[] {
	return webhooksForUrl(webhooks, url, tesWebhookIdentity);
}

/**
 * Adds a webhook and reads it back: the add call answers neither id nor key, so the new webhook
 * is the one for this URL that was not there before (not in `knownIds`). An add whose answer was
 * lost is settled by listing, and sent again only when it did not land: n8n's own retry of a
 * failed trigger activation does not bring back the GET webhook the provider's URL check needs.
 */
export async function addTesWebhookAndFind(
	ctx: ProviderContext,
	brand: TesBrand,
	fields: TesWebhookFields,
	knownIds: Set<string>,
): Promise<TesWebhook> {
	const { found: created } = await writeOnceSettled(ctx, {
		write: async () => await addTesWebhook(ctx, brand, fields),
		readBack: async () =>
			tesWebhooksForUrl(await listTesWebhooks(ctx, brand), fields.url).find(
				(webhook) => !knownIds.has(webhook.webhook_id),
			),
		landed: (webhook) => webhook !== undefined,
		attempts: TES_ADD_ATTEMPTS,
	});
	if (!created) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${brand.displayName} accepted the webhook but does not list it for ${fields.url}`,
		);
	}
	return created;
}
