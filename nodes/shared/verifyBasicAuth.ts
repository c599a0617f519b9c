// Checks an `Authorization: Basic ...` header against the username and password the trigger
// chose at registration (Everlytic's only receiver protection). Constant time: both sides are
// reduced to SHA-256 digests of equal length before crypto.timingSafeEqual, so neither the
// content nor the length of the secret leaks. Never throws.

import { createHash, hash, timingSafeEqual } from 'node:crypto';

export type BasicCredentials = { username: string; password: string };

// SHA-256 in base64 is always 44 characters.
const DIGEST_LENGTH = 44;

function sha256Base64(text: string): string {
	// Text output: a Buffer result costs several times the hash itself, once per request.
	return typeof hash === 'function'
		? hash('sha256', text, 'base64')
		: createHash('sha256').update(text, 'utf8').digest('base64');
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
	const digests = Buffer.from(
		sha256Base64(decoded) + sha256Base64(`${expected.username}:${expected.password}`),
		'latin1',
	);
	return timingSafeEqual(digests.subarray(0, DIGEST_LENGTH), digests.subarray(DIGEST_LENGTH));
}
