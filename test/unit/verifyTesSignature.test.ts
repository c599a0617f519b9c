// The TES signature check against every accepted signing variant (docs/providers.md), each expected
// signature computed here independently of the implementation, and against wrong, missing and
// garbage signatures.
import { createHmac } from 'node:crypto';

import {
	matchTesSignature,
	verifyTesSignature,
	type TesSignatureInput,
} from '../../nodes/Tes/delivery/verifyTesSignature';

const key = 'aVLnPysvkKUU95AFrb47Zr';
const url = 'https://n8n.example.com/webhook/0f1e2d3c/webhook';
const jsonBody = Buffer.from(
	JSON.stringify([{ _id: 'm1', smtp_name: 's1', x_unique_id: 'u1', ts: 1465890656000, msg: {}, event: 'send' }]),
);

function hmac(signedKey: string, text: string | Buffer): Buffer {
	return createHmac('sha1', signedKey).update(text).digest();
}
const urlAndBody = Buffer.concat([Buffer.from(url), jsonBody]);

function json(signature: unknown, overrides: Partial<TesSignatureInput> = {}): TesSignatureInput {
	return { key, signature, url, rawBody: jsonBody, ...overrides };
}

describe('verifyTesSignature: JSON bodies', () => {
	it.each<[string, string, string]>([
		['base64 over url + body (= Mandrill for a JSON body)', hmac(key, urlAndBody).toString('base64'), 'url-body-base64'],
		['hex over url + body', hmac(key, urlAndBody).toString('hex'), 'url-body-hex'],
		['upper-case hex over url + body', hmac(key, urlAndBody).toString('hex').toUpperCase(), 'url-body-hex'],
		['base64 over the body alone', hmac(key, jsonBody).toString('base64'), 'body-base64'],
		['hex over the body alone', hmac(key, jsonBody).toString('hex'), 'body-hex'],
		['base64url without padding', hmac(key, jsonBody).toString('base64url'), 'body-base64'],
		['a sha1= prefix', `sha1=${hmac(key, urlAndBody).toString('hex')}`, 'url-body-hex'],
		['surrounding white space', ` ${hmac(key, urlAndBody).toString('base64')} `, 'url-body-base64'],
	])('accepts %s', (_name, signature, scheme) => {
		expect(matchTesSignature(json(signature))).toBe(scheme);
		expect(verifyTesSignature(json(signature))).toBe(true);
	});

	it('accepts the signature header as a one-element array and the raw body as text', () => {
		const signature = hmac(key, urlAndBody).toString('base64');
		expect(verifyTesSignature(json([signature]))).toBe(true);
		expect(verifyTesSignature(json(signature, { rawBody: jsonBody.toString('utf8') }))).toBe(true);
	});

	it('accepts a key typed as a number (one doc table says integer)', () => {
		const signature = hmac('12345', urlAndBody).toString('base64');
		expect(verifyTesSignature(json(signature, { key: 12345 }))).toBe(true);
	});
});

describe('verifyTesSignature: form bodies (Mandrill scheme)', () => {
	const events = JSON.stringify([{ event: 'open', ts: 1465988314000, msg: { opens: [] } }]);
	const formText = `mandrill_events=${encodeURIComponent(events)}&b=2&a=1`;
	// Mandrill: the URL, then every POST param sorted by name, as name + value.
	const mandrillString = `${url}a1b2mandrill_events${events}`;

	it('accepts base64 over url + sorted params, with the params n8n parsed', () => {
		const signature = hmac(key, mandrillString).toString('base64');
		const input = {
			key,
			signature,
			url,
			rawBody: Buffer.from(formText),
			formParams: { mandrill_events: events, b: '2', a: '1' },
		};
		expect(matchTesSignature(input)).toBe('mandrill-form-base64');
	});

	it('derives the params from the raw body when none are given', () => {
		const signature = hmac(key, mandrillString).toString('base64');
		expect(matchTesSignature({ key, signature, url, rawBody: Buffer.from(formText) })).toBe('mandrill-form-base64');
		expect(matchTesSignature({ key, signature: hmac(key, mandrillString).toString('hex'), url, rawBody: formText })).toBe(
			'mandrill-form-hex',
		);
	});

	it('checks form params even without the raw bytes', () => {
		const signature = hmac(key, `${url}a1`).toString('base64');
		expect(verifyTesSignature({ key, signature, url, rawBody: undefined, formParams: { a: '1' } })).toBe(true);
	});

	it('still accepts url + raw body for a form body', () => {
		const signature = hmac(key, `${url}${formText}`).toString('base64');
		expect(matchTesSignature({ key, signature, url, rawBody: Buffer.from(formText) })).toBe('url-body-base64');
	});

	it('rejects a Mandrill signature made with the params in posted (unsorted) order', () => {
		const unsorted = hmac(key, `${url}mandrill_events${events}b2a1`).toString('base64');
		expect(verifyTesSignature({ key, signature: unsorted, url, rawBody: Buffer.from(formText) })).toBe(false);
	});
});

describe('verifyTesSignature: rejections', () => {
	const good = hmac(key, urlAndBody).toString('base64');

	it('rejects a signature made with another key', () => {
		expect(verifyTesSignature(json(hmac('another key', urlAndBody).toString('base64')))).toBe(false);
	});

	it('rejects a signature for another URL', () => {
		expect(verifyTesSignature(json(good, { url: 'https://n8n.example.com/webhook/other/webhook' }))).toBe(false);
	});

	it('rejects a tampered body', () => {
		const tampered = Buffer.from(jsonBody.toString().replace('send', 'open'));
		expect(verifyTesSignature(json(good, { rawBody: tampered }))).toBe(false);
	});

	it('rejects a digest other than HMAC-SHA1 and a plain SHA-1 of the body', () => {
		const sha256 = createHmac('sha256', key).update(urlAndBody).digest('base64');
		expect(verifyTesSignature(json(sha256))).toBe(false);
	});

	it.each<[string, unknown]>([
		['missing', undefined],
		['null', null],
		['empty', ''],
		['white space', '   '],
		['garbage', 'not-a-signature'],
		['a truncated signature', good.slice(0, 20)],
		['a signature with one character changed', `${good[0] === 'A' ? 'B' : 'A'}${good.slice(1)}`],
		['hex one digit short', hmac(key, urlAndBody).toString('hex').slice(1)],
		['two header values', [good, good]],
		['a number', 12345],
		['an object', { signature: good }],
	])('rejects a signature that is %s', (_name, signature) => {
		expect(verifyTesSignature(json(signature))).toBe(false);
	});

	it('rejects everything when the key is empty', () => {
		const signature = hmac('', urlAndBody).toString('base64');
		expect(verifyTesSignature(json(signature, { key: '' }))).toBe(false);
	});

	it('rejects when there is neither a body nor form params to check', () => {
		expect(verifyTesSignature(json(good, { rawBody: undefined }))).toBe(false);
	});
});
