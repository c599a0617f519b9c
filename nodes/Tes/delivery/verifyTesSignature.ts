// Checks the TES webhook signature header (X-SarvTES-SIGNATURE / X-SendCleanTES-SIGNATURE):
// HMAC-SHA1 with the webhook's key. The signed string and its encoding are unpublished
// (docs/providers.md), so a signature is accepted when it matches any likely variant:
//   url-body       base64/hex HMAC(key, url + raw body) (= the Mandrill string for a JSON body)
//   body           base64/hex HMAC(key, raw body)
//   mandrill-form  base64/hex HMAC(key, url + each POST param sorted by name as name + value)
//                  (Mandrill's scheme; the TES SDKs are forks of Mandrill's), for form bodies
// The provided signature is decoded to its 20 bytes (hex in any case, base64 or base64url,
// optional `sha1=` prefix) and compared with crypto.timingSafeEqual, so one HMAC per signed
// string covers both encodings. Never throws.
//
// Anyone can post to a webhook URL, so a forged request must cost no more than hashing its
// bytes: a signature that does not decode is refused before anything is hashed, the two
// schemes over the bytes are checked first, and a body is parsed into form params (and sorted)
// only when it can be a Mandrill form: not JSON, and at most MAX_SIGNED_FORM_FIELDS fields, counted
// before anything is decoded. Mandrill posts one field.

import { createHmac, timingSafeEqual } from 'node:crypto';

import { parseFormBody } from '../../shared/delivery/formBody';

export type TesSignatureScheme =
	| 'mandrill-form-base64'
	| 'mandrill-form-hex'
	| 'url-body-base64'
	| 'url-body-hex'
	| 'body-base64'
	| 'body-hex';

export type TesSignatureInput = {
	/** the webhook's key (listWebhook / getWebhookInfo `key`; typed integer in one doc table) */
	key: string | number;
	/** the signature header's value as n8n hands it */
	signature: unknown;
	/** the URL registered at the provider (what it signs), not the one n8n was reached by */
	url: string;
	/** the request body's bytes as received */
	rawBody: Buffer | Uint8Array | string | undefined;
	/** the POST params of a form body as n8n parsed them; derived from rawBody when omitted */
	formParams?: Record<string, unknown>;
	/** counts the work done, for tests that hold it to its bounds */
	work?: TesSignatureWork;
};

/** What a check cost: bytes fed to HMACs and form fields decoded (and so sorted). */
export type TesSignatureWork = { bytesHashed: number; formFieldsParsed: number };

/** More fields than this and a body is no Mandrill form: it is not parsed, nor sorted. */
export const MAX_SIGNED_FORM_FIELDS = 64;

const SHA1_BYTES = 20;
const HEX_SIGNATURE = /^[0-9a-fA-F]{40}$/;
// 20 bytes are 27 base64 characters plus one '=' of padding; url-safe alphabet accepted too.
const BASE64_SIGNATURE = /^[A-Za-z0-9+/_-]{27}=?$/;

type DecodedSignature = { bytes: Buffer; encoding: 'base64' | 'hex' };

function decodeSignature(header: unknown): DecodedSignature | undefined {
	const value = Array.isArray(header) && header.length === 1 ? header[0] : header;
	if (typeof value !== 'string') return undefined;
	let text = value.trim();
	if (text.length > 5 && text.slice(0, 5).toLowerCase() === 'sha1=') text = text.slice(5);
	if (HEX_SIGNATURE.test(text)) return { bytes: Buffer.from(text, 'hex'), encoding: 'hex' };
	if (BASE64_SIGNATURE.test(text)) {
		const bytes = Buffer.from(text, 'base64');
		return bytes.length === SHA1_BYTES ? { bytes, encoding: 'base64' } : undefined;
	}
	return undefined;
}

/**
 * Whether the header holds something that can be a SHA-1 signature at all. Anything else is
 * refused at once: no key is read, nothing is hashed, the provider is not asked.
 */
export function isWellFormedTesSignature(header: unknown): boolean {
	return decodeSignature(header) !== undefined;
}

