// One raw Everlytic event (standard or legacy field set) → the normalized event, and the raw
// event name → the webhook's event_types name the trigger filters on.
// Documented (provider-docs/NOTES.md): the standard envelope {id, type, timestamp} and
// data[i].transaction.message_id / data[i].recipient.email; the legacy event_id, event_date,
// event_type, email_to, trans_id. Everything about bounces, failures, opens and clicks is
// unpublished: the field names below marked GUESS are common names looked for in data[i]
// (legacy: in the event), and stay null when absent. `raw` always keeps the original.

import { hashRawEvent, providerIdOf } from '../shared/eventId';
import {
	isRecord,
	textOrNull,
	toIsoTimestamp,
	type BounceType,
	type NormalizedEvent,
	type NormalizedEventType,
} from '../shared/NormalizedEvent';
import { EVERLYTIC_ENTRY_INDEX, type EverlyticRawEvent } from './parseEverlyticDelivery';

/** The webhook event_types Everlytic offers. */
export const EVERLYTIC_SUBSCRIPTION_EVENTS = Object.freeze([
	'sent',
	'delivered',
	'failed',
	'open',
	'click',
	'bounce',
	'unsubscribe',
	'resubscribe',
] as const);

export type EverlyticSubscriptionEvent = (typeof EVERLYTIC_SUBSCRIPTION_EVENTS)[number];

export type NormalizeOptions = {
	/** add `raw` (the event as received, by reference) to the result */
	includeRaw?: boolean;
};

/**
 * The event_types name that delivers a raw event name: standard names as they are, legacy
 * names (Sent, Delivered, Failed, Bounced, Opened, Clicked, Unsubscribe(d), Resubscribe(d))
 * in any case. Undefined for any other name.
 */
export function everlyticSubscriptionOf(rawType: unknown): EverlyticSubscriptionEvent | undefined {
	if (typeof rawType !== 'string') return undefined;
	switch (rawType.trim().toLowerCase()) {
		case 'sent':
			return 'sent';
		case 'delivered':
			return 'delivered';
		case 'failed':
			return 'failed';
		case 'open':
		case 'opened':
			return 'open';
		case 'click':
		case 'clicked':
			return 'click';
		case 'bounce':
		case 'bounced':
			return 'bounce';
		case 'unsubscribe':
		case 'unsubscribed':
			return 'unsubscribe';
		case 'resubscribe':
		case 'resubscribed':
			return 'resubscribe';
		default:
			return undefined;
	}
}

// GUESS (unpublished): where a bounce or failure description may be.
const REASON_FIELDS: readonly string[] = Object.freeze([
	'reason',
	'bounce_reason',
	'failure_reason',
	'failed_reason',
	'bounce_description',
	'description',
	'error',
	'error_message',
	'smtp_response',
	'message',
]);
// GUESS: SMTP basic and enhanced status codes.
const CODE_FIELDS: readonly string[] = Object.freeze(['bounce_code', 'smtp_code', 'status_code', 'code']);
const ENHANCED_CODE_FIELDS: readonly string[] = Object.freeze([
	'enhanced_code',
	'enhanced_status_code',
	'bounce_code_enhanced',
	'dsn',
	'status',
]);
const ENHANCED_CODE = /^[245]\.\d{1,3}\.\d{1,3}$/;
// INFERENCE: a description that is an SMTP reply ("550 5.1.1 User unknown") carries both codes.
const REPLY_CODE = /^([245]\d\d)(?:[\s-]|$)/;
const REPLY_ENHANCED_CODE = /(?:^|\s)([245]\.\d{1,3}\.\d{1,3})(?:\s|$)/;
// GUESS: a hard/soft indicator, as text containing "hard" or "soft" ...
const BOUNCE_TYPE_FIELDS: readonly string[] = Object.freeze([
	'bounce_type',
	'bounceType',
	'bounce_category',
	'bounce_class',
	'type',
	'category',
]);
// ... or as a flag.
const HARD_FLAG_FIELDS: readonly string[] = Object.freeze(['is_hard', 'is_hard_bounce', 'hard_bounce', 'hard']);
const SOFT_FLAG_FIELDS: readonly string[] = Object.freeze(['is_soft', 'is_soft_bounce', 'soft_bounce', 'soft']);
// GUESS: open / click details.
const URL_FIELDS: readonly string[] = Object.freeze(['url', 'link', 'link_url', 'click_url', 'clicked_url', 'href']);
const IP_FIELDS: readonly string[] = Object.freeze(['ip', 'ip_address', 'client_ip', 'remote_ip']);
const USER_AGENT_FIELDS: readonly string[] = Object.freeze(['user_agent', 'userAgent', 'useragent', 'ua']);
// GUESS: an open/click's own time, inside its group object ...
const ACTION_TIME_FIELDS: readonly string[] = Object.freeze(['timestamp', 'date', 'time']);
// ... or on the entry under a name that says so (the entry's plain `timestamp` may be the send's).
const ENTRY_ACTION_TIME_FIELDS: readonly string[] = Object.freeze([
	'opened_timestamp',
	'clicked_timestamp',
	'open_timestamp',
	'click_timestamp',
	'opened_at',
	'clicked_at',
]);
// GUESS: sub-objects the details may be grouped in.
const BOUNCE_GROUPS: readonly string[] = Object.freeze(['bounce', 'failure', 'error']);
const OPEN_GROUPS: readonly string[] = Object.freeze(['open']);
const CLICK_GROUPS: readonly string[] = Object.freeze(['click', 'link']);

