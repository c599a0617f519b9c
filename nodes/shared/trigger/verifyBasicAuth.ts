// Checks an `Authorization: Basic ...` header against the username and password the trigger
// chose at registration (Everlytic's only receiver protection). Neither comparison stops at the
// first differing byte, so the content does not leak through timing. The length may: the
// trigger generates credentials of one fixed length, so the length is no secret, and skipping a
// hash of both sides halves the cost of every delivery (BENCHMARKS.md). Never throws.

import { timingSafeEqual } from 'node:crypto';

export type BasicCredentials = { username: string; password: string };

const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The digits' character codes by value: a typed array reads faster than charCodeAt here. */
const DIGIT_CODES = Uint8Array.from(BASE64_DIGITS, (digit) => digit.charCodeAt(0));
const SPACE = 0x20;
const PAD = 0x3d; // =
const COLON = 0x3a;

function skipSpaces(text: string, at: number): number {
	let i = at;
	while (text.charCodeAt(i) === SPACE) i++;
	return i;
}

/** Character `i` of `username:password`, read from the two parts (no joined string is made). */
function credentialCodeAt(username: string, password: string, i: number): number {
	const n = username.length;
	return i < n ? username.charCodeAt(i) : i === n ? COLON : password.charCodeAt(i - n - 1);
}

/**
 * True when the header is exactly `Basic <canonical Base64 of username:password>` (any case of
 * the scheme, spaces around): what every client sends. Compared character by character while
 * encoding the credentials, with no early exit and no string or Buffer made: this check runs for
 * every delivery, and the Buffers of the general check were a third of Everlytic's receive path.
 * False for anything else, which the general check then decides.
 */
export function isCanonicalBasic(header: string, username: string, password: string): boolean {
	const start = skipSpaces(header, 0);
	// 'basic' with the case bit (0x20) set on each letter, then at least one space.
	if (
		(header.charCodeAt(start) | SPACE) !== 0x62 ||
		(header.charCodeAt(start + 1) | SPACE) !== 0x61 ||
		(header.charCodeAt(start + 2) | SPACE) !== 0x73 ||
		(header.charCodeAt(start + 3) | SPACE) !== 0x69 ||
		(header.charCodeAt(start + 4) | SPACE) !== 0x63 ||
		header.charCodeAt(start + 5) !== SPACE
	) {
		return false;
	}
	const token = skipSpaces(header, start + 5);
	let end = header.length;
	while (end > token && header.charCodeAt(end - 1) === SPACE) end--;
	const n = username.length + 1 + password.length;
	if (end - token !== 4 * Math.ceil(n / 3)) return false;
	let difference = 0;
	let i = 0;
	let at = token;
	for (; i + 3 <= n; i += 3, at += 4) {
		const a = credentialCodeAt(username, password, i);
		const b = credentialCodeAt(username, password, i + 1);
		const c = credentialCodeAt(username, password, i + 2);
		// Beyond ASCII a character is not one UTF-8 byte: the general check decides.
		difference |= (a | b | c) & 0xff80;
		difference |= header.charCodeAt(at) ^ DIGIT_CODES[(a >> 2) & 63];
		difference |= header.charCodeAt(at + 1) ^ DIGIT_CODES[((a & 3) << 4) | ((b >> 4) & 15)];
		difference |= header.charCodeAt(at + 2) ^ DIGIT_CODES[((b & 15) << 2) | ((c >> 6) & 3)];
		difference |= header.charCodeAt(at + 3) ^ DIGIT_CODES[c & 63];
	}
	if (i < n) {
		// One or two characters left: their digits, then padding.
		const a = credentialCodeAt(username, password, i);
		const b = i + 1 < n ? credentialCodeAt(username, password, i + 1) : 0;
		difference |= (a | b) & 0xff80;
		difference |= header.charCodeAt(at) ^ DIGIT_CODES[(a >> 2) & 63];
		difference |= header.charCodeAt(at + 1) ^ DIGIT_CODES[((a & 3) << 4) | ((b >> 4) & 15)];
		difference |= header.charCodeAt(at + 2) ^ (i + 1 < n ? DIGIT_CODES[(b & 15) << 2] : PAD);
		difference |= header.charCodeAt(at + 3) ^ PAD;
	}
	return difference === 0;
}

/** Any Base64 Buffer decodes (no padding, URL-safe alphabet, white space), against UTF-8 `wanted`. */
function sameDecodedBytes(header: string, wanted: string): boolean {
	const value = header.trim();
	// Scheme names are case-insensitive (RFC 7235).
	if (value.length < 7 || value.slice(0, 6).toLowerCase() !== 'basic ') return false;
	const received = Buffer.from(value.slice(6).trim(), 'base64');
	const bytes = Buffer.from(wanted, 'utf8');
	return received.length === bytes.length && timingSafeEqual(received, bytes);
}

/**
 * `authorization` is the header value as n8n hands it (string, or a one-element array when
 * repeated). An empty expected username or password never matches: a webhook must not become
 * open because its stored credentials were lost.
 */
export function verifyBasicAuth(authorization: unknown, expected: BasicCredentials): boolean {
	const header =
		Array.isArray(authorization) && authorization.length === 1 ? authorization[0] : authorization;
	if (typeof header !== 'string') return false;
	if (
		typeof expected?.username !== 'string' ||
		typeof expected.password !== 'string' ||
		expected.username === '' ||
		expected.password === ''
	) {
		return false;
	}
	// `user:password` as the client sends it (RFC 7617): one comparison covers both parts.
	if (isCanonicalBasic(header, expected.username, expected.password)) return true;
	return sameDecodedBytes(header, `${expected.username}:${expected.password}`);
}
