// The TES message calls: `messages/getMessageInfo` by `x_unique_id` (the message id TES events
// carry), with `skip_page` paging. Used by the action's Message → Get (every page, retried like
// any read) and by the triggers' recipient look-up (one page, one attempt, within a time budget).
import type { GenericValue, IDataObject } from 'n8n-workflow';

import {
	jsonBodyOf,
	sendProviderRequest,
	unexpectedAnswerError,
	type ProviderContext,
} from '../../shared/transport/providerRequest';
import type { TesBrand } from '../TesBrand';
import { isTesErrorBody, tesApiError } from './tesApiError';
import { tesBaseUrl } from './tesApiRequest';
import { tesMessageRecordsOf, tesRecipientOf } from './tesMessageShape';

export const GET_MESSAGE_INFO = 'messages/getMessageInfo';

/** Pages Message → Get reads at most; a server that ignores skip_page stops earlier. */
export const MAX_MESSAGE_PAGES = 50;

export interface TesMessageCall {
	/** Attempts, counting the first (the look-up sends one; Message → Get retries like a read). */
	maxAttempts?: number;
	/** Milliseconds before the HTTP call is given up. */
	timeoutMs?: number;
	/** Ends the call early (the look-up's budget ran out). */
	abortSignal?: AbortSignal;
}

/** One getMessageInfo call; a TES error body becomes the provider's own error. */
export async function requestTesMessageInfo(
	ctx: ProviderContext,
	brand: TesBrand,
	messageId: string,
	skipPage: number,
	call: TesMessageCall = {},
): Promise<IDataObject> {
	const credentials = await ctx.getCredentials(brand.credentialName);
	const body: IDataObject = { x_unique_id: messageId };
	if (skipPage > 0) body.skip_page = skipPage;
	const response = await sendProviderRequest(
		ctx,
		brand.displayName,
		brand.credentialName,
		{
			method: 'POST',
			url: `${tesBaseUrl(credentials, brand)}/${GET_MESSAGE_INFO}`,
			body,
			...(call.timeoutMs !== undefined ? { timeout: call.timeoutMs } : {}),
			...(call.abortSignal ? { abortSignal: call.abortSignal } : {}),
		},
		{ idempotent: true, maxAttempts: call.maxAttempts },
	);
	const answer = jsonBodyOf(response.body);
	if (isTesErrorBody(answer)) throw tesApiError(ctx.getNode(), brand, answer, response.statusCode);
	const isObject = typeof answer === 'object' && answer !== null && !Array.isArray(answer);
	if (!isObject || response.statusCode >= 400 || (answer as IDataObject).status === false) {
		throw unexpectedAnswerError(ctx.getNode(), brand.displayName, response.statusCode, response.attempts);
	}
	return answer as IDataObject;
}

function numberIn(value: GenericValue | IDataObject | GenericValue[] | IDataObject[]): number | undefined {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/** Where an answer may keep its paging fields: at its top or in a paging object. */
function pagingFieldsOf(answer: IDataObject): IDataObject {
	for (const key of ['pagination', 'paging', 'meta', 'page_info']) {
		const inner = answer[key];
		if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
			return { ...(inner as IDataObject), ...answer };
		}
	}
	return answer;
}

/**
 * The skip_page of the next page, or undefined on the last one. `pagesRead` pages were read with
 * skip_page 0 … pagesRead - 1. The paging fields are unpublished: a next page named outright, a
 * page count, or a "more" flag all count.
 */
export function nextTesSkipPage(answer: IDataObject, pagesRead: number): number | undefined {
	const paging = pagingFieldsOf(answer);
	const named = numberIn(paging.next_page ?? paging.next_skip_page ?? paging.next_skip);
	if (named !== undefined) return named >= pagesRead ? named : undefined;
	const total = numberIn(paging.total_pages ?? paging.total_page ?? paging.page_count ?? paging.pages);
	if (total !== undefined) return pagesRead < total ? pagesRead : undefined;
	const more = paging.has_more ?? paging.more ?? paging.hasMore;
	return more === true || more === 'true' || more === 1 ? pagesRead : undefined;
}

function identityOf(record: IDataObject): string | undefined {
	const id = record.x_unique_id ?? record._id ?? record.id ?? record.message_id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** A later page of the same message: its lists continue the first page's, the rest is kept. */
function mergePage(into: IDataObject, page: IDataObject): number {
	let added = 0;
	for (const [key, value] of Object.entries(page)) {
		const current = into[key];
		if (Array.isArray(current) && Array.isArray(value)) {
			into[key] = [...(current as IDataObject[]), ...(value as IDataObject[])];
			added += value.length;
		} else if (current === undefined) {
			into[key] = value;
		}
	}
	return added;
}

/**
 * The message(s) an id names, every page read: records of a list answer are appended, pages of one
 * message are merged (their lists concatenated). A page that adds nothing ends the paging, so a
 * server that ignores skip_page costs one extra call, not MAX_MESSAGE_PAGES.
 */
export async function getTesMessages(
	ctx: ProviderContext,
	brand: TesBrand,
	messageId: string,
): Promise<IDataObject[]> {
	const messages: IDataObject[] = [];
	let skipPage: number | undefined = 0;
	for (let pagesRead = 0; skipPage !== undefined && pagesRead < MAX_MESSAGE_PAGES; ) {
		const answer = await requestTesMessageInfo(ctx, brand, messageId, skipPage);
		pagesRead++;
		const { records, isList } = tesMessageRecordsOf(answer);
		let added = 0;
		for (const record of records) {
			const id = identityOf(record);
			const same =
				pagesRead > 1
					? messages.find((known) => (id !== undefined ? identityOf(known) === id : !isList))
					: undefined;
			if (same) {
				added += mergePage(same, record);
			} else {
				messages.push({ ...record });
				added++;
			}
		}
		if (pagesRead > 1 && added === 0) break;
		skipPage = nextTesSkipPage(answer, pagesRead);
	}
	return messages;
}

/** The recipient the first page of a message's info names (one call, no paging). */
export async function lookUpTesRecipient(
	ctx: ProviderContext,
	brand: TesBrand,
	messageId: string,
	call: TesMessageCall,
): Promise<{ found: boolean; recipient: string | null }> {
	const answer = await requestTesMessageInfo(ctx, brand, messageId, 0, call);
	const { records } = tesMessageRecordsOf(answer);
	return { found: records.length > 0, recipient: tesRecipientOf(answer) };
}
