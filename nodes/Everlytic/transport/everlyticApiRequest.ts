// The only code that speaks to Everlytic's transactional email API v1. The everlyticApi credential
// adds HTTP Basic to every request; POST is retried only when refused (429), the other methods
// also on 5xx and broken connections (nodes/shared/transport/providerRequest.ts).
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import {
	jsonBodyOf,
	sendProviderRequest,
	unexpectedAnswerError,
	type ProviderContext,
} from '../../shared/transport/providerRequest';
import {
	everlyticApiError,
	isEverlyticErrorBody,
	isEverlyticNotFound,
} from './everlyticApiError';

export const EVERLYTIC_CREDENTIAL = 'everlyticApi';
export const DEFAULT_EVERLYTIC_BASE_URL = 'https://api.everlytic.net/transactional/email/v1';

export function everlyticBaseUrl(credentials: IDataObject): string {
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (configured || DEFAULT_EVERLYTIC_BASE_URL).replace(/\/+$/, '');
}

export interface EverlyticRequest {
	method: IHttpRequestMethods;
	/** Relative to the base URL, query string included, e.g. `/webhooks?page=2`. */
	path: string;
	body?: IDataObject;
	/** Answer "Webhook not found" as `notFound: true` instead of throwing. */
	allowNotFound?: boolean;
}

/** An error body sent with a 2xx status still is an error (its `code` says so). */
function isErrorAnswer(answer: unknown, statusCode: number): boolean {
	if (statusCode >= 400) return true;
	return isEverlyticErrorBody(answer) && Number(answer.code) >= 400;
}

export interface EverlyticAnswer {
	/** Parsed JSON; text when the answer was not JSON; undefined when it was empty. */
	body: unknown;
	statusCode: number;
	attempts: number;
	/** Only with allowNotFound: Everlytic answered "Webhook not found". */
	notFound?: boolean;
}

/** Sends one call and returns a successful answer; every error answer becomes a NodeApiError. */
export async function everlyticApiRequest(
	ctx: ProviderContext,
	request: EverlyticRequest,
): Promise<EverlyticAnswer> {
	const credentials = await ctx.getCredentials(EVERLYTIC_CREDENTIAL);
	const response = await sendProviderRequest(
		ctx,
		'Everlytic',
		EVERLYTIC_CREDENTIAL,
		{
			method: request.method,
			url: `${everlyticBaseUrl(credentials)}${request.path}`,
			...(request.body ? { body: request.body } : {}),
		},
		// A POST that failed with a 5xx may have been applied: sending it again could register the
		// same URL twice.
		{ idempotent: request.method !== 'POST' },
	);
	const body = jsonBodyOf(response.body);
	if (isErrorAnswer(body, response.statusCode)) {
		if (request.allowNotFound && isEverlyticNotFound(body)) {
			return { body: undefined, statusCode: response.statusCode, attempts: response.attempts, notFound: true };
		}
		const status = response.statusCode >= 400 ? response.statusCode : Number((body as IDataObject).code);
		if (isEverlyticErrorBody(body)) {
			throw everlyticApiError(ctx.getNode(), body, status, response.attempts);
		}
		throw unexpectedAnswerError(ctx.getNode(), 'Everlytic', status, response.attempts);
	}
	return { body, statusCode: response.statusCode, attempts: response.attempts };
}

/** The answer as a JSON object, or the error a user sees when it is not one. */
export function everlyticObjectAnswer(ctx: ProviderContext, answer: EverlyticAnswer): IDataObject {
	const { body } = answer;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw unexpectedAnswerError(ctx.getNode(), 'Everlytic', answer.statusCode, answer.attempts);
	}
	return body as IDataObject;
}
