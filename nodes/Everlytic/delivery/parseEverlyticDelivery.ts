// Turns what n8n hands the Everlytic trigger (the parsed body, the raw bytes, the content type)
// into raw events. Field sets (docs/providers.md, Everlytic deliveries):
//   standard  {id, type, timestamp, data: [{transaction, recipient}, ...]}  → one event per data[] entry
//   legacy    {event: {event_id, event_date, event_type, email_to, trans_id, ...}}
// Also accepted: an array of such objects, and form-urlencoded bodies, whose layout Everlytic
// does not publish: a field holding the JSON (`data`, `event`, `payload` or the only field),
// or the fields themselves, flat (`event_type=...`) or bracketed (`event[event_type]=...`, as
// n8n's form parser leaves them, or nested as the `qs` parser makes them).
// An empty body, object or array is a ping: no events. normalizeEverlyticEvent tells the
// field sets apart again (cheaply), so the events stay plain objects, as received.

import {
	bodyTextOf,
	decodeDeliveryText,
	looksLikeJson,
	MAX_TEXT_NESTING,
} from '../../shared/delivery/decodeDeliveryBody';
import { isRecord } from '../../shared/delivery/isRecord';
import { MalformedDeliveryError } from '../../shared/delivery/MalformedDeliveryError';
import { assertDepthAtMost } from '../../shared/delivery/valueDepth';
import { envelopeViews } from './envelopeViews';

export { EVERLYTIC_ENTRY_INDEX, type EverlyticRawEvent } from './envelopeViews';
import type { EverlyticRawEvent } from './envelopeViews';

export type EverlyticDeliveryInput = {
	/** the body as n8n parsed it (`this.getBodyData()` / `req.body`) */
	body: unknown;
	/** the bytes as received (`req.rawBody`); read only when `body` holds nothing usable */
	rawBody?: Buffer | Uint8Array | string;
	/** the Content-Type header */
	contentType?: string;
};

// Form fields that may hold the delivery as JSON (the form layout is unpublished).
const JSON_FIELDS: readonly string[] = Object.freeze(['data', 'event', 'payload']);
// Path segments that would reach Object.prototype when bracketed names are expanded.
const UNSAFE_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
// Brackets in one form field name: Everlytic's fields nest three or four levels
// (data[0][recipient][email]); deeper names would build values nothing can serialize.
const MAX_NAME_SEGMENTS = 16;
const INDEX_KEY = /^\d+$/;

const NOT_EVENTS =
	'Body is not an Everlytic webhook event: expected {type, data: [...]} (standard) or {event: {...}} (legacy)';

/** `event[event_type]` → ['event', 'event_type']; undefined when the name has no brackets. */
function bracketPath(name: string): string[] | undefined {
	const open = name.indexOf('[');
	if (open <= 0 || !name.endsWith(']')) return undefined;
	const path = [name.slice(0, open)];
	let at = open;
	while (at < name.length) {
		if (name[at] !== '[') return undefined;
		if (path.length >= MAX_NAME_SEGMENTS) {
			throw new MalformedDeliveryError(`A form field name nests more than ${MAX_NAME_SEGMENTS} brackets deep`);
		}
		const close = name.indexOf(']', at);
		if (close === -1) return undefined;
		path.push(name.slice(at + 1, close));
		at = close + 1;
	}
	return path;
}

/** Expands bracketed form names into nested objects; undefined when there are none. */
function expandBracketNames(fields: Record<string, unknown>): Record<string, unknown> | undefined {
	let expanded: Record<string, unknown> | undefined;
	for (const name of Object.keys(fields)) {
		const path = bracketPath(name);
		if (path === undefined) continue;
		expanded ??= {};
		if (path.some((segment) => UNSAFE_SEGMENTS.has(segment))) continue;
		let node = expanded;
		for (let i = 0; i < path.length - 1; i++) {
			const next = node[path[i]];
			if (isRecord(next)) {
				node = next;
			} else {
				const created: Record<string, unknown> = {};
				node[path[i]] = created;
				node = created;
			}
		}
		node[path[path.length - 1]] = fields[name];
	}
	if (expanded === undefined) return undefined;
	for (const name of Object.keys(fields)) {
		if (
			bracketPath(name) === undefined &&
			!UNSAFE_SEGMENTS.has(name) &&
			!Object.prototype.hasOwnProperty.call(expanded, name)
		) {
			expanded[name] = fields[name];
		}
	}
	return expanded;
}

/**
 * data[] as an array. A form's data[0][...] expands to an object with index keys; a lone
 * object instead of an array is taken as the only entry.
 */
function entriesOf(data: unknown): unknown[] | undefined {
	if (Array.isArray(data)) return data;
	if (!isRecord(data)) return undefined;
	const keys = Object.keys(data);
	if (keys.length === 0) return [];
	// Integer-like keys enumerate in ascending numeric order.
	if (keys.every((key) => INDEX_KEY.test(key))) return keys.map((key) => data[key]);
	return [data];
}

