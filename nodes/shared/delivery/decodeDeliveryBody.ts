// Body decoding shared by every provider's delivery parser: the request's bytes as text, and a
// text as what it holds (JSON, form fields, or, for a form field's value, a Python literal of
// the same data). The provider parsers decide what the decoded value means.

import { formFieldList, parseFormBody, type FormFields } from './formBody';
import { MalformedDeliveryError, parseDeliveryJson } from './MalformedDeliveryError';
import { parsePythonLiteral } from './pythonLiteral';

/** How many times JSON inside a string (inside a form field...) is followed before giving up. */
export const MAX_TEXT_NESTING = 3;

export type RawBody = Buffer | Uint8Array | string;

/** First character of JSON text that can hold events: `[`, `{` or `"` (JSON in a string). */
export function looksLikeJson(text: string): boolean {
	const c = text.charCodeAt(0);
	return c === 0x5b /* [ */ || c === 0x7b /* { */ || c === 0x22 /* " */;
}

/** First character of a Python literal that can hold events (adds tuples and quoted text). */
function looksLikeLiteral(text: string): boolean {
	const c = text.charCodeAt(0);
	return looksLikeJson(text) || c === 0x28 /* ( */ || c === 0x27 /* ' */ || c === 0x75 /* u */;
}

/** The body's bytes as UTF-8 text; undefined when there are none. */
export function bodyTextOf(raw: RawBody | undefined | null): string | undefined {
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw === 'string') return raw;
	return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
}

export type DecodeTextOptions = {
	/** the message when the text is neither JSON nor a form (400) */
	notReadable: string;
	/** also read Python literals (a form field's value, issue 9) when the text is not JSON */
	pythonLiterals?: boolean;
};

/**
 * What a text holds: undefined when blank, the JSON value, the fields of a form
 * (`name=value&...`, bounded as formBody says), or with `pythonLiterals` the value of a Python
 * literal. Throws MalformedDeliveryError: 400 'Body is not valid JSON' for text that starts like
 * JSON but is not, 400 `notReadable` for anything else, 413 for too many form fields.
 */
export function decodeDeliveryText(text: string, options: DecodeTextOptions): unknown {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	const literals = options.pythonLiterals === true;
	if (looksLikeJson(trimmed)) {
		if (!literals) return parseDeliveryJson(trimmed);
		let value: unknown;
		let valid = true;
		try {
			value = JSON.parse(trimmed);
		} catch {
			valid = false; // perhaps the Python literal of the same data, tried below
		}
		if (valid) return value;
		const literal = parsePythonLiteral(trimmed);
		if (literal === undefined) throw new MalformedDeliveryError('Body is not valid JSON');
		return literal.value;
	}
	if (literals && looksLikeLiteral(trimmed)) {
		const literal = parsePythonLiteral(trimmed);
		if (literal !== undefined) return literal.value;
	}
	if (trimmed.includes('=')) return parseFormBody(trimmed);
	throw new MalformedDeliveryError(options.notReadable);
}

export { formFieldList, parseFormBody, type FormFields };
