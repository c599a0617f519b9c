// A webhook as Everlytic answers it and as this package sends it: the answer's fields made
// dependable (`settings` parsed, ids as text), the fields in this package's words and their wire
// body, the webhook inside a create/get answer, and the find-by-URL.
import type { IDataObject } from 'n8n-workflow';

import { webhooksForUrl, type WebhookIdentity } from '../../shared/sameWebhookUrl';

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

export function isObject(value: unknown): value is IDataObject {
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

export function everlyticWireBody(fields: EverlyticWebhookFields): IDataObject {
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

export const everlyticWebhookIdentity: WebhookIdentity<EverlyticWebhook> = {
	idOf: (webhook) => webhook.id,
	urlOf: (webhook) => webhook.url,
	createdAt: (webhook) => Date.parse(String(webhook.created_timestamp ?? '')) || 0,
};

/** The webhooks registered for a URL, newest first. */
export function everlyticWebhooksForUrl(webhooks: EverlyticWebhook[], url: string): EverlyticWebhook[] {
	return webhooksForUrl(webhooks, url, everlyticWebhookIdentity);
}
