// Typed Everlytic webhook calls, shared by the action operations and the trigger lifecycle:
// list (every page), find by URL, get, create (reading the id wherever the answer puts it), update
// (fetch, merge, send whole), delete ("nothing to delete" is an answer, not an error), reprocess.
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { unexpectedAnswerError, type ProviderContext } from '../../shared/transport/providerRequest';
import { sameWebhookUrl } from '../../shared/sameWebhookUrl';
import { EVERLYTIC_SUBSCRIPTION_EVENTS } from '../events';
import { everlyticApiRequest, everlyticObjectAnswer, type EverlyticAnswer } from './everlyticApiRequest';

/** The event_types a webhook can subscribe to. */
export const EVERLYTIC_EVENT_TYPES = EVERLYTIC_SUBSCRIPTION_EVENTS;
export type EverlyticEventType = (typeof EVERLYTIC_EVENT_TYPES)[number];

/** A webhook as Everlytic answers it, with `settings` parsed (Everlytic sends it as a JSON string). */
export interface EverlyticWebhook extends IDataObject {
	id: string;
	url: string;
	verb: string;
	auth_type: string | null;
	/** Always null in Everlytic's answers: the stored password cannot be read back. */
	auth_details: IDataObject | null;
	status: string;
	/** Parsed; the original text only when it is not valid JSON. */
	settings: IDataObject | string;
	content_type: string;
	field_set: string;
	event_types: string[];
}

export interface EverlyticReceiverAuth {
	username: string;
	password: string;
}

/** What Everlytic stores for a webhook, in the words of this package. */
export interface EverlyticWebhookFields {
	url: string;
	eventTypes: string[];
	verb: string;
	status: string;
	contentType: string;
	fieldSet: string;
	includeHtml: boolean;
	authType: string | null;
	/**
	 * The Basic credentials the receiving URL checks. `undefined`: not sent at all (Everlytic never
	 * returns the stored password, so an update cannot send it back); `null`: remove them.
	 */
	receiverAuth?: EverlyticReceiverAuth | null;
}

export const EVERLYTIC_WEBHOOK_DEFAULTS = {
	verb: 'post',
	status: 'enabled',
	contentType: 'application/json',
	fieldSet: 'standard',
	includeHtml: false,
} as const;

/** Guards against a server whose links.next never ends. */
const MAX_PAGES = 1000;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseEverlyticSettings(raw: unknown): IDataObject | string {
	if (isObject(raw)) return raw;
	if (typeof raw !== 'string' || raw.trim() === '') return {};
	try {
		const parsed = JSON.parse(raw) as unknown;
		return isObject(parsed) ? parsed : raw;
	} catch {
		return raw;
	}
}

export function asEverlyticWebhook(raw: IDataObject): EverlyticWebhook {
	const text = (value: unknown, fallback = '') =>
		value === undefined || value === null ? fallback : String(value);
	return {
		...raw,
		id: text(raw.id),
		url: text(raw.url),
		verb: text(raw.verb),
		auth_type: raw.auth_type === undefined || raw.auth_type === null ? null : String(raw.auth_type),
		auth_details: isObject(raw.auth_details) ? raw.auth_details : null,
		status: text(raw.status),
		settings: parseEverlyticSettings(raw.settings),
		content_type: text(raw.content_type),
		field_set: text(raw.field_set),
		event_types: Array.isArray(raw.event_types) ? raw.event_types.map(String) : [],
	};
}

export function fieldsOfEverlyticWebhook(webhook: EverlyticWebhook): EverlyticWebhookFields {
	const settings = isObject(webhook.settings) ? webhook.settings : {};
	return {
		url: webhook.url,
		eventTypes: [...webhook.event_types],
		verb: webhook.verb || EVERLYTIC_WEBHOOK_DEFAULTS.verb,
		status: webhook.status || EVERLYTIC_WEBHOOK_DEFAULTS.status,
		contentType: webhook.content_type || EVERLYTIC_WEBHOOK_DEFAULTS.contentType,
		fieldSet: webhook.field_set || EVERLYTIC_WEBHOOK_DEFAULTS.fieldSet,
		includeHtml: settings.include_html === true || settings.include_html === 'true',
		authType: webhook.auth_type,
	};
}

function wireBody(fields: EverlyticWebhookFields): IDataObject {
	const body: IDataObject = {
		url: fields.url,
		verb: fields.verb,
		event_types: fields.eventTypes,
		status: fields.status,
		content_type: fields.contentType,
		field_set: fields.fieldSet,
		settings: { include_html: fields.includeHtml },
	};
	if (fields.receiverAuth) {
		body.auth_type = 'basic';
		body.auth_details = { username: fields.receiverAuth.username, password: fields.receiverAuth.password };
	} else {
		if (fields.authType) body.auth_type = fields.authType;
		if (fields.receiverAuth === null) body.auth_details = null;
	}
	return body;
}

/** The webhook in an answer: `{webhook:{...}}`, `{data:{...}}`, or the webhook itself. */
export function webhookInEverlyticAnswer(body: unknown): IDataObject | undefined {
	if (!isObject(body)) return undefined;
	if (isObject(body.webhook)) return body.webhook;
	if (isObject(body.data)) return body.data;
	if (body.id !== undefined && body.id !== null && body.id !== '') return body;
	return undefined;
}

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

/** The webhooks registered for a URL, newest first. */
export function everlyticWebhooksForUrl(webhooks: EverlyticWebhook[], url: string): EverlyticWebhook[] {
	const created = (webhook: EverlyticWebhook) => Date.parse(String(webhook.created_timestamp ?? '')) || 0;
	return webhooks
		.map((webhook, position) => ({ webhook, position }))
		.filter(({ webhook }) => sameWebhookUrl(webhook.url, url))
		.sort((a, b) => created(b.webhook) - created(a.webhook) || b.position - a.position)
		.map(({ webhook }) => webhook);
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
 * Registers a webhook and returns it with its id. Everlytic's create answer is unpublished: the
 * webhook is read from `webhook`, `data` or the answer itself; an answer with only an id is read
 * back by id; an answer without one is matched by URL in the list, preferring a webhook whose id
 * is not in `knownIds` (those that existed before).
 */
export async function createEverlyticWebhook(
	ctx: ProviderContext,
	fields: EverlyticWebhookFields,
	knownIds: ReadonlySet<string> = new Set(),
): Promise<EverlyticWebhook> {
	const answer = await everlyticApiRequest(ctx, { method: 'POST', path: '/webhooks', body: wireBody(fields) });
	const returned = webhookInEverlyticAnswer(answer.body);
	const id = idOf(returned);
	if (returned && id !== undefined) {
		return typeof returned.url === 'string' && returned.url !== ''
			? asEverlyticWebhook(returned)
			: await getEverlyticWebhook(ctx, id);
	}
	const candidates = await findEverlyticWebhooksByUrl(ctx, fields.url);
	const created = candidates.find((webhook) => !knownIds.has(webhook.id)) ?? candidates[0];
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
		body: wireBody(fields),
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
