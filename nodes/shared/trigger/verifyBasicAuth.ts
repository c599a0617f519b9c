// Checks an `Authorization: Basic ...` header against the username and password the trigger
// chose at registration (Everlytic's only receiver protection). Neither comparison stops at the
// first differing byte, so the content does not leak through timing. The length may: the
// trigger generates credentials of one fixed length, so the length is no secret, and skipping a
// hash of both sides halves the cost of every delivery (BENCHMARKS.md). Never throws.

import { timingSafeEqual } from 'node:crypto';

import { headerText } from './webhookDelivery';

export type BasicCredentials = { username: string; password: string };

const SPACE = 0x20;

/**
 * The Base64 of `username:password` (UTF-8, padded) last worked out. One trigger's deliveries
 * all carry the same credentials, so the encoding is done once, not per delivery. A cache, not
 * state: derived from the stored credentials, right in any process (queue mode included).
 * Comparing the credentials with the remembered ones compares two secrets we hold, never the
 * header, so its timing tells a sender nothing.
 */
let rememberedUsername = '';
let rememberedPassword = '';
let rememberedToken = '';

export function basicTokenOf(username: string, password: string): string {
	if (username !== rememberedUsername || password !== rememberedPassword) {
		rememberedToken = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
		rememberedUsername = username;
		rememberedPassword = password;
	}
	return rememberedToken;
}

function skipSpaces(text: string, at: number): number {
	let i = at;
	while (text.charCodeAt(i) === SPACE) i++;
	return i;
}

/**
 * True when the header is exactly `Basic <token>` (any case of the scheme, spaces around): what
 * every client sends. Compared character by character with no early exit and no string made.
 * False for anything else, which the general check then decides.
 */
export function isCanonicalBasic(header: string, token: string): boolean {
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
	const at = skipSpaces(header, start + 5);
	let end = header.length;
	while (end > at && header.charCodeAt(end - 1) === SPACE) end--;
	if (end - at !== token.length) return false;
	let difference = 0;
	for (let i = 0; i < token.length; i++) difference |= header.charCodeAt(at + i) ^ token.charCodeAt(i);
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
	const header = headerText(authorization);
	if (header === undefined) return false;
	if (
		typeof expected?.username !== 'string' ||
		typeof expected.password !== 'string' ||
		expected.username === '' ||
		expected.password === ''
	) {
		return false;
	}
	// `user:password` as the client sends it (RFC 7617): one comparison covers both parts.
	if (isCanonicalBasic(header, basicTokenOf(expected.username, expected.password))) return true;
	return sameDecodedBytes(header, `${expected.username}:${expected.password}`);
}
