// Turns what n8n hands a TES trigger (the parsed body, the raw bytes, the content type) into the
// delivery's raw events. Documented: a JSON array of events. Also accepted, since the docs leave
// them open (docs/providers.md): a single event object, and a form post whose field holds the
// events: any field named `*_events` in any case (`mandrill_events` as in Mandrill,
// `sarvtes_events` and `SendCleantes_events` as public TES receivers read them), whatever other
// fields come with it (`user_id`), else `data`, `payload` or the only field. A field's value may
// be JSON or the Python literal of the same data (those receivers read it with Python's
// literal_eval). An empty array or body is a ping: no events. n8n has usually parsed the body
// already; the raw bytes are read only when it has not. Events are returned by reference, never
// copied.

import {
	bodyTextOf,
	decodeDeliveryText,
	looksLikeJson,
	MAX_TEXT_NESTING,
} from '../../shared/delivery/decodeDeliveryBody';
import { MalformedDeliveryError } from '../../shared/delivery/MalformedDeliveryError';
import { isRecord } from '../../shared/delivery/isRecord';
import { assertDepthAtMost } from '../../shared/delivery/valueDepth';

export type TesRawEvent = Record<string, unknown>;

export type TesDeliveryInput = {
	/** the body as n8n parsed it (`this.getBodyData()` / `req.body`) */
	body: unknown;
	/** the bytes as received (`req.rawBody`); read only when `body` holds nothing usable */
	rawBody?: Buffer | Uint8Array | string;
	/** the Content-Type header */
	contentType?: string;
};

// A form field named like this holds the events: `events`, or `<anything>_events` in any case.
const EVENTS_FIELD = /^(?:.*_)?events$/i;
// Other names that may hold the events, when no field is named for them.
const OTHER_EVENT_FIELDS: readonly string[] = Object.freeze(['data', 'payload']);

const NOT_EVENTS =
	'Body is not a TES delivery: expected a JSON array of events, one event object, or a form field holding them as JSON';
const NOT_READABLE = 'Body is neither JSON nor a form holding JSON';

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

/**
 * The events in a text: the body's own (JSON or a form) or, with `inField`, a form field's
 * value, which may also be a Python literal.
 */
function eventsFromText(text: string, depth: number, inField: boolean): TesRawEvent[] {
	if (text.trim() === '') return [];
	if (depth > MAX_TEXT_NESTING) throw new MalformedDeliveryError(NOT_EVENTS);
	const value = decodeDeliveryText(text, { notReadable: NOT_READABLE, pythonLiterals: inField });
	return eventsFromValue(value, depth + 1, undefined);
}

/** The field holding the events: one named for them, else a usual name, else the only one. */
function eventsFieldOf(body: Record<string, unknown>, names: string[]): string | undefined {
	for (const name of names) if (EVENTS_FIELD.test(name)) return name;
	for (const name of OTHER_EVENT_FIELDS) if (name in body) return name;
	if ('event' in body) return 'event';
	return names.length === 1 ? names[0] : undefined;
}

function eventsFromObject(
	body: Record<string, unknown>,
	depth: number,
	rawText: (() => string | undefined) | undefined,
): TesRawEvent[] {
	if (isTesEvent(body)) return [body];
	const names = Object.keys(body);
	if (names.length === 0) return [];
	if (depth > MAX_TEXT_NESTING) throw new MalformedDeliveryError(NOT_EVENTS);
	const holder = eventsFieldOf(body, names);
	if (holder === undefined || (looksLikeJson(holder) && body[holder] === '')) {
		// Raw JSON posted with a form content type: n8n's form parser has cut it into field names
		// (decoding '+' and '%' on the way). The bytes, when we have them, are the delivery.
		const text = rawText?.()?.trimStart();
		if (text !== undefined && text !== '' && looksLikeJson(text)) return eventsFromText(text, depth, false);
		if (holder === undefined) throw new MalformedDeliveryError(NOT_EVENTS);
		if (names.length === 1) return eventsFromText(holder, depth, false);
	}
	const value = body[holder];
	if (typeof value === 'string') return eventsFromText(value, depth, true);
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
	if (typeof value === 'string') return eventsFromText(value, depth, false);
	if (isRecord(value)) return eventsFromObject(value, depth, rawText);
	throw new MalformedDeliveryError(NOT_EVENTS);
}

/**
 * The raw events of one delivery, in order. [] for a ping (empty array, empty object, no
 * body). Throws MalformedDeliveryError (its httpStatusCode: 400, 413 for too many form fields)
 * for anything that is not events, or events nested more than MAX_VALUE_DEPTH levels.
 */
export function parseTesDelivery(input: TesDeliveryInput): TesRawEvent[] {
	const events = eventsOf(input);
	// Events nested deeper than any provider sends would overflow whatever serializes them.
	assertDepthAtMost(events);
	return events;
}

function eventsOf(input: TesDeliveryInput): TesRawEvent[] {
	const { body } = input;
	// The common case first: n8n parsed a JSON array.
	if (Array.isArray(body)) return eventsFromArray(body);
	if (body instanceof Uint8Array) return eventsFromText(bodyTextOf(body) ?? '', 0, false);
	if (typeof body === 'string') return eventsFromText(body, 0, false);
	const rawText = () => bodyTextOf(input.rawBody);
	if (isRecord(body) && Object.keys(body).length > 0) return eventsFromObject(body, 0, rawText);
	if (body === undefined || body === null || isRecord(body)) {
		// Nothing parsed (an unknown content type, or n8n left `{}`): the bytes decide.
		return eventsFromText(rawText() ?? '', 0, false);
	}
	throw new MalformedDeliveryError(NOT_EVENTS);
}