function firstNonSpace(body: Buffer | Uint8Array | string): number {
	for (let i = 0; i < body.length; i++) {
		const c = typeof body === 'string' ? body.charCodeAt(i) : body[i];
		if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
	}
	return -1;
}

/** How many `&`-separated fields the text has, counting no further than `limit + 1`. */
function fieldCountUpTo(body: Buffer | Uint8Array | string, limit: number): number {
	let count = 1;
	if (typeof body === 'string') {
		for (let at = body.indexOf('&'); at !== -1 && count <= limit; at = body.indexOf('&', at + 1)) count++;
		return count;
	}
	const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	for (let at = bytes.indexOf(0x26); at !== -1 && count <= limit; at = bytes.indexOf(0x26, at + 1)) count++;
	return count;
}

/**
 * The params Mandrill would sign, or undefined when the body cannot be a Mandrill form: JSON,
 * empty, or more than MAX_SIGNED_FORM_FIELDS fields.
 */
function formParamsOf(input: TesSignatureInput): Record<string, unknown> | undefined {
	if (input.formParams !== undefined) {
		return Object.keys(input.formParams).length <= MAX_SIGNED_FORM_FIELDS ? input.formParams : undefined;
	}
	const { rawBody } = input;
	if (rawBody === undefined || rawBody.length === 0) return undefined;
	const first = firstNonSpace(rawBody);
	if (first === -1 || first === 0x5b /* [ */ || first === 0x7b /* { */) return undefined;
	if (fieldCountUpTo(rawBody, MAX_SIGNED_FORM_FIELDS) > MAX_SIGNED_FORM_FIELDS) return undefined;
	const text =
		typeof rawBody === 'string'
			? rawBody
			: Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString('utf8');
	const params = parseFormBody(text, MAX_SIGNED_FORM_FIELDS);
	if (input.work) input.work.formFieldsParsed += Object.keys(params).length;
	return params;
}

function mandrillDigest(key: string, url: string, params: Record<string, unknown>): Buffer {
	const hmac = createHmac('sha1', key).update(url);
	for (const name of Object.keys(params).sort()) {
		const value = params[name];
		// A repeated param (n8n parses it into an array) is signed once per value: a guess,
		// Mandrill's own senders never repeat one.
		const values = Array.isArray(value) ? value : [value];
		for (const item of values) {
			hmac.update(name);
			hmac.update(typeof item === 'string' ? item : item === undefined ? '' : String(item));
		}
	}
	return hmac.digest();
}

function equalDigest(signature: DecodedSignature, digest: Buffer): boolean {
	return signature.bytes.length === digest.length && timingSafeEqual(signature.bytes, digest);
}

function hmacOf(key: string, parts: Array<Buffer | Uint8Array | string>, work?: TesSignatureWork): Buffer {
	const hmac = createHmac('sha1', key);
	for (const part of parts) {
		hmac.update(part);
		if (work) work.bytesHashed += part.length;
	}
	return hmac.digest();
}

/** Which signing scheme the signature matches, or undefined when it matches none. */
export function matchTesSignature(input: TesSignatureInput): TesSignatureScheme | undefined {
	const signature = decodeSignature(input.signature);
	if (signature === undefined) return undefined;
	const key = typeof input.key === 'number' ? String(input.key) : input.key;
	if (typeof key !== 'string' || key === '' || typeof input.url !== 'string') return undefined;
	const suffix = signature.encoding;

	// Cheapest first: one pass over the bytes each; the form scheme needs a parse and a sort.
	const { rawBody, work } = input;
	if (rawBody !== undefined) {
		if (equalDigest(signature, hmacOf(key, [input.url, rawBody], work))) return `url-body-${suffix}`;
		if (equalDigest(signature, hmacOf(key, [rawBody], work))) return `body-${suffix}`;
	}
	const params = formParamsOf(input);
	if (params !== undefined && equalDigest(signature, mandrillDigest(key, input.url, params))) {
		return `mandrill-form-${suffix}`;
	}
	return undefined;
}

/** True when the signature matches one of the accepted schemes; missing or empty → false. */
export function verifyTesSignature(input: TesSignatureInput): boolean {
	return matchTesSignature(input) !== undefined;
}
