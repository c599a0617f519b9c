// Turns what n8n hands a TES trigger (the parsed body, the raw bytes, the content type) into the
// delivery's raw events. Documented: a JSON array of events. Also accepted, since NOTES.md
// leaves them open: a single event object, and a form post whose field (`mandrill_events` as in
// Mandrill, or any single field) holds the JSON. An empty array or body is a ping: no events.
// n8n has usually parsed the body already; the raw bytes are read only when it has not.
// Events are returned by reference, never copied.

import { MalformedDeliveryError, parseDeliveryJson } from '../../shared/delivery/MalformedDeliveryError';
import { isRecord } from '../../shared/NormalizedEvent';

export type TesRawEvent = Record<string, unknown>;

export type TesDeliveryInput = {
	/** the body as n8n parsed it (`this.getBodyData()` / `req.body`) */
	body: unknown;
	/** the bytes as received (`req.rawBody`); read only when `body` holds nothing usable */
	rawBody?: Buffer | Uint8Array | string;
	/** the Content-Type header */
	contentType?: string;
};

// Form fields that may hold the events as JSON, most likely first. `mandrill_events` is
// Mandrill's name (the TES SDKs are Mandrill forks); the others are common choices.
const EVENT_FIELDS: readonly string[] = Object.freeze([
	'mandrill_events',
	'events',
	'tes_events',
	'data',
	'payload',
]);
// JSON-in-a-field-in-JSON is followed this deep, no further.
const MAX_NESTING = 3;

const NOT_EVENTS =
	'Body is not a TES delivery: expected a JSON array of events, one event object, or a form field holding them as JSON';

function looksLikeJson(text: string): boolean {
	const c = text.charCodeAt(0);
	return c === 0x5b /* [ */ || c === 0x7b /* { */ || c === 0x22 /* " */;
}

/** A TES event names its type in `event`; the other documented fields help recognise one without. */
function isTesEvent(value: Record<string, unknown>): boolean {
	const type = value.event;
	if (typeof type === 'string') return !looksLikeJson(type.trimStart());
	return (
		type === undefined &&
		('_id' in value || 'x_unique_id' in value || ('msg' in value && 'ts' in value))
	);
}

function eventsFromArray(list: unknown[]): TesRawEvent[] {
	for (let i = 0; i < list.length; i++) {
		if (!isRecord(list[i])) {
			throw new MalformedDeliveryError(
				`Event ${i + 1} of ${list.length} in the delivery is not a JSON object`,
			);
		}
	}
	return list as TesRawEvent[];
}

function eventsFromText(text: string, depth: number): TesRawEvent[] {
	const trimmed = text.trim();
	if (trimmed === '') return [];
	if (depth > MAX_NESTING) throw new MalformedDeliveryError(NOT_EVENTS);
	if (looksLikeJson(trimmed)) {
		return eventsFromValue(parseDeliveryJson(trimmed), depth + 1, undefined);
	}
	if (trimmed.includes('=')) {
		const fields: Record<string, unknown> = {};
		for (const [name, value] of new URLSearchParams(trimmed)) fields[name] = value;
		return eventsFromValue(fields, depth + 1, undefined);
	}
	throw new MalformedDeliveryError('Body is neither JSON nor a form holding JSON');
}

function eventsFromObject(
	body: Record<string, unknown>,
	depth: number,
	rawText: (() => string | undefined) | undefined,
): TesRawEvent[] {
	if (isTesEvent(body)) return [body];
	const names = Object.keys(body);
	if (names.length === 0) return [];
	if (depth > MAX_NESTING) throw new MalformedDeliveryError(NOT_EVENTS);
	let holder: string | undefined;
	for (const name of EVENT_FIELDS) {
		if (name in body) {
			holder = name;
			break;
		}
	}
	if (holder === undefined && 'event' in body) holder = 'event';
	if (holder === undefined && names.length === 1) holder = names[0];
	if (holder === undefined || (looksLikeJson(holder) && body[holder] === '')) {
		// Raw JSON posted with a form content type: n8n's form parser has cut it into field names
		// (decoding '+' and '%' on the way). The bytes, when we have them, are the delivery.
		const text = rawText?.()?.trimStart();
		if (text !== undefined && text !== '' && looksLikeJson(text)) return eventsFromText(text, depth);
		if (holder === undefined) throw new MalformedDeliveryError(NOT_EVENTS);
		if (names.length === 1) return eventsFromText(holder, depth);
	}
	const value = body[holder];
	if (typeof value === 'string') return eventsFromText(value, depth);
	if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'string') {
		throw new MalformedDeliveryError('A form field of the body appears more than once');
	}
	if (Array.isArray(value) || isRecord(value)) return eventsFromValue(value, depth + 1, undefined);
	throw new MalformedDeliveryError('A form field of the body does not hold JSON events');
}

function eventsFromValue(
	value: unknown,
	depth: number,
	rawText: (() => string | undefined) | undefined,
): TesRawEvent[] {
	if (Array.isArray(value)) return eventsFromArray(value);
	if (typeof value === 'string') return eventsFromText(value, depth);
	if (isRecord(value)) return eventsFromObject(value, depth, rawText);
	throw new MalformedDeliveryError(NOT_EVENTS);
}

function textOf(raw: Buffer | Uint8Array | string | undefined): string | undefined {
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw === 'string') return raw;
	return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
}

/**
 * The raw events of one delivery, in order. [] for a ping (empty array, empty object, no
 * body). Throws MalformedDeliveryError (→ HTTP 400) for anything that is not events.
 */
export function parseTesDelivery(input: TesDeliveryInput): TesRawEvent[] {
	const { body } = input;
	// The common case first: n8n parsed a JSON array.
	if (Array.isArray(body)) return eventsFromArray(body);
	if (body instanceof Uint8Array) return eventsFromText(textOf(body) ?? '', 0);
	if (typeof body === 'string') return eventsFromText(body, 0);
	const rawText = () => textOf(input.rawBody);
	if (isRecord(body) && Object.keys(body).length > 0) return eventsFromObject(body, 0, rawText);
	if (body === undefined || body === null || isRecord(body)) {
		// Nothing parsed (an unknown content type, or n8n left `{}`): the bytes decide.
		return eventsFromText(rawText() ?? '', 0);
	}
	throw new MalformedDeliveryError(NOT_EVENTS);
}
