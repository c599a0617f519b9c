// Typed Everlytic webhook calls, shared by the action operations and the trigger lifecycle:
// list (every page), find by URL, get, create (reading the id wherever the answer puts it), update
// (fetch, merge, send whole), delete ("nothing to delete" is an answer, not an error), reprocess.
// The webhook's shape lives in everlyticWebhook.ts, re-exported here.
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { unexpectedAnswerError, type ProviderContext } from '../../shared/transport/providerRequest';
import { EVERLYTIC_SUBSCRIPTION_EVENTS } from '../events';
import { everlyticApiRequest, everlyticObjectAnswer, type EverlyticAnswer } from './everlyticApiRequest';
import {
	asEverlyticWebhook,
	everlyticWebhooksForUrl,
	everlyticWireBody,
	fieldsOfEverlyticWebhook,
	isObject,
	webhookInEverlyticAnswer,
	type EverlyticWebhook,
	type EverlyticWebhookFields,
} from './everlyticWebhook';

export {
	asEverlyticWebhook,
	everlyticWebhookIdentity,
	everlyticWebhooksForUrl,
	EVERLYTIC_WEBHOOK_DEFAULTS,
	fieldsOfEverlyticWebhook,
	parseEverlyticSettings,
	webhookInEverlyticAnswer,
} from './everlyticWebhook';
export type { EverlyticReceiverAuth, EverlyticWebhook, EverlyticWebhookFields } from './everlyticWebhook';

/** The event_types a webhook can subscribe to. */
export const EVERLYTIC_EVENT_TYPES = EVERLYTIC_SUBSCRIPTION_EVENTS;
export type EverlyticEventType = (typeof EVERLYTIC_EVENT_TYPES)[number];

/** Guards against a server whose links.next never ends. */
const MAX_PAGES = 1000;

function idOf(webhook: IDataObject | undefined): string | undefined {
	const id = webhook?.id;
	return id === undefined || id === null || id === '' ? undefined : String(id);
}

function webhookPath(webhookId: string): string {
	return `/webhooks/${encodeURIComponent(webhookId)}`;
}

function webhookOf(ctx: ProviderContext, answer: EverlyticAnswer): EverlyticWebhook {
	const raw = webhookInEverlyticAnswer(answer.body);
	if (!raw) throw unexpectedAnswerError(ctx.getNode(), 'Everlytic', answer.statusCode, answer.attempts);
	return asEverlyticWebhook(raw);
}

/**
 * The next page to ask for, always on the configured base URL: only the query of links.next is
 * kept, so the Basic credentials never follow a link to another host or to plain http (a proxy
 * in front of Everlytic may build links with the wrong scheme). Without links, meta's page
 * numbers are used with Laravel's `page` parameter.
 */
function nextPagePath(page: IDataObject): string | undefined {
	const links = isObject(page.links) ? page.links : {};
	if (typeof links.next === 'string' && links.next.trim() !== '') {
		const query = new URL(links.next, 'https://base.invalid').search;
		if (query) return `/webhooks${query}`;
	}
	const meta = isObject(page.meta) ? page.meta : {};
	const current = Number(meta.current_page);
	const last = Number(meta.last_page);
	if (links.next !== null && Number.isInteger(current) && Number.isInteger(last) && current < last) {
		return `/webhooks?page=${current + 1}`;
	}
	return undefined;
}

/**
 * The account's webhooks, page after page. With `limit`, no further page is fetched once that
 * many are known.
 */
export async function listEverlyticWebhooks(
	ctx: ProviderContext,
	{ limit }: { limit?: number } = {},
): Promise<EverlyticWebhook[]> {
	const webhooks: EverlyticWebhook[] = [];
	const requested = new Set<string>();
	let path: string | undefined = '/webhooks';
	while (path !== undefined && requested.size < MAX_PAGES) {
		requested.add(path);
		const answer = await everlyticApiRequest(ctx, { method: 'GET', path });
		const page = everlyticObjectAnswer(ctx, answer);
		if (!Array.isArray(page.data)) {
			throw unexpectedAnswerError(ctx.getNode(), 'Everlytic', answer.statusCode, answer.attempts);
		}
		webhooks.push(...(page.data as unknown[]).filter(isObject).map(asEverlyticWebhook));
		if (limit !== undefined && webhooks.length >= limit) return webhooks.slice(0, limit);
		const next = nextPagePath(page);
		path = next !== undefined && !requested.has(next) ? next : undefined;
	}
	return webhooks;
}

export async function findEverlyticWebhooksByUrl(
	ctx: ProviderContext,
	url: string,
): Promise<EverlyticWebhook[]> {
	return everlyticWebhooksForUrl(await listEverlyticWebhooks(ctx), url);
}

