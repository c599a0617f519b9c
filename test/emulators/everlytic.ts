// Emulator of Everlytic's transactional email API v1, webhook part: Basic auth, paginated list,
// create / get / replace / delete, failed-delivery reprocessing, and event deliveries with the
// webhook's own Basic credentials. Facts come from Everlytic's published "Get Single Webhook" reference
// (cited as "doc") and docs/providers.md (cited as "providers.md"); where they are silent, a quirk switch
// plays each variant and guesses are marked GUESS.
import { randomUUID } from 'node:crypto';
import { HttpEmulator, withOrigin } from './httpEmulator';
import type { EmulatorReply, HttpEmulatorOptions, OutboundResponse, RecordedRequest } from './httpEmulator';
import {
	EVERLYTIC_EVENT_TYPES,
	isoSeconds,
	makeEverlyticLegacyEvent,
	makeEverlyticStandardEvent,
} from './everlyticEvents';
import type { EverlyticEventType } from './everlyticEvents';

export {
	EVERLYTIC_EVENT_TYPES,
	EVERLYTIC_LEGACY_EVENT_NAMES,
	makeEverlyticLegacyEvent,
	makeEverlyticStandardEvent,
} from './everlyticEvents';
export type {
	EverlyticEventType,
	EverlyticLegacyEvent,
	EverlyticRecipient,
	EverlyticStandardEntry,
	EverlyticStandardEvent,
	EverlyticStandardEventOverrides,
	EverlyticTransaction,
} from './everlyticEvents';

export const EVERLYTIC_BASE_PATH = '/transactional/email/v1';
/** doc: verb enum. */
export const EVERLYTIC_VERBS = ['get', 'put', 'post', 'patch', 'delete'] as const;
export const EVERLYTIC_CONTENT_TYPES = ['application/json', 'application/x-www-form-urlencoded'] as const;

/** A webhook as stored. Reads never return `auth_details` (doc example: null) and send `settings` as a JSON string. */
export interface EverlyticWebhook {
	/** A UUID (doc: "07a64775-ec55-40aa-b32b-7969cbf28b6a"). */
	id: string;
	url: string;
	verb: string;
	auth_type: string;
	auth_details: { username: string; password: string } | null;
	status: string;
	settings: { include_html: boolean };
	content_type: string;
	field_set: string;
	updated_timestamp: string;
	created_timestamp: string;
	event_types: string[];
}

export interface EverlyticQuirks {
	/** providers.md [?]: the create answer is unpublished. 'webhook' `{webhook:{...}}`, 'id' the webhook at top level, 'data' `{data:{...}}`, 'empty' `{}`. */
	createResponse: 'webhook' | 'id' | 'data' | 'empty';
	/** providers.md [?]: create's HTTP status. Default 200. */
	createHttpStatus: number;
	/** doc: the "Webhook not found" body says code 412 while its heading says 400. Default 412. */
	notFoundHttpStatus: number;
	/** Some accounts answer reads with the stored auth_details, password included. Default false (doc: null). */
	revealAuthDetails: boolean;
}

export const DEFAULT_EVERLYTIC_QUIRKS: Readonly<EverlyticQuirks> = {
	createResponse: 'webhook',
	createHttpStatus: 200,
	notFoundHttpStatus: 412,
	revealAuthDetails: false,
};

export interface EverlyticEmulatorOptions extends HttpEmulatorOptions {
	username: string;
	apiKey: string;
	/** Webhooks per page of GET /webhooks. Default 2, small so that paging is exercised. */
	pageSize?: number;
	quirks?: Partial<EverlyticQuirks>;
}

/**
 * How a form-urlencoded delivery flattens the payload. GUESS, unpublished:
 * - 'brackets' (default): PHP http_build_query style, `data[0][transaction][id]=...`,
 *   `event[event_type]=Bounced`; true/false as 1/0, null left out;
 * - 'json-field': one field per top-level key, objects and arrays JSON-encoded,
 *   e.g. `id=...&type=bounce&timestamp=...&data=[{...}]` or `event={...}`.
 */
export type EverlyticFormEncoding = 'brackets' | 'json-field';

