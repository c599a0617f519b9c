// Everlytic webhook event payloads, in both field sets, for every event type. The envelope of
// each field set is published (docs/providers.md "Everlytic deliveries", cited as providers.md); the
// event-specific fields (bounce reason, click URL, open IP, ...) and the legacy date format are
// not, so those are plausible guesses, each marked GUESS.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** The event types a webhook can subscribe to (doc: event_types). */
export const EVERLYTIC_EVENT_TYPES = [
	'sent',
	'delivered',
	'failed',
	'open',
	'click',
	'bounce',
	'unsubscribe',
	'resubscribe',
] as const;
export type EverlyticEventType = (typeof EVERLYTIC_EVENT_TYPES)[number];

/** providers.md: legacy event types are named like Sent, Failed, Bounced, Opened, Clicked, ... */
export const EVERLYTIC_LEGACY_EVENT_NAMES: Readonly<Record<EverlyticEventType, string>> = {
	sent: 'Sent',
	delivered: 'Delivered',
	failed: 'Failed',
	open: 'Opened',
	click: 'Clicked',
	bounce: 'Bounced',
	unsubscribe: 'Unsubscribe',
	resubscribe: 'Resubscribe',
};

export interface EverlyticTransaction {
	id: string;
	message_id: string;
	method: string;
	group: { id: string; name: string };
	sent_timestamp: string;
	subject: string;
	message_size_bytes: number;
}

export interface EverlyticRecipient {
	name: string;
	email: string;
	[extra: string]: unknown;
}

export interface EverlyticStandardEntry {
	transaction: EverlyticTransaction;
	recipient: EverlyticRecipient;
	[eventSpecific: string]: unknown;
}

/** providers.md: `{id, type, timestamp (ISO 8601), data:[{transaction, recipient, ...}]}`. */
export interface EverlyticStandardEvent {
	id: string;
	type: string;
	timestamp: string;
	data: EverlyticStandardEntry[];
	[extra: string]: unknown;
}

export interface EverlyticStandardEventOverrides {
	id?: string;
	/** The standard `type`; defaults to the event type given. */
	type?: string;
	timestamp?: string;
	transaction?: Partial<EverlyticTransaction>;
	recipient?: Partial<EverlyticRecipient>;
	/** Merged into data[0]: replaces or adds event-specific fields. */
	details?: Record<string, unknown>;
	/** Replaces `data` entirely (e.g. several recipients in one event). */
	data?: EverlyticStandardEntry[];
}

/** providers.md: `{"event":{event_id, event_date, event_type, email_to, group_name, custom_headers, trans_id, ...}}`. */
export interface EverlyticLegacyEvent {
	event: {
		event_id: string;
		event_date: string;
		event_type: string;
		email_to: string;
		group_name: string;
		custom_headers: Record<string, string>;
		trans_id: string;
		[extra: string]: unknown;
	};
}

/**
 * A standard-field-set event. Event-specific fields (all GUESSES, Everlytic does not publish
 * them) sit in data[0]: bounce → `bounce: {type, code, reason}`, failed → `failure: {reason}`,
 * open → `open: {ip, user_agent, timestamp}`, click → `click: {url, ip, user_agent, timestamp}`,
 * unsubscribe / resubscribe → `{reason}`.
 */
export function makeEverlyticStandardEvent(
	type: EverlyticEventType | string,
	overrides: EverlyticStandardEventOverrides = {},
): EverlyticStandardEvent {
	const timestamp = overrides.timestamp ?? isoSeconds(new Date());
	const transaction: EverlyticTransaction = {
		id: String(randomInt(1_000_000, 9_999_999)),
		message_id: `<${randomBytes(12).toString('hex')}@mail.everlytic.net>`,
		method: 'api',
		group: { id: '12', name: 'Order confirmations' },
		sent_timestamp: timestamp,
		subject: 'Your order has shipped',
		message_size_bytes: 18432,
		...overrides.transaction,
	};
	const recipient: EverlyticRecipient = { name: 'Jane Doe', email: 'jane.doe@example.com', ...overrides.recipient };
	const entry: EverlyticStandardEntry = {
		transaction,
		recipient,
		...standardDetails(type, timestamp),
		...overrides.details,
	};
	return {
		id: overrides.id ?? randomUUID(),
		type: overrides.type ?? type,
		timestamp,
		data: overrides.data ?? [entry],
	};
}

// GUESS: names chosen to read naturally next to the published transaction/recipient objects.
function standardDetails(type: string, timestamp: string): Record<string, unknown> {
	switch (type) {
		case 'bounce':
			return { bounce: { type: 'hard', code: '5.1.1', reason: '550 5.1.1 <jane.doe@example.com>: Recipient address rejected: User unknown' } };
		case 'failed':
			return { failure: { reason: 'Recipient is on the suppression list' } };
		case 'open':
			return { open: { ip: '198.51.100.31', user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)', timestamp } };
		case 'click':
			return {
				click: { url: 'https://example.com/track-order', ip: '198.51.100.32', user_agent: 'Mozilla/5.0 (X11; Linux x86_64)', timestamp },
			};
		case 'unsubscribe':
		case 'resubscribe':
			return { reason: 'Requested by recipient' };
		default:
			return {};
	}
}

/**
 * A legacy-field-set event. `event_date` as 'YYYY-MM-DD HH:MM:SS' UTC is a GUESS, as are the
 * fields after `trans_id` (email_from, subject, message_id, bounce_type, reason, url, ip,
 * user_agent). `overrides` replace fields of the inner `event` object.
 */
export function makeEverlyticLegacyEvent(
	type: EverlyticEventType | string,
	overrides: Partial<EverlyticLegacyEvent['event']> = {},
): EverlyticLegacyEvent {
	const eventType =
		(EVERLYTIC_LEGACY_EVENT_NAMES as Record<string, string | undefined>)[type] ?? type;
	return {
		event: {
			event_id: String(randomInt(10_000_000, 99_999_999)),
			event_date: new Date().toISOString().slice(0, 19).replace('T', ' '),
			event_type: eventType,
			email_to: 'jane.doe@example.com',
			group_name: 'Order confirmations',
			custom_headers: { 'X-Order-Id': 'A-1001' },
			trans_id: String(randomInt(1_000_000, 9_999_999)),
			email_from: 'shop@example.org',
			subject: 'Your order has shipped',
			message_id: `<${randomBytes(12).toString('hex')}@mail.everlytic.net>`,
			...legacyDetails(type),
			...overrides,
		},
	};
}

// GUESS: flat fields, as legacy callbacks were form posts.
function legacyDetails(type: string): Record<string, string> {
	switch (type) {
		case 'bounce':
			return { bounce_type: 'hard', reason: '550 5.1.1 User unknown' };
		case 'failed':
			return { reason: 'Recipient is on the suppression list' };
		case 'open':
			return { ip: '198.51.100.31', user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)' };
		case 'click':
			return { url: 'https://example.com/track-order', ip: '198.51.100.32', user_agent: 'Mozilla/5.0 (X11; Linux x86_64)' };
		default:
			return {};
	}
}

/** ISO 8601 with the milliseconds zeroed, as the doc's timestamps ("2023-08-07T14:21:12.000Z"). */
export function isoSeconds(date: Date): string {
	return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
}