type Fields = Record<string, unknown>;

/** The entry's sub-objects named in `groups` (in order), then the entry itself. */
function sourcesOf(entry: Fields, groups: readonly string[]): Fields[] {
	const sources: Fields[] = [];
	for (const group of groups) {
		const value = entry[group];
		if (isRecord(value)) sources.push(value);
	}
	sources.push(entry);
	return sources;
}

function firstText(sources: Fields[], names: readonly string[]): string | null {
	for (const source of sources) {
		for (const name of names) {
			const text = textOrNull(source[name]);
			if (text !== null) return text;
		}
	}
	return null;
}

function bounceTypeIn(sources: Fields[]): BounceType | null {
	for (const source of sources) {
		for (const name of BOUNCE_TYPE_FIELDS) {
			const value = source[name];
			if (typeof value !== 'string') continue;
			const lower = value.toLowerCase();
			if (lower.includes('hard')) return 'hard';
			if (lower.includes('soft')) return 'soft';
		}
		for (const name of HARD_FLAG_FIELDS) {
			const flag = source[name];
			if (flag === true || flag === 1 || flag === 'true' || flag === '1') return 'hard';
			if (flag === false || flag === 0 || flag === 'false' || flag === '0') return 'soft';
		}
		for (const name of SOFT_FLAG_FIELDS) {
			const flag = source[name];
			if (flag === true || flag === 1 || flag === 'true' || flag === '1') return 'soft';
			if (flag === false || flag === 0 || flag === 'false' || flag === '0') return 'hard';
		}
	}
	return null;
}

// Either list may hold either code: a field named `code` may be '550' or '5.1.1'.
const ALL_CODE_FIELDS: readonly string[] = Object.freeze([...CODE_FIELDS, ...ENHANCED_CODE_FIELDS]);

function smtpCodeIn(sources: Fields[], reason: string | null): number | null {
	for (const source of sources) {
		for (const name of ALL_CODE_FIELDS) {
			const text = textOrNull(source[name]);
			if (text === null) continue;
			const n = Number(text);
			if (Number.isInteger(n) && n >= 200 && n < 600) return n;
		}
	}
	const reply = reason === null ? null : REPLY_CODE.exec(reason);
	return reply === null ? null : Number(reply[1]);
}

function enhancedCodeIn(sources: Fields[], reason: string | null): string | null {
	for (const source of sources) {
		for (const name of ALL_CODE_FIELDS) {
			const text = textOrNull(source[name]);
			if (text !== null && ENHANCED_CODE.test(text)) return text;
		}
	}
	const reply = reason === null ? null : REPLY_ENHANCED_CODE.exec(reason);
	return reply === null ? null : reply[1];
}

const NO_FIELDS: Readonly<Fields> = Object.freeze({});

/** Legacy events wrap their fields in `event` (or, posted flat, carry `event_type` itself). */
function legacyFieldsOf(raw: EverlyticRawEvent): Fields | undefined {
	if (isRecord(raw.event)) return raw.event;
	if (!Array.isArray(raw.data) && ('event_type' in raw || 'event_id' in raw)) return raw;
	return undefined;
}

