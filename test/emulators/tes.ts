// Emulator of the TES platform's webhook API (Sarv and SendClean, one platform under two brands):
// the six `settings/*Webhook` calls and `account/viewUserDetail`, the add/edit handshake probe,
// and signed event deliveries. Facts come from the brands' published webhook reference,
// identical for both (cited as "doc"), and docs/providers.md (cited as "providers.md");
// where they are silent or disagree, a quirk switch plays each variant.
import { randomBytes, randomInt } from 'node:crypto';
import { HttpEmulator, nowSeconds, withOrigin } from './httpEmulator';
import type { EmulatorReply, HttpEmulatorOptions, OutboundResponse, RecordedRequest } from './httpEmulator';
import { signTesDelivery } from './tesSignature';
import type { TesSignatureScheme } from './tesSignature';
import type { TesEvent } from './tesEvents';
import { pythonRepr } from './pythonRepr';
import { DEFAULT_TES_MESSAGE_QUIRKS, makeTesMessage, messageInfoAnswer, parseSkipPage } from './tesMessages';
import type { TesMessage, TesMessageQuirks } from './tesMessages';

export { makeTesEvent, tesDocEvents, tesFeedbackReport, TES_EVENT_KINDS } from './tesEvents';
export type { FeedbackReportFields, TesEvent, TesEventKind } from './tesEvents';
export { signTesDelivery, TES_SIGNATURE_SCHEMES } from './tesSignature';
export type { TesSignatureScheme } from './tesSignature';
export {
	makeTesMessage,
	TES_MESSAGE_ADDRESS_FIELDS,
	TES_MESSAGE_CONTAINERS,
	TES_MESSAGE_PAGING_STYLES,
} from './tesMessages';
export type { TesMessage, TesMessageAddressField, TesMessageContainer, TesMessagePaging } from './tesMessages';

export type TesBrand = 'sarv' | 'sendclean';

/** What differs between the two brands: only names (providers.md "one platform, two brands"). */
export const TES_BRANDS: Readonly<
	Record<TesBrand, { displayName: string; handshakeText: string; signatureHeader: string }>
> = {
	// doc: url "that always response 'God bless you, Sarv'"
	sarv: { displayName: 'Sarv', handshakeText: 'God bless you, Sarv', signatureHeader: 'X-SarvTES-SIGNATURE' },
	// providers.md: SendClean documents X-SendCleanTES-SIGNATURE; Sarv's header is inferred by analogy.
	sendclean: {
		displayName: 'SendClean',
		handshakeText: 'God bless you, SendClean',
		signatureHeader: 'X-SendCleanTES-SIGNATURE',
	},
};

/** doc: "event ... like 'send,open,click,soft_bounce,hard_bounce,spam'". */
export const TES_SUBSCRIBABLE_EVENTS = ['send', 'open', 'click', 'soft_bounce', 'hard_bounce', 'spam'] as const;

export type TesErrorType = 'AuthenticationError' | 'ValidationError' | 'GeneralError';

/** Behaviours the sources leave open or disagree on; each instance can play either side. */
export interface TesQuirks extends TesMessageQuirks {
	/** providers.md: errors come with HTTP 200 or 4xx. 'byType': Authentication 401, Validation 400, General 500. */
	errorHttpStatus: number | 'byType';
	/** doc: the tables call the error type field `type`, the examples `name`. */
	errorTypeField: 'name' | 'type';
	/** providers.md: some brands send `code` as the string "-1". */
	errorCodeAsString: boolean;
	/** providers.md [?]: does editWebhook clear optional fields left out? Default: yes (the harsh side). */
	editClearsOmittedFields: boolean;
	/** doc: the listWebhook example holds two webhooks with the same URL. */
	allowDuplicateUrls: boolean;
	/** doc: the url must "always response 'God bless you, <brand>'"; checked on add and edit. */
	checkHandshake: boolean;
	/** providers.md [?]: the probe's method is unpublished. HEAD can only check for status 200. */
	handshakeMethod: 'GET' | 'POST' | 'HEAD';
}