export interface EverlyticDeliverOptions {
	/** 'webhook' (default): the webhook's auth_details if it has any; 'none'; or explicit credentials. */
	auth?: 'webhook' | 'none' | { username: string; password: string };
	formEncoding?: EverlyticFormEncoding;
	/** Send these bytes instead of the encoded event. */
	rawBody?: string;
	/** Overrides the webhook's content_type header. */
	contentType?: string;
	headers?: Record<string, string>;
	timeoutMs?: number;
	/**
	 * Post to this origin (`http://host:port`) instead of the registered URL's, same path: straight
	 * to one of the n8n webhook processors behind the registered address.
	 */
	sendToOrigin?: string;
}

export interface EverlyticDeliveryRecord {
	webhookId: string;
	method: string;
	url: string;
	headers: Record<string, string>;
	rawBody: string;
	response?: OutboundResponse;
	error?: string;
}

class EverlyticApiError extends Error {
	constructor(
		readonly httpStatus: number,
		readonly errors: Array<{ domain: string; reason: string; message: string; locationType: string; location: string }>,
		/** The body's `code`, when it differs from the HTTP status. */
		readonly bodyCode = httpStatus,
	) {
		super(errors[0]?.message ?? 'Error');
	}
}

type JsonObject = Record<string, unknown>;

export class EverlyticEmulator extends HttpEmulator {
	readonly username: string;
	readonly apiKey: string;
	pageSize: number;
	quirks: EverlyticQuirks;
	/** The account's webhooks, with their real auth_details; tests may read, seed or remove. */
	webhooks: EverlyticWebhook[] = [];
	/** How many times GET /webhooks/failed/reprocess succeeded. */
	reprocessCalls = 0;
	readonly deliveries: EverlyticDeliveryRecord[] = [];

	private constructor(options: EverlyticEmulatorOptions) {
		super(options);
		this.username = options.username;
		this.apiKey = options.apiKey;
		this.pageSize = options.pageSize ?? 2;
		this.quirks = { ...DEFAULT_EVERLYTIC_QUIRKS, ...options.quirks };
	}

	static async start(options: EverlyticEmulatorOptions): Promise<EverlyticEmulator> {
		const emulator = new EverlyticEmulator(options);
		await emulator.listen();
		return emulator;
	}

	/** `http://127.0.0.1:PORT/transactional/email/v1` (doc: https://api.everlytic.net/transactional/email/v1). */
	get baseUrl(): string {
		return `${this.origin}${EVERLYTIC_BASE_PATH}`;
	}

	setQuirks(quirks: Partial<EverlyticQuirks>): void {
		this.quirks = { ...this.quirks, ...quirks };
	}

	/** Registers a webhook "behind the product's back" (no request logged). */
	seedWebhook(fields: Partial<EverlyticWebhook> & { url: string }): EverlyticWebhook {
		const now = isoSeconds(new Date());
		const webhook: EverlyticWebhook = {
			id: randomUUID(),
			verb: 'post',
			auth_type: 'basic',
			auth_details: null,
			status: 'enabled',
			settings: { include_html: false },
			content_type: 'application/json',
			field_set: 'standard',
			updated_timestamp: now,
			created_timestamp: now,
			event_types: [...EVERLYTIC_EVENT_TYPES],
			...fields,
		};
		this.webhooks.push(webhook);
		return webhook;
	}

	removeWebhook(id: string): boolean {
		const before = this.webhooks.length;
		this.webhooks = this.webhooks.filter((webhook) => webhook.id !== id);
		return this.webhooks.length < before;
	}

	findWebhook(id: string): EverlyticWebhook | undefined {
		return this.webhooks.find((webhook) => webhook.id === id);
	}

	webhooksForUrl(url: string): EverlyticWebhook[] {
		return this.webhooks.filter((webhook) => webhook.url === url);
	}

