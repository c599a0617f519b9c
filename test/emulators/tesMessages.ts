// The TES emulator's messages: what `messages/getMessageInfo` answers (docs/providers.md, "TES
// message look-up": the Python and Node SDKs call it with `x_unique_id` and an optional
// `skip_page`). The answer is unpublished [?], so every shape the product must read is playable:
// the message under `message_data`, `message_info`, `data`, `message`, a `messages` list, a `data`
// list or at the top level; the address under `email`, `to` (string, list of strings, list of
// `{email}`), `rcpt`, `rcpt_to`, `recipient`, `receiver` or `email_to`; the message's activity
// paged through `skip_page`.

/** A message as the emulator stores it (the fields a TES message plausibly has [I]). */
export interface TesMessage {
	x_unique_id: string;
	email: string;
	subject: string;
	from: string;
	/** The message's state, e.g. 'hard_bounce', 'delivered' [I]. */
	status: string;
	/** Epoch seconds. */
	sent_at: number;
	/** The message's activity, oldest first; what `skip_page` pages through [I]. */
	events: Array<{ event: string; ts: number }>;
}

export const TES_MESSAGE_CONTAINERS = [
	'message_data',
	'message_info',
	'data',
	'message',
	'messages',
	'data_list',
	'top_level',
] as const;
export type TesMessageContainer = (typeof TES_MESSAGE_CONTAINERS)[number];

export const TES_MESSAGE_ADDRESS_FIELDS = [
	'email',
	'to',
	'to_list',
	'to_objects',
	'rcpt',
	'rcpt_to',
	'recipient',
	'receiver',
	'email_to',
] as const;
export type TesMessageAddressField = (typeof TES_MESSAGE_ADDRESS_FIELDS)[number];

export const TES_MESSAGE_PAGING_STYLES = ['total_pages', 'next_page', 'has_more'] as const;
export type TesMessagePaging = (typeof TES_MESSAGE_PAGING_STYLES)[number];

export interface TesMessageQuirks {
	/** Where the answer puts the message. */
	messageContainer: TesMessageContainer;
	/** How the message names its recipient. */
	messageAddressField: TesMessageAddressField;
	/** Activity entries per page; 0 answers every entry at once, with no paging fields. */
	messagePageSize: number;
	/** How a paged answer says there is more. */
	messagePaging: TesMessagePaging;
	/** An unknown x_unique_id: a ValidationError, or success with no message. */
	messageNotFound: 'error' | 'empty';
}

export const DEFAULT_TES_MESSAGE_QUIRKS: Readonly<TesMessageQuirks> = {
	messageContainer: 'message_data',
	messageAddressField: 'email',
	messagePageSize: 0,
	messagePaging: 'total_pages',
	messageNotFound: 'error',
};

/** A message with plausible defaults, for seeding. */
export function makeTesMessage(fields: Partial<TesMessage> & { x_unique_id: string }): TesMessage {
	return {
		email: 'jane.doe@example.com',
		subject: 'Your order has shipped',
		from: 'Example Shop <orders@example.org>',
		status: 'hard_bounce',
		sent_at: 1_700_000_000,
		events: [
			{ event: 'send', ts: 1_700_000_000 },
			{ event: 'hard_bounce', ts: 1_700_000_005 },
		],
		...fields,
	};
}

function addressFields(email: string, style: TesMessageAddressField): Record<string, unknown> {
	switch (style) {
		case 'to_list':
			return { to: [email] };
		case 'to_objects':
			return { to: [{ email, name: 'Jane Doe', type: 'to' }] };
		default:
			return { [style]: email };
	}
}

/** What a page holds, or `undefined` when skip_page points past the last page. */
function pageOf(message: TesMessage, skipPage: number, quirks: TesMessageQuirks) {
	const size = quirks.messagePageSize;
	if (size <= 0) return { events: message.events, paging: {} };
	const pages = Math.max(1, Math.ceil(message.events.length / size));
	const events = message.events.slice(skipPage * size, (skipPage + 1) * size);
	const more = skipPage + 1 < pages;
	const paging =
		quirks.messagePaging === 'total_pages'
			? { total_pages: pages, skip_page: skipPage }
			: quirks.messagePaging === 'next_page'
				? more
					? { next_page: skipPage + 1 }
					: {}
				: { has_more: more };
	return { events, paging };
}

/** The success answer for a message (undefined: not found), shaped as the quirks say. */
export function messageInfoAnswer(
	message: TesMessage | undefined,
	skipPage: number,
	quirks: TesMessageQuirks,
): Record<string, unknown> {
	if (!message) {
		const empty = quirks.messageContainer === 'messages' ? { messages: [] } : quirks.messageContainer === 'data_list' ? { data: [] } : {};
		return { status: 'success', ...empty };
	}
	const { events, paging } = pageOf(message, skipPage, quirks);
	const body: Record<string, unknown> = {
		x_unique_id: message.x_unique_id,
		...addressFields(message.email, quirks.messageAddressField),
		subject: message.subject,
		from: message.from,
		status: message.status,
		sent_at: message.sent_at,
		events,
	};
	switch (quirks.messageContainer) {
		case 'messages':
			return { status: 'success', messages: [body], ...paging };
		case 'data_list':
			return { status: 'success', data: [body], ...paging };
		case 'top_level': {
			// The call's own `status` takes the top level: the message's moves aside.
			const { status, ...rest } = body;
			return { status: 'success', ...rest, message_status: status, ...paging };
		}
		default:
			return { status: 'success', [quirks.messageContainer]: body, ...paging };
	}
}

/** skip_page as sent (number or numeric string); undefined when left out, NaN when invalid. */
export function parseSkipPage(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const n = typeof value === 'string' ? Number(value) : value;
	return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : Number.NaN;
}
