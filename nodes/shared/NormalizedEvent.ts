// The one event schema every provider's parser produces (DESIGN.md, "The normalized event"),
// plus the few value conversions (timestamps, text) that must give identical formats for every
// provider. A test checks the README's field table against NORMALIZED_EVENT_FIELDS.

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
	/** stable id for de-duplication: the provider's event id, else a hash of the event */
	id: string;
	/** TES x_unique_id (else _id); Everlytic transaction.message_id */
	messageId: string | null;
	recipient: string | null;
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

// ---- value conversions shared by every normalizer -------------------------------------------

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Trimmed non-empty text; numbers become their decimal text; anything else null. */
export function textOrNull(value: unknown): string | null {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		return trimmed === '' ? null : trimmed;
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

const NUMERIC_TEXT = /^[+-]?\d+(?:\.\d+)?$/;
// A date-time without a zone: providers that send one mean UTC; Date.parse would use the
// machine's local zone and make the output depend on where n8n runs.
const ZONELESS_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)$/;
const MS_PER_DAY = 86_400_000;
// 10000-01-01T00:00:00Z: below it (and from 1970) the fast formatter below is exact.
const FAST_FORMAT_LIMIT_MS = 253_402_300_800_000;
const MAX_DATE_MS = 8.64e15;

/**
 * Milliseconds since the epoch from a number or string. Numbers are told apart by magnitude:
 * below 1e11 they are seconds (1e11 s is the year 5138), below 1e14 milliseconds, below 1e17
 * microseconds. Strings may be numeric or a date (ISO 8601, RFC 2822); a date-time without a
 * zone is read as UTC.
 */
export function toEpochMs(value: unknown): number | null {
	let n: number;
	if (typeof value === 'number') {
		n = value;
	} else if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return null;
		if (NUMERIC_TEXT.test(text)) {
			n = Number(text);
		} else {
			const zoneless = ZONELESS_DATE_TIME.exec(text);
			const parsed = Date.parse(
				zoneless === null ? text : `${zoneless[1]}T${zoneless[2].replace(',', '.')}Z`,
			);
			return Number.isNaN(parsed) ? null : parsed;
		}
	} else {
		return null;
	}
	if (!Number.isFinite(n)) return null;
	const magnitude = Math.abs(n);
	let ms: number;
	if (magnitude < 1e11) ms = n * 1000;
	else if (magnitude < 1e14) ms = n;
	else if (magnitude < 1e17) ms = n / 1000;
	else return null;
	ms = Math.trunc(ms);
	return Math.abs(ms) > MAX_DATE_MS ? null : ms;
}

function pad2(n: number): string {
	return n < 10 ? `0${n}` : `${n}`;
}

/**
 * Same text as `new Date(ms).toISOString()`, about twice as fast for 1970..9999 (it runs once
 * per event on the receive path); other valid times fall back to Date.
 */
export function isoFromEpochMs(ms: number): string | null {
	if (!(ms >= 0 && ms < FAST_FORMAT_LIMIT_MS)) {
		if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return null;
		return new Date(ms).toISOString();
	}
	const t = Math.floor(ms);
	const days = Math.floor(t / MS_PER_DAY);
	let rest = t - days * MS_PER_DAY;
	// Civil date from a day count (Howard Hinnant's days_from_civil inverse), for days >= 0.
	const z = days + 719_468;
	const era = Math.floor(z / 146_097);
	const dayOfEra = z - era * 146_097;
	const yearOfEra = Math.floor(
		(dayOfEra -
			Math.floor(dayOfEra / 1460) +
			Math.floor(dayOfEra / 36_524) -
			Math.floor(dayOfEra / 146_096)) /
			365,
	);
	const dayOfYear =
		dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const mp = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	const hours = Math.floor(rest / 3_600_000);
	rest -= hours * 3_600_000;
	const minutes = Math.floor(rest / 60_000);
	rest -= minutes * 60_000;
	const seconds = Math.floor(rest / 1000);
	const millis = rest - seconds * 1000;
	const yearText = year < 1000 ? `${year}`.padStart(4, '0') : `${year}`;
	const millisText = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : `${millis}`;
	return `${yearText}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${millisText}Z`;
}

/** ISO 8601 UTC text for any time value `toEpochMs` understands, else null. */
export function toIsoTimestamp(value: unknown): string | null {
	const ms = toEpochMs(value);
	return ms === null ? null : isoFromEpochMs(ms);
}
