// Checks an `Authorization: Basic ...` header against the username and password the trigger
// chose at registration (Everlytic's only receiver protection). The bytes are compared with
// crypto.timingSafeEqual, so their content does not leak through timing. Their length may: the
// trigger generates credentials of one fixed length, so the length is no secret, and skipping a
// hash of both sides halves the cost of every delivery (BENCHMARKS.md). Never throws.

import { timingSafeEqual } from 'node:crypto';

export type BasicCredentials = { username: string; password: string };

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
	const value = header.trim();
	// Scheme names are case-insensitive (RFC 7235).
	if (value.length < 7 || value.slice(0, 6).toLowerCase() !== 'basic ') return false;
	const received = Buffer.from(value.slice(6).trim(), 'base64');
	// `user:password` as the client sends it (RFC 7617): one comparison covers both parts.
	const wanted = Buffer.from(`${expected.username}:${expected.password}`, 'utf8');
	return received.length === wanted.length && timingSafeEqual(received, wanted);
}