export async function getEverlyticWebhook(
	ctx: ProviderContext,
	webhookId: string,
): Promise<EverlyticWebhook> {
	return webhookOf(ctx, await everlyticApiRequest(ctx, { method: 'GET', path: webhookPath(webhookId) }));
}

/**
 * Sends the create and returns the id its answer gives, if any. Everlytic's create answer is
 * unpublished: the webhook is read from `webhook`, `data` or the answer itself.
 */
export async function postEverlyticWebhook(
	ctx: ProviderContext,
	fields: EverlyticWebhookFields,
): Promise<{ id?: string; webhook?: IDataObject }> {
	const answer = await everlyticApiRequest(ctx, {
		method: 'POST',
		path: '/webhooks',
		body: everlyticWireBody(fields),
	});
	const webhook = webhookInEverlyticAnswer(answer.body);
	return { id: idOf(webhook), webhook };
}

/**
 * Registers a webhook and returns it with its id: an answer with only an id is read back by id;
 * an answer without one is matched by URL in the list, preferring a webhook whose id is not in
 * `knownIds` (those that existed before).
 */
export async function createEverlyticWebhook(
	ctx: ProviderContext,
	fields: EverlyticWebhookFields,
	knownIds: ReadonlySet<string> = new Set(),
): Promise<EverlyticWebhook> {
	const { id, webhook } = await postEverlyticWebhook(ctx, fields);
	if (webhook && id !== undefined) {
		return typeof webhook.url === 'string' && webhook.url !== ''
			? asEverlyticWebhook(webhook)
			: await getEverlyticWebhook(ctx, id);
	}
	const candidates = await findEverlyticWebhooksByUrl(ctx, fields.url);
	const created = candidates.find((candidate) => !knownIds.has(candidate.id)) ?? candidates[0];
	if (!created) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Everlytic accepted the webhook but does not list it for ${fields.url}`,
		);
	}
	return created;
}

/** Sends the whole webhook (PUT replaces it) and returns it as Everlytic then has it. */
export async function replaceEverlyticWebhook(
	ctx: ProviderContext,
	webhookId: string,
	fields: EverlyticWebhookFields,
): Promise<EverlyticWebhook> {
	const answer = await everlyticApiRequest(ctx, {
		method: 'PUT',
		path: webhookPath(webhookId),
		body: everlyticWireBody(fields),
	});
	const returned = webhookInEverlyticAnswer(answer.body);
	if (returned && typeof returned.url === 'string' && returned.url !== '') return asEverlyticWebhook(returned);
	return await getEverlyticWebhook(ctx, webhookId);
}

/**
 * Changes only the given fields: fetches the webhook, merges, sends it whole. The receiver's
 * password cannot be fetched, so `receiverAuth` left undefined is not sent (see
 * EverlyticWebhookFields.receiverAuth).
 */
export async function updateEverlyticWebhook(
	ctx: ProviderContext,
	webhookId: string,
	changes: Partial<EverlyticWebhookFields>,
): Promise<EverlyticWebhook> {
	const current = fieldsOfEverlyticWebhook(await getEverlyticWebhook(ctx, webhookId));
	const defined = Object.fromEntries(
		Object.entries(changes).filter(([, value]) => value !== undefined),
	) as Partial<EverlyticWebhookFields>;
	return await replaceEverlyticWebhook(ctx, webhookId, { ...current, ...defined });
}

/**
 * Deletes a webhook. False when there was nothing to delete: Everlytic answers `{"status":false}`
 * then, or "Webhook not found".
 */
export async function deleteEverlyticWebhook(ctx: ProviderContext, webhookId: string): Promise<boolean> {
	const answer = await everlyticApiRequest(ctx, {
		method: 'DELETE',
		path: webhookPath(webhookId),
		allowNotFound: true,
	});
	if (answer.notFound) return false;
	const status = isObject(answer.body) ? answer.body.status : undefined;
	return status !== false && status !== 'false';
}

/** Asks Everlytic to send again the deliveries that failed in the last 7 days. */
export async function reprocessFailedEverlyticDeliveries(ctx: ProviderContext): Promise<IDataObject> {
	const answer = await everlyticApiRequest(ctx, { method: 'GET', path: '/webhooks/failed/reprocess' });
	if (isObject(answer.body)) return answer.body;
	// The answer body is unpublished: a text or empty 2xx answer still means it was accepted.
	return typeof answer.body === 'string' && answer.body.trim() !== ''
		? { status: true, message: answer.body.trim() }
		: { status: true };
}
