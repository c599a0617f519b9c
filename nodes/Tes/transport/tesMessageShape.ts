// Reads a `messages/getMessageInfo` answer, whose shape TES does not publish (docs/providers.md,
// "TES message look-up"): the message may sit under `message_data`, `message_info`, `data`,
// `message`, a `messages` list or another list, and its address under `email`, `to` (a string,
// a list of strings or of `{email}`), `rcpt`, `rcpt_to`, `recipient`, `receiver` or `email_to`.
// Every one of these is accepted, so the look-up works whichever shape an account's cluster answers.
import type { IDataObject } from 'n8n-workflow';

/** Where the message may sit in the answer, most specific first. */
const CONTAINER_KEYS = [
	'message_data',
	'message_info',
	'messages',
	'message_list',
	'message',
	'data',
	'list',
	'result',
] as const;
const ADDRESS_KEYS = [
	'email',
	'to',
	'rcpt',
	'rcpt_to',
	'recipient',
	'receiver',
	'email_to',
	'to_email',
	'recipient_email',
] as const;
const SUBJECT_KEYS = ['subject', 'mail_subject'] as const;
const SENDER_KEYS = ['from', 'from_email', 'sender', 'mail_from', 'from_address'] as const;
const STATUS_KEYS = ['status', 'message_status', 'delivery_status', 'state'] as const;
/** Keys that mark an object as a message rather than a wrapper around one. */
const MESSAGE_MARKERS = [...ADDRESS_KEYS, ...SUBJECT_KEYS, 'x_unique_id', '_id'] as const;

/** How deep wrappers may nest (`data.message_data` is two) and how many records are read. */
const MAX_WRAPPER_DEPTH = 3;
const MAX_RECORDS = 1000;

export interface TesMessageFields {
	recipient: string | null;
	subject: string | null;
	sender: string | null;
	status: string | null;
}

export interface TesMessageRecords {
	records: IDataObject[];
	/** The answer held a list of messages (pages add records) rather than one message. */
	isList: boolean;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeMessage(value: IDataObject): boolean {
	return MESSAGE_MARKERS.some((key) => value[key] !== undefined && value[key] !== null);
}

function recordsIn(value: unknown, depth: number): TesMessageRecords | undefined {
	if (Array.isArray(value)) {
		const records = value.filter(isObject).slice(0, MAX_RECORDS);
		return records.length > 0 || value.length === 0 ? { records, isList: true } : undefined;
	}
	if (!isObject(value)) return undefined;
	if (looksLikeMessage(value)) return { records: [value], isList: false };
	if (depth >= MAX_WRAPPER_DEPTH) return undefined;
	for (const key of CONTAINER_KEYS) {
		const inner = recordsIn(value[key], depth + 1);
		if (inner) return inner;
	}
	return undefined;
}

/**
 * The message records of an answer: the first container that holds one. An answer with the
 * message's fields at its top level is read as the message itself (its `status: "success"` is the
 * call's, not the message's, and is left out).
 */
export function tesMessageRecordsOf(answer: IDataObject): TesMessageRecords {
	for (const key of CONTAINER_KEYS) {
		const found = recordsIn(answer[key], 1);
		if (found) return found;
	}
	const rest: IDataObject = { ...answer };
	if (rest.status === 'success') delete rest.status;
	return looksLikeMessage(rest) ? { records: [rest], isList: false } : { records: [], isList: false };
}

/** Longer text is no address field: it is not searched (the patterns below are not linear). */
const MAX_ADDRESS_TEXT = 512;

/** `Name <a@b.example>`, `a@b.example, c@d.example` or `rfc822;a@b.example` → `a@b.example`. */
function addressInText(text: string): string | null {
	if (text.length > MAX_ADDRESS_TEXT) return null;
	const first = text.split(/[,;](?![^<]*>)/).find((part) => part.includes('@')) ?? '';
	const angled = /<([^<>\s]+@[^<>\s]+)>/.exec(first);
	const address = (angled ? angled[1] : first).trim().replace(/^mailto:/i, '');
	return /^[^\s@<>]+@[^\s@<>]+$/.test(address) ? address : null;
}

/** The first address in a string, a list of strings, or objects holding one. */
export function addressIn(value: unknown, depth = 0): string | null {
	if (typeof value === 'string') return addressInText(value);
	if (depth > 2) return null;
	if (Array.isArray(value)) {
		for (const entry of value.slice(0, 100)) {
			const address = addressIn(entry, depth + 1);
			if (address) return address;
		}
		return null;
	}
	if (isObject(value)) {
		for (const key of ['email', 'address', 'mail', 'email_address']) {
			const address = addressIn(value[key], depth + 1);
			if (address) return address;
		}
	}
	return null;
}

function firstText(record: IDataObject, keys: readonly string[]): string | null {
	for (const key of keys) {
		const value = record[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	}
	return null;
}

function firstAddress(record: IDataObject, keys: readonly string[]): string | null {
	for (const key of keys) {
		const address = addressIn(record[key]);
		if (address) return address;
	}
	return null;
}

/** The normalized fields of one message record; null where the record holds none. */
export function tesMessageFieldsOf(record: IDataObject): TesMessageFields {
	return {
		recipient: firstAddress(record, ADDRESS_KEYS),
		subject: firstText(record, SUBJECT_KEYS),
		sender: firstAddress(record, SENDER_KEYS) ?? firstText(record, SENDER_KEYS),
		status: firstText(record, STATUS_KEYS),
	};
}

/** The recipient of the first record that names one. */
export function tesRecipientOf(answer: IDataObject): string | null {
	for (const record of tesMessageRecordsOf(answer).records) {
		const recipient = firstAddress(record, ADDRESS_KEYS);
		if (recipient) return recipient;
	}
	return null;
}