	/**
	 * Delivers to one webhook, whatever its status and subscriptions: one request per event
	 * (providers.md: one JSON object per event), with the webhook's verb, content_type and Basic
	 * auth_details. Pass one event to get one answer, an array to get one answer per event.
	 */
	deliver(webhookId: string, events: readonly object[], options?: EverlyticDeliverOptions): Promise<OutboundResponse[]>;
	deliver(webhookId: string, event: object, options?: EverlyticDeliverOptions): Promise<OutboundResponse>;
	async deliver(
		webhookId: string,
		events: object | readonly object[],
		options: EverlyticDeliverOptions = {},
	): Promise<OutboundResponse | OutboundResponse[]> {
		if (!Array.isArray(events)) return await this.deliverOne(webhookId, events, options);
		const responses: OutboundResponse[] = [];
		for (const event of events as readonly object[]) responses.push(await this.deliverOne(webhookId, event, options));
		return responses;
	}

	/**
	 * Delivers the way Everlytic would: to every enabled webhook subscribed to `type`, an event
	 * built in that webhook's field set (legacy `sent` events carry `html` when include_html is on;
	 * the field name is a GUESS). `overrides` go to the standard or the legacy generator.
	 */
	async publish(
		type: EverlyticEventType,
		overrides: { standard?: Parameters<typeof makeEverlyticStandardEvent>[1]; legacy?: Parameters<typeof makeEverlyticLegacyEvent>[1] } = {},
		options: EverlyticDeliverOptions = {},
	): Promise<Array<{ webhookId: string; event: object; response: OutboundResponse }>> {
		const results: Array<{ webhookId: string; event: object; response: OutboundResponse }> = [];
		for (const webhook of [...this.webhooks]) {
			if (webhook.status !== 'enabled' || !webhook.event_types.includes(type)) continue;
			let event: object;
			if (webhook.field_set === 'legacy') {
				const html = type === 'sent' && webhook.settings.include_html ? { html: '<p>Your order has shipped</p>' } : {};
				event = makeEverlyticLegacyEvent(type, { ...html, ...overrides.legacy });
			} else {
				event = makeEverlyticStandardEvent(type, overrides.standard);
			}
			results.push({ webhookId: webhook.id, event, response: await this.deliverOne(webhook.id, event, options) });
		}
		return results;
	}

	protected override faultReply(status: number): { body: string; contentType: string } {
		// doc: error domains include usageLimit with reason RequestLimit; used for 429.
		const limited = status === 429;
		const message = limited ? 'Request limit exceeded' : 'Service unavailable';
		return {
			body: JSON.stringify(
				errorBody(status, [
					{
						domain: limited ? 'usageLimit' : 'global',
						reason: limited ? 'RequestLimit' : 'invalid',
						message,
						locationType: 'request',
						location: 'default',
					},
				]),
			),
			contentType: 'application/json',
		};
	}

	protected async handle(request: RecordedRequest): Promise<EmulatorReply> {
		if (!request.path.startsWith(`${EVERLYTIC_BASE_PATH}/`)) return notFound('Not Found', 404);
		if (!this.isAuthorized(request)) {
			// doc: "Invalid/Missing authorization credentials [401 Unauthorized]"
			return {
				status: 401,
				body: errorBody(401, [
					{ domain: 'global', reason: 'required', message: 'Login Required', locationType: 'request', location: 'authorization' },
				]),
			};
		}
		const route = request.path.slice(EVERLYTIC_BASE_PATH.length).replace(/\/+$/, '');
		try {
			if (route === '/webhooks') {
				if (request.method === 'GET') return this.list(request);
				if (request.method === 'POST') return this.create(request);
			} else if (route === '/webhooks/failed/reprocess') {
				if (request.method === 'GET') {
					this.reprocessCalls += 1;
					// providers.md: re-queues deliveries that failed in the last 7 days. Answer body: GUESS.
					return { status: 200, body: { status: true } };
				}
			} else if (/^\/webhooks\/[^/]+$/.test(route)) {
				const id = decodeURIComponent(route.slice('/webhooks/'.length));
				if (request.method === 'GET') return { status: 200, body: { webhook: publicView(this.requireWebhook(id), this.quirks.revealAuthDetails) } };
				if (request.method === 'PUT') return this.replace(id, request);
				if (request.method === 'DELETE') {
					// providers.md: 200 {"status":false} when there was nothing to delete.
					return { status: 200, body: { status: this.removeWebhook(id) } };
				}
			} else {
				return notFound('Not Found', 404);
			}
			return notFound(`Method ${request.method} not allowed`, 405);
		} catch (error) {
			if (error instanceof EverlyticApiError) return { status: error.httpStatus, body: errorBody(error.bodyCode, error.errors) };
			throw error;
		}
	}

