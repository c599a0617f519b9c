// How the TES emulator signs a delivery, in each scheme the real platform might use. The signed
// string is unpublished (docs/providers.md, TES signature): SendClean documents only "HMAC-SHA1 in the
// X-SendCleanTES-SIGNATURE header"; its SDKs are Mandrill forks, so Mandrill's scheme is the
// default. Written independently of the product's verifier on purpose: this is the provider's view.
import { createHmac } from 'node:crypto';

export type TesSignatureScheme =
	/** base64 HMAC-SHA1(key, url + each POST param sorted by name as name + value); JSON bodies: url + raw body. */
	| 'mandrill'
	| 'hex-url-body'
	| 'base64-url-body'
	| 'hex-body'
	| 'base64-body'
	/** No signature header at all. */
	| 'none'
	/** A well-formed Mandrill-style signature made with a different key. */
	| 'wrong';

export const TES_SIGNATURE_SCHEMES: readonly TesSignatureScheme[] = [
	'mandrill',
	'hex-url-body',
	'base64-url-body',
	'hex-body',
	'base64-body',
	'none',
	'wrong',
];

/** The header value for a delivery, or undefined for 'none'. `url` is the URL as registered. */
export function signTesDelivery(
	scheme: TesSignatureScheme,
	key: string,
	url: string,
	rawBody: string,
	contentType: string,
): string | undefined {
	const hmac = (data: string) => createHmac('sha1', key).update(data, 'utf8');
	switch (scheme) {
		case 'none':
			return undefined;
		case 'wrong':
			return signTesDelivery('mandrill', `${key}-not-the-key`, url, rawBody, contentType);
		case 'mandrill':
			return hmac(mandrillSignedString(url, rawBody, contentType)).digest('base64');
		case 'hex-url-body':
			return hmac(url + rawBody).digest('hex');
		case 'base64-url-body':
			return hmac(url + rawBody).digest('base64');
		case 'hex-body':
			return hmac(rawBody).digest('hex');
		case 'base64-body':
			return hmac(rawBody).digest('base64');
	}
}

/**
 * Mandrill's signed string: the webhook URL, then for each POST parameter sorted by name, the
 * name followed by the value. A JSON body has no POST parameters, so it is the URL + the body.
 */
function mandrillSignedString(url: string, rawBody: string, contentType: string): string {
	if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) return url + rawBody;
	const params = [...new URLSearchParams(rawBody)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return url + params.map(([name, value]) => name + value).join('');
}
