// Times as the normalized event gives them: ISO 8601 UTC text, read from whatever the provider
// sends (epoch seconds, milliseconds or microseconds, numeric text, ISO 8601, RFC 2822).

import { isoFromEpochMs, isTimeToSecondsFrom1970, MAX_DATE_MS, parseIsoDateTime } from './isoDateCodec';

export { isoFromEpochMs };

const NUMERIC_TEXT = /^[+-]?\d+(?:\.\d+)?$/;

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
		const iso = parseIsoDateTime(text);
		if (iso !== undefined) return iso === null || Math.abs(iso) > MAX_DATE_MS ? null : iso;
		if (NUMERIC_TEXT.test(text)) {
			n = Number(text);
		} else {
			const parsed = Date.parse(text);
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

/** ISO 8601 UTC text for any time value `toEpochMs` understands, else null. */
export function toIsoTimestamp(value: unknown): string | null {
	if (typeof value === 'string') {
		const length = value.length;
		// Already in the output form (Everlytic's timestamps are): keep the string, make no new one.
		if (
			length === 24 &&
			value.charCodeAt(10) === 0x54 /* T */ &&
			value.charCodeAt(19) === 0x2e /* . */ &&
			value.charCodeAt(23) === 0x5a /* Z */ &&
			isTimeToSecondsFrom1970(value) &&
			digitCount(value, 20, 23) === 3
		) {
			return value;
		}
		// A UTC time to the second ('YYYY-MM-DD HH:MM:SS', T or Z optional: Everlytic's legacy
		// dates look like this): the same text with T, milliseconds and Z, pieced together.
		if (
			(length === 19 || (length === 20 && (value.charCodeAt(19) | 0x20) === 0x7a /* z */)) &&
			isDateTimeSeparator(value.charCodeAt(10)) &&
			isTimeToSecondsFrom1970(value)
		) {
			return `${value.slice(0, 10)}T${value.slice(11, 19)}.000Z`;
		}
	}
	const ms = toEpochMs(value);
	return ms === null ? null : isoFromEpochMs(ms);
}

/** T, t or a space: what may stand between an ISO 8601 date and its time. */
function isDateTimeSeparator(c: number): boolean {
	return c === 0x54 || c === 0x74 || c === 0x20;
}

/** How many of text[from, to) are ASCII digits. */
function digitCount(text: string, from: number, to: number): number {
	let count = 0;
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c >= 0x30 && c <= 0x39) count++;
	}
	return count;
}
