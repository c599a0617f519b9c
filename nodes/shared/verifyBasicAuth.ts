// Checks an `Authorization: Basic ...` header against the username and password the trigger
// chose at registration (Everlytic's only receiver protection). Constant time: both sides are
// reduced to SHA-256 digests of equal length before crypto.timingSafeEqual, so neither the
// content nor the length of the secret leaks. Never throws.

import { createHash, hash, timingSafeEqual } from 'node:crypto';

export type BasicCredentials = { username: string; password: string };

function sha256(text: string): Buffer {
	return typeof hash === 'function'
		? hash('sha256', text, 'buffer')
		: createHash('sha256').update(text, 'utf8').digest();
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
	const value = header.trim();
	// Scheme names are case-insensitive (RFC 7235).
	if (value.length < 7 || value.slice(0, 6).toLowerCase() !== 'basic ') return false;
	const decoded = Buffer.from(value.slice(6).trim(), 'base64').toString('utf8');
	// `user:password` as the client sends it (RFC 7617): one comparison covers both parts.
	return timingSafeEqual(sha256(decoded), sha256(`${expected.username}:${expected.password}`));
}
