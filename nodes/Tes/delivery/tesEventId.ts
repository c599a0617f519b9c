// The stable id of a TES event, composed from the provider's own fields: which message
// (x_unique_id, else _id), which event (its type) and when (ts, as sent), plus a short
// fingerprint of the event's own details where one message can have several events of one type
// (bounce codes and text, the latest open or click and how many there are, the complaint report).
// A provider retry carries the same fields, so it gets the same id; events that lack a message
// or a time are hashed whole (SHA-1). Hashing every event cost about half as much as JSON.parse
// of the delivery (bench/history.md); composing costs a string. Format (README, "What arrives"):
// `<x_unique_id or _id>:<event>:<ts>[:<fingerprint, six characters>]`.

import { hashRawEvent } from '../../shared/delivery/eventId';
import { FNV32_OFFSET, fnv32Fold, fnv32Mix } from '../../shared/delivery/fnv32';
import { textOrNull } from '../../shared/delivery/textOrNull';
import { boundedJson } from '../../shared/delivery/valueDepth';
import type { TesRawEvent } from './parseTesDelivery';

// base64url digits, six bits each: a 32-bit fingerprint is six characters.
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SEPARATOR = 0x1f;

function foldText(hash: number, text: string): number {
	return fnv32Mix(fnv32Fold(hash, text), SEPARATOR);
}

function digitsOf(hash: number): string {
	// Number#toString(36) takes V8's slow path; six table look-ups do not.
	return String.fromCharCode(
		DIGITS.charCodeAt(hash & 63),
		DIGITS.charCodeAt((hash >>> 6) & 63),
		DIGITS.charCodeAt((hash >>> 12) & 63),
		DIGITS.charCodeAt((hash >>> 18) & 63),
		DIGITS.charCodeAt((hash >>> 24) & 63),
		DIGITS.charCodeAt(hash >>> 30),
	);
}

/**
 * A 32-bit FNV-1a style hash (fnv32.ts), as six base64url characters, of the details, each as
 * text (objects as depth-bounded JSON). Not a digest: it only tells apart the details of events
 * that already share message, type and time.
 */
export function detailFingerprint(details: readonly unknown[]): string {
	let hash = FNV32_OFFSET;
	for (const value of details) {
		if (typeof value === 'string') hash = foldText(hash, value);
		else if (typeof value === 'number' || typeof value === 'boolean') hash = foldText(hash, String(value));
		else if (value === undefined || value === null) hash = foldText(hash, '');
		else hash = foldText(hash, boundedJson(value));
	}
	return digitsOf(hash);
}

/**
 * `String(ms)` for a TES time in milliseconds, about twice as fast: a 13-digit number is beyond
 * V8's small integers and its text is made the slow way, once per event. As two small halves
 * (the high one the same for a day of events, so cached by V8) it is not. Same text always.
 */
export function epochMsText(ms: number): string {
	if (ms >= 1e8 && ms <= Number.MAX_SAFE_INTEGER && Number.isInteger(ms)) {
		const high = Math.floor(ms / 1e8);
		const low = ms - high * 1e8;
		// Division may round `high` up by one near a multiple of 1e8: then `low` is negative.
		if (low >= 0 && low < 1e8) return `${high}${String(1e8 + low).slice(1)}`;
	}
	return String(ms);
}

/** `details` is undefined for events whose type, message and time say all (sent, delivered). */
export function tesEventId(raw: TesRawEvent, providerEvent: string | null, details: readonly unknown[] | undefined): string {
	const { x_unique_id: uniqueId, _id: messageId, ts } = raw;
	const message = typeof uniqueId === 'string' && uniqueId !== '' ? uniqueId : textOrNull(messageId);
	const time = typeof ts === 'number' && Number.isFinite(ts) ? epochMsText(ts) : textOrNull(ts);
	if (message === null || time === null || providerEvent === null) return hashRawEvent(raw);
	// join() makes one flat string; concatenation would make a rope that de-duplication's
	// hashing (repeatedIds.ts) would flatten again.
	return details === undefined
		? [message, providerEvent, time].join(':')
		: [message, providerEvent, time, detailFingerprint(details)].join(':');
}