	private isAuthorized(request: RecordedRequest): boolean {
		const header = request.headers.authorization ?? '';
		const match = /^Basic\s+(\S+)$/i.exec(header);
		if (!match) return false;
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		return colon >= 0 && decoded.slice(0, colon) === this.username && decoded.slice(colon + 1) === this.apiKey;
	}

	/** providers.md: `{type, meta, links, data}`; the page parameter's name is unpublished, clients follow links.next. */
	private list(request: RecordedRequest): EmulatorReply {
		const total = this.webhooks.length;
		const perPage = Math.max(1, this.pageSize);
		const lastPage = Math.max(1, Math.ceil(total / perPage));
		const requested = Number.parseInt(request.query.page ?? '1', 10);
		const page = Number.isFinite(requested) && requested >= 1 ? requested : 1;
		const slice = this.webhooks.slice((page - 1) * perPage, page * perPage);
		const pageUrl = (n: number) => `${this.baseUrl}/webhooks?page=${n}`;
		return {
			status: 200,
			body: {
				type: 'webhook',
				// The doc describes `total` as pages and from/to as page numbers; the names are
				// Laravel's paginator, where they count items, which is what this plays (GUESS).
				meta: {
					total,
					per_page: perPage,
					current_page: page,
					last_page: lastPage,
					from: slice.length > 0 ? (page - 1) * perPage + 1 : null,
					to: slice.length > 0 ? (page - 1) * perPage + slice.length : null,
				},
				links: {
					first: pageUrl(1),
					last: pageUrl(lastPage),
					prev: page > 1 ? pageUrl(Math.min(page - 1, lastPage)) : null,
					next: page < lastPage ? pageUrl(page + 1) : null,
				},
				data: slice.map((webhook) => publicView(webhook, this.quirks.revealAuthDetails)),
			},
		};
	}

	private create(request: RecordedRequest): EmulatorReply {
		const now = isoSeconds(new Date());
		const webhook: EverlyticWebhook = {
			id: randomUUID(),
			...validateWebhookBody(request),
			created_timestamp: now,
			updated_timestamp: now,
		};
		this.webhooks.push(webhook);
		const view = publicView(webhook, this.quirks.revealAuthDetails);
		const body = {
			webhook: { webhook: view },
			id: view,
			data: { data: view },
			empty: {},
		}[this.quirks.createResponse];
		return { status: this.quirks.createHttpStatus, body };
	}

	/** providers.md: PUT updates "with the same body": a full replacement, omitted fields take their defaults. */
	private replace(id: string, request: RecordedRequest): EmulatorReply {
		const webhook = this.requireWebhook(id);
		Object.assign(webhook, validateWebhookBody(request), { updated_timestamp: isoSeconds(new Date()) });
		return { status: 200, body: { webhook: publicView(webhook, this.quirks.revealAuthDetails) } }; // answer shape: GUESS
	}

	private requireWebhook(id: string): EverlyticWebhook {
		const webhook = this.findWebhook(id);
		if (!webhook) {
			// doc: "Webhook not found" body with code 412, under a "[400 Bad Request]" heading: the
			// body keeps code 412 whichever HTTP status is played.
			throw new EverlyticApiError(
				this.quirks.notFoundHttpStatus,
				[{ domain: 'global', reason: 'invalid', message: 'Webhook not found', locationType: 'request', location: 'default' }],
				412,
			);
		}
		return webhook;
	}

