// Checks the TES webhook signature header (X-SarvTES-SIGNATURE / X-SendCleanTES-SIGNATURE):
// HMAC-SHA1 with the webhook's key. The signed string and its encoding are unpublished
// (provider-docs/NOTES.md), so a signature is accepted when it matches any likely variant:
//   mandrill-form  base64/hex HMAC(key, url + each POST param sorted by name as name + value)
//                  (Mandrill's scheme; the TES SDKs are forks of Mandrill's), for form bodies
//   url-body       base64/hex HMAC(key, url + raw body) (= the Mandrill string for a JSON body)
//   body           base64/hex HMAC(key, raw body)
// The provided signature is decoded to its 20 bytes (hex in any case, base64 or base64url,
// optional `sha1=` prefix) and compared with crypto.timingSafeEqual, so one HMAC per signed
// string covers both encodings. Never throws.

import { createHmac, timingSafeEqual } from 'node:crypto';

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
};

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

function firstNonSpace(body: Buffer | Uint8Array | string): number {
	for (let i = 0; i < body.length; i++) {
		const c = typeof body === 'string' ? body.charCodeAt(i) : body[i];
		if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
	}
	return -1;
}

/** The params Mandrill would sign, or undefined when the body is JSON or empty. */
function formParamsOf(input: TesSignatureInput): Record<string, unknown> | undefined {
	if (input.formParams !== undefined) return input.formParams;
	const { rawBody } = input;
	if (rawBody === undefined || rawBody.length === 0) return undefined;
	const first = firstNonSpace(rawBody);
	if (first === -1 || first === 0x5b /* [ */ || first === 0x7b /* { */) return undefined;
	const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
	const params: Record<string, unknown> = {};
	for (const [name, value] of new URLSearchParams(text)) {
		const previous = params[name];
		if (previous === undefined) params[name] = value;
		else if (Array.isArray(previous)) previous.push(value);
		else params[name] = [previous, value];
	}
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

/** Which signing scheme the signature matches, or undefined when it matches none. */
export function matchTesSignature(input: TesSignatureInput): TesSignatureScheme | undefined {
	const key = typeof input.key === 'number' ? String(input.key) : input.key;
	if (typeof key !== 'string' || key === '' || typeof input.url !== 'string') return undefined;
	const signature = decodeSignature(input.signature);
	if (signature === undefined) return undefined;
	const suffix = signature.encoding;

	const params = formParamsOf(input);
	if (params !== undefined && equalDigest(signature, mandrillDigest(key, input.url, params))) {
		return `mandrill-form-${suffix}`;
	}
	const { rawBody } = input;
	if (rawBody === undefined) return undefined;
	const overUrlAndBody = createHmac('sha1', key).update(input.url).update(rawBody).digest();
	if (equalDigest(signature, overUrlAndBody)) return `url-body-${suffix}`;
	const overBody = createHmac('sha1', key).update(rawBody).digest();
	if (equalDigest(signature, overBody)) return `body-${suffix}`;
	return undefined;
}

/** True when the signature matches one of the accepted schemes; missing or empty → false. */
export function verifyTesSignature(input: TesSignatureInput): boolean {
	return matchTesSignature(input) !== undefined;
}
