// application/x-www-form-urlencoded bodies, read with a bound on the number of fields. The bound
// is counted before anything is decoded, so a huge form costs one scan of its text, and it is
// the one n8n's own form parser applies (1,000 parameters), so no genuine delivery that n8n
// parses is refused here. Used by the delivery parsers and, for Mandrill-style signatures over
// every POST field, by the receive path.

import { MalformedDeliveryError } from './MalformedDeliveryError';

/** The most fields a form body may have (n8n's body parser: 1,000 parameters). */
export const MAX_FORM_FIELDS = 1000;

/** A form's fields by name; a name that appears more than once holds its values in order. */
export type FormFields = Record<string, string | string[]>;

/** Fields of `text` (`&`-separated pieces, empty pieces not counted), counting stops past `limit`. */
export function countFormFields(text: string, limit = MAX_FORM_FIELDS): number {
	let count = 0;
	let start = 0;
	while (start <= text.length && count <= limit) {
		let end = text.indexOf('&', start);
		if (end === -1) end = text.length;
		if (end > start) count++;
		start = end + 1;
	}
	return count;
}

function assertFieldCount(text: string, maxFields: number): void {
	if (countFormFields(text, maxFields) > maxFields) {
		throw new MalformedDeliveryError(`Body has more than ${maxFields} form fields`, 413);
	}
}

/**
 * The fields of a form body as [name, value] pairs in the order sent ('+' and %-escapes
 * decoded). Throws MalformedDeliveryError (413) past `maxFields`.
 */
export function formFieldList(text: string, maxFields = MAX_FORM_FIELDS): Array<[string, string]> {
	assertFieldCount(text, maxFields);
	return [...new URLSearchParams(text)];
}

/**
 * The fields of a form body by name. Repeated names keep every value (an array, in order);
 * a field named `__proto__` is dropped (it would reach Object.prototype). Throws
 * MalformedDeliveryError (413) past `maxFields`.
 */
export function parseFormBody(text: string, maxFields = MAX_FORM_FIELDS): FormFields {
	assertFieldCount(text, maxFields);
	const fields: FormFields = {};
	for (const [name, value] of new URLSearchParams(text)) {
		if (name === '__proto__') continue;
		const previous = fields[name];
		if (previous === undefined) fields[name] = value;
		else if (Array.isArray(previous)) previous.push(value);
		else fields[name] = [previous, value];
	}
	return fields;
}
