// The one event schema every provider's normalizer produces (README, "The normalized event"):
// types and field lists only. The value conversions that keep formats identical across
// providers live in shared/delivery (isoTimestamp, textOrNull, isRecord). A test checks the
// README's field table against NORMALIZED_EVENT_FIELDS.

export type EmailProvider = 'sarv' | 'sendclean' | 'everlytic';

export type NormalizedEventType =
	| 'sent'
	| 'delivered'
	| 'failed'
	| 'bounce'
	| 'open'
	| 'click'
	| 'complaint'
	| 'unsubscribe'
	| 'resubscribe'
	| 'unknown';

export const NORMALIZED_EVENT_TYPES: readonly NormalizedEventType[] = Object.freeze([
	'sent',
	'delivered',
	'failed',
	'bounce',
	'open',
	'click',
	'complaint',
	'unsubscribe',
	'resubscribe',
	'unknown',
]);

export type BounceType = 'hard' | 'soft';

/**
 * Where `recipient` came from: the event itself, the complaint's feedback report
 * (Original-Rcpt-To), a look-up of the message at the provider; null when there is none.
 */
export type RecipientSource = 'event' | 'report' | 'lookup';

/** Why `recipient` is null when the event carries no address (others come from the look-up). */
export const RECIPIENT_NOT_IN_EVENT = 'not in the event';

/** A provider's event exactly as received (parsed JSON); referenced, never copied. */
export type RawProviderEvent = Record<string, unknown>;

// Type aliases rather than interfaces: n8n items need `IDataObject`, which an interface
// (no implicit index signature) would not satisfy.
export type NormalizedBounce = {
	/** SMTP basic status code, e.g. 550 (number or numeric string in the payload) */
	code: number | null;
	/** RFC 3463 enhanced status code, e.g. '5.2.2' */
	enhancedCode: string | null;
	description: string | null;
};

export type NormalizedOpen = {
	ip: string | null;
	userAgent: string | null;
	/** ISO 8601 UTC */
	timestamp: string | null;
};

export type NormalizedClick = {
	url: string | null;
	ip: string | null;
	userAgent: string | null;
	/** ISO 8601 UTC */
	timestamp: string | null;
};

/** Fields of an RFC 5965 (ARF) feedback report. */
export type NormalizedComplaint = {
	feedbackType: string | null;
	originalRecipient: string | null;
	reportedDomain: string | null;
	sourceIp: string | null;
	userAgent: string | null;
	/** ISO 8601 UTC when the report's date parses, else the report's own text */
	arrivalDate: string | null;
};

export type NormalizedEvent = {
	provider: EmailProvider;
	event: NormalizedEventType;
	/** 'hard' / 'soft' for bounces when the provider says which, else null */
	bounceType: BounceType | null;
	/** the provider's own event name ('hard_bounce', 'spam', 'Bounced', ...) */
	providerEvent: string | null;
	/**
	 * stable id for de-duplication, the same on a provider's retry: composed from the provider's
	 * fields (TES: message, event, ts, detail fingerprint; Everlytic: its id), else a hash
	 */
	id: string;
	/** TES x_unique_id (else _id); Everlytic transaction.message_id */
	messageId: string | null;
	recipient: string | null;
	/** where `recipient` came from; null when it is null */
	recipientSource: RecipientSource | null;
	/** why `recipient` is null (e.g. 'not in the event'); null when there is one */
	recipientMissingReason: string | null;
	/** ISO 8601 UTC, null when the payload carries no usable time */
	timestamp: string | null;
	/** bounce / failure description */
	reason: string | null;
	bounce: NormalizedBounce | null;
	open: NormalizedOpen | null;
	click: NormalizedClick | null;
	complaint: NormalizedComplaint | null;
	/** the provider's event as received, present only when the trigger's output keeps it */
	raw?: RawProviderEvent;
};

// Record<keyof NormalizedEvent, true> makes the compiler reject a missing or an extra name,
// so the exported list cannot drift from the type.
const FIELD_PRESENCE: Record<keyof NormalizedEvent, true> = {
	provider: true,
	event: true,
	bounceType: true,
	providerEvent: true,
	id: true,
	messageId: true,
	recipient: true,
	recipientSource: true,
	recipientMissingReason: true,
	timestamp: true,
	reason: true,
	bounce: true,
	open: true,
	click: true,
	complaint: true,
	raw: true,
};

/** Every field name of NormalizedEvent, in schema order. */
export const NORMALIZED_EVENT_FIELDS: ReadonlyArray<keyof NormalizedEvent> = Object.freeze(
	Object.keys(FIELD_PRESENCE) as Array<keyof NormalizedEvent>,
);