	private async deliverOne(webhookId: string, event: object, options: EverlyticDeliverOptions): Promise<OutboundResponse> {
		const webhook = this.findWebhook(webhookId);
		if (!webhook) throw new Error(`no webhook ${webhookId} in the emulator`);
		const method = webhook.verb.toUpperCase();
		const contentType = options.contentType ?? webhook.content_type;
		const isForm = contentType.toLowerCase().startsWith('application/x-www-form-urlencoded');
		const encoded = isForm ? encodeEverlyticForm(event, options.formEncoding ?? 'brackets') : JSON.stringify(event);
		const headers: Record<string, string> = { 'user-agent': 'Everlytic-Webhook-Emulator/1.0' };
		let url = webhook.url;
		let rawBody: string | undefined = options.rawBody ?? encoded;
		if (method === 'GET' && options.rawBody === undefined) {
			// GUESS: a GET delivery cannot carry a body, so the form encoding goes in the query string.
			const query = isForm ? encoded : encodeEverlyticForm(event, options.formEncoding ?? 'brackets');
			url += (url.includes('?') ? '&' : '?') + query;
			rawBody = undefined;
		} else {
			headers['content-type'] = contentType;
		}
		const credentials =
			options.auth === 'none'
				? null
				: typeof options.auth === 'object'
					? options.auth
					: webhook.auth_details;
		if (credentials) {
			headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
		}
		Object.assign(headers, options.headers);

		const record: EverlyticDeliveryRecord = { webhookId, method, url, headers, rawBody: rawBody ?? '' };
		this.deliveries.push(record);
		try {
			record.response = await this.sendOutbound({
				url: withOrigin(url, options.sendToOrigin),
				method,
				headers,
				body: rawBody,
				timeoutMs: options.timeoutMs,
			});
		} catch (error) {
			record.error = (error as Error).message;
			throw error;
		}
		return record.response;
	}
}

/**
 * Validates a create / replace body (doc: property table and enums; providers.md: url, verb,
 * event_types required; auth_details all or none). Every problem is reported at once, as a
 * 412 naming the location `webhookValidation`.
 */
function validateWebhookBody(request: RecordedRequest): Omit<EverlyticWebhook, 'id' | 'created_timestamp' | 'updated_timestamp'> {
	const body = request.json;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		// doc: 400 "The request body was formatted improperly"
		throw new EverlyticApiError(400, [
			{ domain: 'global', reason: 'invalid', message: 'The request body was formatted improperly', locationType: 'body', location: 'default' },
		]);
	}
	const input = body as JsonObject;
	const errors: EverlyticApiError['errors'] = [];
	const fail = (reason: 'required' | 'invalid', message: string) =>
		errors.push({ domain: 'global', reason, message, locationType: 'body', location: 'webhookValidation' });

	const url = input.url;
	if (url === undefined || url === null || url === '') fail('required', 'The url field is required.');
	else if (typeof url !== 'string' || !/^https?:\/\/[^\s/]+/i.test(url)) fail('invalid', 'The url must be a valid URL.');

	const verb = input.verb;
	if (verb === undefined || verb === null || verb === '') fail('required', 'The verb field is required.');
	else if (!oneOf(verb, EVERLYTIC_VERBS)) fail('invalid', `The verb must be one of: ${EVERLYTIC_VERBS.join(', ')}.`);

	const eventTypes = input.event_types;
	if (!Array.isArray(eventTypes) || eventTypes.length === 0) {
		fail('required', 'The event_types field is required and must be a non-empty array.');
	} else {
		const unknown = eventTypes.filter((type) => !oneOf(type, EVERLYTIC_EVENT_TYPES));
		if (unknown.length > 0) {
			fail('invalid', `Invalid event_types: ${unknown.map(String).join(', ')}. Allowed: ${EVERLYTIC_EVENT_TYPES.join(', ')}.`);
		}
	}

	const authType = input.auth_type ?? 'basic';
	if (authType !== 'basic') fail('invalid', 'The auth_type must be basic.');
	let authDetails: EverlyticWebhook['auth_details'] = null;
	if (input.auth_details !== undefined && input.auth_details !== null) {
		const details = input.auth_details as JsonObject;
		const username = details.username;
		const password = details.password;
		const hasUsername = typeof username === 'string' && username !== '';
		const hasPassword = typeof password === 'string' && password !== '';
		if (typeof details !== 'object' || Array.isArray(details)) {
			fail('invalid', 'The auth_details must be an object with username and password.');
		} else if (hasUsername !== hasPassword) {
			fail('required', 'The auth_details must contain both username and password, or neither.');
		} else if (hasUsername) {
			authDetails = { username: username as string, password: password as string };
		}
	}

	const status = input.status ?? 'enabled';
	if (!oneOf(status, ['enabled', 'disabled'])) fail('invalid', 'The status must be enabled or disabled.');
	const contentType = input.content_type ?? 'application/json';
	if (!oneOf(contentType, EVERLYTIC_CONTENT_TYPES)) {
		fail('invalid', `The content_type must be one of: ${EVERLYTIC_CONTENT_TYPES.join(', ')}.`);
	}
	const fieldSet = input.field_set ?? 'standard';
	if (!oneOf(fieldSet, ['standard', 'legacy'])) fail('invalid', 'The field_set must be standard or legacy.');

	// Reads answer settings as a JSON string (doc); a client echoing that back is accepted too (GUESS).
	let settings: JsonObject = {};
	const rawSettings = typeof input.settings === 'string' ? safeParse(input.settings) : input.settings;
	if (rawSettings !== undefined && rawSettings !== null) {
		if (typeof rawSettings !== 'object' || Array.isArray(rawSettings)) fail('invalid', 'The settings must be an object.');
		else settings = rawSettings as JsonObject;
	}
	if (settings.include_html !== undefined && typeof settings.include_html !== 'boolean') {
		fail('invalid', 'The settings.include_html must be a boolean.');
	}

	if (errors.length > 0) throw new EverlyticApiError(412, errors);
	return {
		url: url as string,
		verb: verb as string,
		auth_type: 'basic',
		auth_details: authDetails,
		status: status as string,
		settings: { include_html: settings.include_html === true },
		content_type: contentType as string,
		field_set: fieldSet as string,
		event_types: [...new Set(eventTypes as string[])],
	};
}