function typeName(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The provider's own event name: standard `type`, legacy `event_type`; null when absent. */
export function everlyticEventNameOf(raw: EverlyticRawEvent): string | null {
	const legacy = legacyFieldsOf(raw);
	return typeName(legacy === undefined ? raw.type : legacy.event_type);
}

/**
 * The normalized event for one raw Everlytic event (from parseEverlyticDelivery). id: the
 * delivery's `id` (with `:index` when the delivery held several data entries), legacy
 * `event_id`, else a hash of the event.
 */
export function normalizeEverlyticEvent(
	raw: EverlyticRawEvent,
	options?: NormalizeOptions,
): NormalizedEvent {
	const legacy = legacyFieldsOf(raw);
	let entry: Fields;
	let providerEvent: string | null;
	let providerId: string | undefined;
	let messageId: string | null;
	let recipient: string | null;
	let timestamp: string | null;
	if (legacy === undefined) {
		const first = Array.isArray(raw.data) ? raw.data[0] : undefined;
		entry = isRecord(first) ? first : NO_FIELDS;
		providerEvent = typeName(raw.type);
		providerId = providerIdOf(raw.id);
		const index = (raw as { [EVERLYTIC_ENTRY_INDEX]?: number })[EVERLYTIC_ENTRY_INDEX];
		if (providerId !== undefined && index !== undefined) providerId = `${providerId}:${index}`;
		const transaction = isRecord(entry.transaction) ? entry.transaction : NO_FIELDS;
		messageId = textOrNull(transaction.message_id);
		const to = entry.recipient;
		recipient = isRecord(to)
			? textOrNull(to.email)
			: typeof to === 'string' && to.includes('@')
				? to.trim()
				: null;
		timestamp = toIsoTimestamp(raw.timestamp) ?? toIsoTimestamp(entry.timestamp);
	} else {
		entry = legacy;
		providerEvent = typeName(legacy.event_type);
		providerId = providerIdOf(legacy.event_id);
		// The standard set's message_id when the legacy set carries it too, else its
		// transaction id.
		messageId = textOrNull(legacy.message_id) ?? textOrNull(legacy.trans_id);
		recipient = textOrNull(legacy.email_to);
		timestamp = toIsoTimestamp(legacy.event_date) ?? toIsoTimestamp(legacy.timestamp);
	}
	const event: NormalizedEventType = everlyticSubscriptionOf(providerEvent) ?? 'unknown';

	let bounceType: BounceType | null = null;
	let reason: string | null = null;
	let bounce: NormalizedEvent['bounce'] = null;
	let open: NormalizedEvent['open'] = null;
	let click: NormalizedEvent['click'] = null;
	if (event === 'bounce' || event === 'failed') {
		const sources = sourcesOf(entry, BOUNCE_GROUPS);
		reason = firstText(sources, REASON_FIELDS);
		bounceType = bounceTypeIn(sources);
		if (event === 'bounce') {
			bounce = {
				code: smtpCodeIn(sources, reason),
				enhancedCode: enhancedCodeIn(sources, reason),
				description: reason,
			};
		}
	} else if (event === 'open') {
		const sources = sourcesOf(entry, OPEN_GROUPS);
		open = {
			ip: firstText(sources, IP_FIELDS),
			userAgent: firstText(sources, USER_AGENT_FIELDS),
			timestamp: actionTime(entry, OPEN_GROUPS) ?? timestamp,
		};
	} else if (event === 'click') {
		const sources = sourcesOf(entry, CLICK_GROUPS);
		click = {
			url: firstText(sources, URL_FIELDS),
			ip: firstText(sources, IP_FIELDS),
			userAgent: firstText(sources, USER_AGENT_FIELDS),
			timestamp: actionTime(entry, CLICK_GROUPS) ?? timestamp,
		};
	}

	const id = providerId ?? hashRawEvent(raw);

	const normalized: NormalizedEvent = {
		provider: 'everlytic',
		event,
		bounceType,
		providerEvent,
		id,
		messageId,
		recipient,
		timestamp,
		reason,
		bounce,
		open,
		click,
		complaint: null,
	};
	if (options?.includeRaw === true) normalized.raw = raw;
	return normalized;
}

/** The open/click's own time, when the entry carries one apart from the event's. */
function actionTime(entry: Fields, groups: readonly string[]): string | null {
	for (const group of groups) {
		const value = entry[group];
		if (!isRecord(value)) continue;
		for (const name of ACTION_TIME_FIELDS) {
			const iso = toIsoTimestamp(value[name]);
			if (iso !== null) return iso;
		}
	}
	for (const name of ENTRY_ACTION_TIME_FIELDS) {
		const iso = toIsoTimestamp(entry[name]);
		if (iso !== null) return iso;
	}
	return null;
}
