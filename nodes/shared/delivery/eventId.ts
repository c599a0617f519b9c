// Stable event ids for de-duplication: the provider's own id when the event has one, else a
// short hash (SHA-1, base64url, 27 characters) of the event. The same event delivered twice
// (a provider retry, or twice in one batch) gets the same id.

import { createHash, hash } from 'node:crypto';

import { boundedJson } from './valueDepth';

/** SHA-1 of `text` as base64url (27 characters). */
export function hashText(text: string): string {
	// The one-shot crypto.hash (Node >= 20.12) costs about a third of createHash per call,
	// which matters at one call per event.
	return typeof hash === 'function'
		? hash('sha1', text, 'base64url')
		: createHash('sha1').update(text).digest('base64url');
}

/**
 * Hash of the event as JSON, keys in the order received. An event nested deeper than
 * MAX_VALUE_DEPTH is a malformed delivery (400), never a stack overflow.
 */
export function hashRawEvent(raw: unknown): string {
	return hashText(boundedJson(raw));
}

/** The provider's id as text: a non-empty string or a finite number; else undefined. */
export function providerIdOf(value: unknown): string | undefined {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		return trimmed === '' ? undefined : trimmed;
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** The provider's id when present, else a hash of the raw event. */
export function eventIdOf(providerId: unknown, raw: unknown): string {
	return providerIdOf(providerId) ?? hashRawEvent(raw);
}