/** doc: settings is sent as a JSON string, and auth_details comes back null (no password). */
function publicView(webhook: EverlyticWebhook, revealAuthDetails = false): JsonObject {
	return {
		id: webhook.id,
		url: webhook.url,
		verb: webhook.verb,
		auth_details: revealAuthDetails && webhook.auth_details ? { ...webhook.auth_details } : null,
		auth_type: webhook.auth_type,
		status: webhook.status,
		settings: JSON.stringify(webhook.settings),
		content_type: webhook.content_type,
		field_set: webhook.field_set,
		updated_timestamp: webhook.updated_timestamp,
		created_timestamp: webhook.created_timestamp,
		event_types: [...webhook.event_types],
	};
}

/** doc: `{code, message, error:{errors:[{domain, reason, message, locationType, location}]}}`. */
function errorBody(code: number, errors: EverlyticApiError['errors']): JsonObject {
	return { code, message: errors[0]?.message ?? 'Error', error: { errors } };
}

function notFound(message: string, status: number): EmulatorReply {
	return {
		status,
		body: errorBody(status, [{ domain: 'global', reason: 'invalid', message, locationType: 'request', location: 'default' }]),
	};
}

/** Form-urlencodes a delivery payload (see EverlyticFormEncoding for both GUESSED layouts). */
export function encodeEverlyticForm(payload: object, encoding: EverlyticFormEncoding): string {
	const params = new URLSearchParams();
	if (encoding === 'json-field') {
		for (const [key, value] of Object.entries(payload)) {
			if (value === undefined || value === null) continue;
			params.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
		}
		return params.toString();
	}
	const walk = (prefix: string, value: unknown): void => {
		if (value === undefined || value === null) return;
		if (typeof value === 'object') {
			for (const [key, child] of Object.entries(value as object)) walk(prefix === '' ? key : `${prefix}[${key}]`, child);
		} else if (typeof value === 'boolean') {
			params.append(prefix, value ? '1' : '0');
		} else {
			params.append(prefix, String(value));
		}
	};
	walk('', payload);
	return params.toString();
}

function oneOf(value: unknown, allowed: readonly string[]): boolean {
	return typeof value === 'string' && allowed.includes(value);
}

function safeParse(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}