export const DEFAULT_TES_QUIRKS: Readonly<TesQuirks> = {
	errorHttpStatus: 200,
	errorTypeField: 'name',
	errorCodeAsString: false,
	editClearsOmittedFields: true,
	allowDuplicateUrls: true,
	checkHandshake: true,
	handshakeMethod: 'GET',
	...DEFAULT_TES_MESSAGE_QUIRKS,
};

/** A webhook as the emulator stores it (list answers omit the last two fields). */
export interface TesWebhook {
	/** 21-digit numeric string. */
	webhook_id: string;
	url: string;
	/** Comma-separated subscribable events; '' when none. */
	event: string;
	/** 22 random alphanumerics (doc: getWebhookInfo example). */
	key: string;
	store_log: string;
	description: string;
	/** Epoch seconds. */
	create_date: number;
	/** Epoch seconds of the last delivery answered 2xx; 0 before any. */
	last_success: number;
	total_event: number;
}

export interface TesEmulatorOptions extends HttpEmulatorOptions {
	brand: TesBrand;
	ownerId: string;
	token: string;
	quirks?: Partial<TesQuirks>;
	/** How long the handshake probe waits for the URL. Default 5000. */
	handshakeTimeoutMs?: number;
	/** Replaces the (guessed) `user_data` of viewUserDetail. */
	userData?: Record<string, unknown>;
}

/** One handshake probe the emulator made. */
export interface TesHandshakeProbe {
	method: 'GET' | 'POST' | 'HEAD';
	url: string;
	status?: number;
	body?: string;
	error?: string;
	passed: boolean;
}

export interface TesDeliverOptions {
	/** 'array' (default, providers.md: documented), 'object' (one event only), 'form' (a field holding the JSON array). */
	format?: 'array' | 'object' | 'form';
	/** Form field name for format 'form'. Default `mandrill_events` (Mandrill's, providers.md [?]). */
	formField?: string;
	/** Format 'form': other fields posted beside the events (e.g. `{ user_id: '42' }`), all signed. */
	formExtraFields?: Record<string, string>;
	/** Format 'form': the events as JSON (default) or as Python's repr of them (issue 9). */
	formEncoding?: 'json' | 'python';
	/** Default 'mandrill'. */
	signature?: TesSignatureScheme;
	/** Sign with this key instead of the webhook's (e.g. the key before a reset). */
	signatureKey?: string;
	/** Send these bytes instead of the encoded events (signed as they are). */
	rawBody?: string;
	/** Content-Type for rawBody; defaults to the format's. */
	contentType?: string;
	/** Extra headers; they override the emulator's own. */
	headers?: Record<string, string>;
	timeoutMs?: number;
	/**
	 * Post to this origin (`http://host:port`) instead of the registered URL's, same path: straight
	 * to one of the n8n webhook processors behind the registered address. The signature still
	 * covers the registered URL, as the provider signs it.
	 */
	sendToOrigin?: string;
}

export interface TesDeliveryRecord {
	url: string;
	webhookId?: string;
	headers: Record<string, string>;
	rawBody: string;
	response?: OutboundResponse;
	error?: string;
}

export type TesDeliveryTarget = string | { url: string; key: string };

class TesApiError extends Error {
	constructor(
		readonly type: TesErrorType,
		message: string,
	) {
		super(message);
	}
}

type TesBody = Record<string, unknown>;