function typeText(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function standardEvents(delivery: Record<string, unknown>, entries: unknown[]): EverlyticRawEvent[] {
	for (let i = 0; i < entries.length; i++) {
		if (!isRecord(entries[i])) {
			throw new MalformedDeliveryError(`data[${i}] of the event is not an object`);
		}
	}
	if (entries.length === 0) return [delivery];
	// The common case: the delivery is the event, as received.
	if (entries.length === 1 && delivery.data === entries) return [delivery];
	return envelopeViews(delivery, entries as Array<Record<string, unknown>>);
}

function eventsFromText(text: string, depth: number): EverlyticRawEvent[] {
	if (text.trim() === '') return [];
	if (depth > MAX_TEXT_NESTING) throw new MalformedDeliveryError(NOT_EVENTS);
	const value = decodeDeliveryText(text, { notReadable: 'Body is neither JSON nor form fields' });
	assertDepthAtMost(value);
	return eventsFromValue(value, depth + 1);
}

/** The body with every field holding a JSON object or array decoded; undefined when none does. */
function decodeJsonFields(body: Record<string, unknown>): Record<string, unknown> | undefined {
	let decoded: Record<string, unknown> | undefined;
	for (const name of Object.keys(body)) {
		const value = body[name];
		if (typeof value !== 'string' || UNSAFE_SEGMENTS.has(name)) continue;
		const text = value.trim();
		const first = text.charCodeAt(0);
		if (first !== 0x5b /* [ */ && first !== 0x7b /* { */) continue;
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			continue; // a text field that merely starts with a bracket stays text
		}
		assertDepthAtMost(parsed);
		decoded ??= { ...body };
		decoded[name] = parsed;
	}
	return decoded;
}

function eventsFromObject(body: Record<string, unknown>, depth: number): EverlyticRawEvent[] {
	const { event, data } = body;
	if (isRecord(event)) return [body];
	const entries = entriesOf(data);
	if (entries !== undefined) return standardEvents(body, entries);
	// Legacy fields posted flat, without the `event` wrapper (objects JSON-encoded, if any).
	if ('event_type' in body || 'event_id' in body) return [decodeJsonFields(body) ?? body];
	const names = Object.keys(body);
	if (names.length === 0) return [];
	if (depth > MAX_TEXT_NESTING) throw new MalformedDeliveryError(NOT_EVENTS);
	// The envelope's own fields beside JSON-encoded objects (`id=..&type=..&data=[{...}]`):
	// decode those in place, the body is the delivery.
	if (typeText(body.type) !== null) {
		const decoded = decodeJsonFields(body);
		if (decoded !== undefined) return eventsFromObject(decoded, depth + 1);
	}
	for (const name of JSON_FIELDS) {
		const value = body[name];
		if (typeof value === 'string') return eventsFromText(value, depth);
	}
	const expanded = expandBracketNames(body);
	if (expanded !== undefined) return eventsFromObject(expanded, depth + 1);
	if (typeText(body.type) !== null) return standardEvents(body, []);
	if (names.length === 1) {
		const value = body[names[0]];
		if (typeof value === 'string') {
			// Raw JSON posted with a form content type arrives as one field name, empty value.
			return eventsFromText(value === '' && looksLikeJson(names[0]) ? names[0] : value, depth);
		}
		if (Array.isArray(value) || isRecord(value)) return eventsFromValue(value, depth + 1);
	}
	throw new MalformedDeliveryError(NOT_EVENTS);
}

function eventsFromValue(value: unknown, depth: number): EverlyticRawEvent[] {
	if (isRecord(value)) return eventsFromObject(value, depth);
	if (Array.isArray(value)) {
		if (depth > MAX_TEXT_NESTING) throw new MalformedDeliveryError(NOT_EVENTS);
		const events: EverlyticRawEvent[] = [];
		for (let i = 0; i < value.length; i++) {
			const item = value[i];
			if (!isRecord(item)) {
				throw new MalformedDeliveryError(`Item ${i + 1} of ${value.length} in the body is not an object`);
			}
			for (const event of eventsFromObject(item, depth + 1)) events.push(event);
		}
		return events;
	}
	if (typeof value === 'string') return eventsFromText(value, depth);
	throw new MalformedDeliveryError(NOT_EVENTS);
}

function textOf(raw: Buffer | Uint8Array | string | undefined): string {
	return bodyTextOf(raw) ?? '';
}

/**
 * The raw events of one delivery, in order: one per standard data[] entry, one per legacy
 * event. [] for a ping. Throws MalformedDeliveryError (its httpStatusCode: 400, 413 for too
 * many form fields) for anything else, or a body nested more than MAX_VALUE_DEPTH levels.
 */
export function parseEverlyticDelivery(input: EverlyticDeliveryInput): EverlyticRawEvent[] {
	const { body } = input;
	// Checked once here, before views share the envelope (text decoded below is checked as read).
	assertDepthAtMost(body);
	if (isRecord(body) && !(body instanceof Uint8Array)) {
		// What n8n hands for every JSON delivery, decided without listing the body's fields.
		if (isRecord(body.event) || Array.isArray(body.data)) return eventsFromObject(body, 0);
		const names = Object.keys(body);
		if (names.length === 0) return eventsFromText(textOf(input.rawBody), 0);
		// Raw JSON posted with a form content type: n8n's form parser made the text one field
		// name (decoding '+' and '%' in it); the bytes, when we have them, are the delivery.
		if (names.length === 1 && body[names[0]] === '' && looksLikeJson(names[0])) {
			const text = textOf(input.rawBody).trim();
			if (text !== '' && looksLikeJson(text)) return eventsFromText(text, 0);
		}
		return eventsFromObject(body, 0);
	}
	if (Array.isArray(body)) return eventsFromValue(body, 0);
	if (body instanceof Uint8Array) return eventsFromText(textOf(body), 0);
	if (typeof body === 'string') return eventsFromText(body, 0);
	if (body === undefined || body === null) return eventsFromText(textOf(input.rawBody), 0);
	throw new MalformedDeliveryError(NOT_EVENTS);
}