const STORE_LOG_VALUES = ['Enable', 'Disable'];
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class TesEmulator extends HttpEmulator {
	readonly brand: TesBrand;
	readonly ownerId: string;
	readonly token: string;
	quirks: TesQuirks;
	/** The account's webhooks; tests may read, seed or remove entries directly. */
	webhooks: TesWebhook[] = [];
	readonly handshakes: TesHandshakeProbe[] = [];
	readonly deliveries: TesDeliveryRecord[] = [];
	/** Messages `messages/getMessageInfo` knows, by x_unique_id (tesMessages.ts). */
	readonly messages = new Map<string, TesMessage>();
	private readonly handshakeTimeoutMs: number;
	private readonly userData?: Record<string, unknown>;

	private constructor(options: TesEmulatorOptions) {
		super(options);
		this.brand = options.brand;
		this.ownerId = options.ownerId;
		this.token = options.token;
		this.quirks = { ...DEFAULT_TES_QUIRKS, ...options.quirks };
		this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 5000;
		this.userData = options.userData;
	}

	static async start(options: TesEmulatorOptions): Promise<TesEmulator> {
		const emulator = new TesEmulator(options);
		await emulator.listen();
		return emulator;
	}

	/** `http://127.0.0.1:PORT/v1.0/` (providers.md: `https://api.{APP_DOMAIN}/v1.0/{category}/{method}`). */
	get baseUrl(): string {
		return `${this.origin}/v1.0/`;
	}

	get handshakeText(): string {
		return TES_BRANDS[this.brand].handshakeText;
	}

	get signatureHeader(): string {
		return TES_BRANDS[this.brand].signatureHeader;
	}

	setQuirks(quirks: Partial<TesQuirks>): void {
		this.quirks = { ...this.quirks, ...quirks };
	}

	/** Registers a webhook "behind the product's back" (no handshake, no request logged). */
	seedWebhook(fields: Partial<TesWebhook> & { url: string }): TesWebhook {
		const webhook: TesWebhook = {
			webhook_id: newWebhookId(),
			event: TES_SUBSCRIBABLE_EVENTS.join(','),
			key: newKey(),
			store_log: 'Enable',
			description: '',
			create_date: nowSeconds(),
			last_success: 0,
			total_event: 0,
			...fields,
		};
		this.webhooks.push(webhook);
		return webhook;
	}

	/** Makes a message known to `messages/getMessageInfo` (defaults: makeTesMessage). */
	seedMessage(fields: Partial<TesMessage> & { x_unique_id: string }): TesMessage {
		const message = makeTesMessage(fields);
		this.messages.set(message.x_unique_id, message);
		return message;
	}

	/** Removes a webhook "behind the product's back". */
	removeWebhook(webhookId: string): boolean {
		const before = this.webhooks.length;
		this.webhooks = this.webhooks.filter((webhook) => webhook.webhook_id !== webhookId);
		return this.webhooks.length < before;
	}

	findWebhook(webhookId: string): TesWebhook | undefined {
		return this.webhooks.find((webhook) => webhook.webhook_id === webhookId);
	}

	webhooksForUrl(url: string): TesWebhook[] {
		return this.webhooks.filter((webhook) => webhook.url === url);
	}

	/**
	 * POSTs one delivery to a registered webhook (by id) or to any `{ url, key }`, signed with the
	 * key over the URL as registered. Resolves with the receiver's answer; rejects if the
	 * connection fails. A webhook's `total_event` and `last_success` are updated as TES reports them.
	 */
	async deliver(
		target: TesDeliveryTarget,
		events: readonly unknown[],
		options: TesDeliverOptions = {},
	): Promise<OutboundResponse> {
		const webhook = typeof target === 'string' ? this.findWebhook(target) : undefined;
		if (typeof target === 'string' && !webhook) throw new Error(`no webhook ${target} in the emulator`);
		const url = webhook?.url ?? (target as { url: string }).url;
		const key = options.signatureKey ?? webhook?.key ?? (target as { key: string }).key;

		const format = options.format ?? 'array';
		let rawBody: string;
		let contentType: string;
		if (format === 'form') {
			// providers.md [?]: as Mandrill's `mandrill_events` form field holding the JSON array.
			const encoded = options.formEncoding === 'python' ? pythonRepr(events) : JSON.stringify(events);
			rawBody = new URLSearchParams({ ...options.formExtraFields, [options.formField ?? 'mandrill_events']: encoded }).toString();
			contentType = 'application/x-www-form-urlencoded';
		} else if (format === 'object') {
			if (events.length !== 1) throw new Error(`format 'object' sends exactly one event, got ${events.length}`);
			rawBody = JSON.stringify(events[0]);
			contentType = 'application/json';
		} else {
			rawBody = JSON.stringify(events); // doc: the sample delivery is a JSON array
			contentType = 'application/json';
		}
		if (options.rawBody !== undefined) rawBody = options.rawBody;
		if (options.contentType !== undefined) contentType = options.contentType;

		const headers: Record<string, string> = { 'content-type': contentType, 'user-agent': 'TES-Webhook-Emulator/1.0' };
		const signature = signTesDelivery(options.signature ?? 'mandrill', key, url, rawBody, contentType);
		if (signature !== undefined) headers[this.signatureHeader] = signature;
		Object.assign(headers, options.headers);

		const record: TesDeliveryRecord = { url, webhookId: webhook?.webhook_id, headers, rawBody };
		this.deliveries.push(record);
		try {
			record.response = await this.sendOutbound({
				url: withOrigin(url, options.sendToOrigin),
				method: 'POST',
				headers,
				body: rawBody,
				timeoutMs: options.timeoutMs,
			});
		} catch (error) {
			record.error = (error as Error).message;
			throw error;
		}
		if (webhook) {
			webhook.total_event += events.length;
			if (record.response.status >= 200 && record.response.status < 300) webhook.last_success = nowSeconds();
		}
		return record.response;
	}

	/**
	 * Delivers the events the way the platform would: each webhook gets, in one batch, the events
	 * it subscribed to. `delivered` is not subscribable (doc) yet appears in payloads (providers.md); it
	 * goes to `send` subscribers [I]. Webhooks with nothing to receive are skipped.
	 */
	async publish(
		events: readonly TesEvent[],
		options: TesDeliverOptions = {},
	): Promise<Array<{ webhookId: string; events: TesEvent[]; response: OutboundResponse }>> {
		const results: Array<{ webhookId: string; events: TesEvent[]; response: OutboundResponse }> = [];
		for (const webhook of [...this.webhooks]) {
			const subscribed = new Set(webhook.event.split(',').filter((name) => name !== ''));
			const batch = events.filter((event) =>
				subscribed.has(event.event === 'delivered' ? 'send' : event.event),
			);
			if (batch.length === 0) continue;
			const response = await this.deliver(webhook.webhook_id, batch, options);
			results.push({ webhookId: webhook.webhook_id, events: batch, response });
		}
		return results;
	}

	protected override faultReply(status: number): { body: string; contentType: string } {
		// A guess at what a PHP API behind nginx sends when the front end fails: an HTML page.
		const title = `${status} ${status === 429 ? 'Too Many Requests' : 'Service Unavailable'}`;
		return {
			body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
			contentType: 'text/html',
		};
	}

	protected async handle(request: RecordedRequest): Promise<EmulatorReply> {
		const route = this.routes[request.path.replace(/^\/v1\.0\//, '')];
		if (!request.path.startsWith('/v1.0/') || !route) {
			return this.errorReply(new TesApiError('GeneralError', `Unknown API method ${request.path}`), 404);
		}
		// providers.md: every call is HTTP POST with a JSON body [F]. Anything else is refused.
		if (request.method !== 'POST') {
			return this.errorReply(new TesApiError('GeneralError', `Method ${request.method} not allowed, use POST`), 405);
		}
		try {
			const body = request.json;
			if (typeof body !== 'object' || body === null || Array.isArray(body)) {
				throw new TesApiError('ValidationError', 'Request body must be a JSON object');
			}
			this.authenticate(body as TesBody);
			return { status: 200, body: await route(body as TesBody) };
		} catch (error) {
			if (error instanceof TesApiError) return this.errorReply(error);
			throw error;
		}
	}

	private readonly routes: Record<string, (body: TesBody) => Promise<object> | object> = {
		'account/viewUserDetail': () => ({
			status: 'success',
			// providers.md: viewUserDetail → {status:"success", user_data:{...}}; the fields are a guess [I].
			user_data: this.userData ?? {
				owner_id: this.ownerId,
				name: `${TES_BRANDS[this.brand].displayName} Demo Account`,
				email: 'owner@example.com',
				company: 'Example Ltd',
				status: 'active',
			},
		}),

		'settings/addWebhook': async (body) => {
			const url = requireUrl(body);
			const fields = {
				event: parseEvents(body.event) ?? '',
				description: optionalString(body, 'description') ?? '',
				store_log: parseStoreLog(body.store_log) ?? 'Disable',
			};
			this.refuseDuplicateUrl(url);
			await this.probeHandshake(url);
			this.webhooks.push({
				webhook_id: newWebhookId(),
				url,
				...fields,
				key: newKey(),
				create_date: nowSeconds(),
				last_success: 0,
				total_event: 0,
			});
			// doc + providers.md: the answer carries no webhook_id and no key; clients must list afterwards.
			return { status: 'success', message: 'Webhook Added' };
		},

		'settings/editWebhook': async (body) => {
			const webhook = this.requireWebhook(body);
			const url = requireUrl(body); // doc: url is compulsory on edit too
			const event = parseEvents(body.event);
			const description = optionalString(body, 'description');
			const storeLog = parseStoreLog(body.store_log);
			this.refuseDuplicateUrl(url, webhook.webhook_id);
			await this.probeHandshake(url);
			const clear = this.quirks.editClearsOmittedFields;
			webhook.url = url;
			webhook.event = event ?? (clear ? '' : webhook.event);
			webhook.description = description ?? (clear ? '' : webhook.description);
			webhook.store_log = storeLog ?? (clear ? 'Disable' : webhook.store_log);
			return { status: 'success', message: 'Webhook Edited' };
		},

		'settings/keyResetWebhook': (body) => {
			const webhook = this.requireWebhook(body);
			webhook.key = newKey(); // providers.md: the new key signs the very next delivery
			// doc: "Webhook key reseted" (sic)
			return { status: 'success', message: 'Webhook key reseted', webhook_id: webhook.webhook_id, key: webhook.key };
		},

		'settings/listWebhook': () => ({
			status: 'success',
			webhook_list: this.webhooks.map(({ webhook_id, url, event, key, store_log, description, create_date }) => ({
				webhook_id,
				url,
				event,
				key,
				store_log,
				description,
				create_date,
			})),
		}),

		'settings/getWebhookInfo': (body) => {
			const webhook = this.requireWebhook(body);
			return {
				status: 'success',
				webhook_data: {
					webhook_id: webhook.webhook_id,
					url: webhook.url,
					event: webhook.event,
					description: webhook.description,
					store_log: webhook.store_log,
					key: webhook.key,
					create_date: webhook.create_date,
					last_success: webhook.last_success,
					total_event: webhook.total_event,
				},
			};
		},

		// providers.md: the SDKs call it with x_unique_id and an optional skip_page; the answer is [?].
		'messages/getMessageInfo': (body) => {
			const id = body.x_unique_id;
			if (typeof id !== 'string' || id.trim() === '') throw new TesApiError('ValidationError', 'x_unique_id is required');
			const skipPage = parseSkipPage(body.skip_page);
			if (Number.isNaN(skipPage)) throw new TesApiError('ValidationError', 'skip_page must be a non-negative integer');
			const message = this.messages.get(id);
			if (!message && this.quirks.messageNotFound === 'error') throw new TesApiError('ValidationError', 'Invalid x_unique_id');
			return messageInfoAnswer(message, skipPage ?? 0, this.quirks);
		},

		'settings/deleteWebhook': (body) => {
			const webhook = this.requireWebhook(body);
			this.removeWebhook(webhook.webhook_id);
			return { status: 'success', message: 'Webhook Deleted' };
		},
	};

	private authenticate(body: TesBody): void {
		// doc: AuthenticationError "Provided owner_id and token was not matched", message "Token MissMatch".
		if (String(body.owner_id ?? '') !== this.ownerId || String(body.token ?? '') !== this.token) {
			throw new TesApiError('AuthenticationError', 'Token MissMatch');
		}
	}

	private requireWebhook(body: TesBody): TesWebhook {
		const id = body.webhook_id;
		if (id === undefined || id === null || id === '') throw new TesApiError('ValidationError', 'webhook_id is required');
		const webhook = this.findWebhook(String(id));
		if (!webhook) throw new TesApiError('ValidationError', 'Invalid webhook_id');
		return webhook;
	}

	private refuseDuplicateUrl(url: string, exceptId?: string): void {
		if (this.quirks.allowDuplicateUrls) return;
		if (this.webhooks.some((webhook) => webhook.url === url && webhook.webhook_id !== exceptId)) {
			throw new TesApiError('ValidationError', 'A webhook with this url already exists');
		}
	}

	private async probeHandshake(url: string): Promise<void> {
		if (!this.quirks.checkHandshake) return;
		const method = this.quirks.handshakeMethod;
		const probe: TesHandshakeProbe = { method, url, passed: false };
		try {
			// A POST probe carries an empty batch, unsigned [?]: receivers should treat it as a ping.
			const response = await this.sendOutbound({
				url,
				method,
				headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
				body: method === 'POST' ? '[]' : undefined,
				timeoutMs: this.handshakeTimeoutMs,
			});
			probe.status = response.status;
			probe.body = response.body;
			probe.passed = response.status === 200 && (method === 'HEAD' || response.body.includes(this.handshakeText));
		} catch (error) {
			probe.error = (error as Error).message;
		}
		this.handshakes.push(probe);
		if (!probe.passed) {
			throw new TesApiError('ValidationError', `url must always response '${this.handshakeText}'`);
		}
	}

	private errorReply(error: TesApiError, httpStatus?: number): EmulatorReply {
		const configured = this.quirks.errorHttpStatus;
		const byType = { AuthenticationError: 401, ValidationError: 400, GeneralError: 500 }[error.type];
		return {
			status: httpStatus ?? (configured === 'byType' ? byType : configured),
			body: {
				status: 'error',
				code: this.quirks.errorCodeAsString ? '-1' : -1,
				[this.quirks.errorTypeField]: error.type,
				message: error.message,
			},
		};
	}
}

function requireUrl(body: TesBody): string {
	const url = body.url;
	if (url === undefined || url === null || url === '') throw new TesApiError('ValidationError', 'url is required');
	if (typeof url !== 'string' || !/^https?:\/\/[^\s/]+/i.test(url)) {
		throw new TesApiError('ValidationError', 'url must be a valid http or https url');
	}
	return url;
}

/** undefined when left out; otherwise the validated, de-duplicated comma-separated list. */
function parseEvents(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') {
		throw new TesApiError('ValidationError', "event must be a comma separated string like 'open,click'");
	}
	if (value.trim() === '') return '';
	const names = value.split(',').map((name) => name.trim());
	const unknown = names.filter((name) => !(TES_SUBSCRIBABLE_EVENTS as readonly string[]).includes(name));
	if (unknown.length > 0) {
		throw new TesApiError(
			'ValidationError',
			`Invalid event '${unknown.join(',')}': use ${TES_SUBSCRIBABLE_EVENTS.join(',')}`,
		);
	}
	return [...new Set(names)].join(',');
}

function parseStoreLog(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string' || !STORE_LOG_VALUES.includes(value)) {
		throw new TesApiError('ValidationError', "store_log must be either 'Enable' or 'Disable'");
	}
	return value;
}

function optionalString(body: TesBody, field: string): string | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw new TesApiError('ValidationError', `${field} must be a string`);
	return value;
}

/** 21 digits, as in every doc example (e.g. "424353445757557577457"). */
function newWebhookId(): string {
	let id = String(randomInt(1, 10));
	while (id.length < 21) id += String(randomInt(0, 10));
	return id;
}

/** 22 alphanumerics, as the getWebhookInfo example's "aVLnPysvkKUU95AFrb47Zr". */
function newKey(): string {
	const bytes = randomBytes(22);
	return [...bytes].map((byte) => KEY_ALPHABET[byte % KEY_ALPHABET.length]).join('');
}
