// Turns an Everlytic answer that is not a success into a NodeApiError. Everlytic reports errors as
// `{code, message, error:{errors:[{domain, reason, message, locationType, location}]}}` with a 4xx
// status; its "Webhook not found" body says code 412 under a "400 Bad Request" heading in the docs,
// so not-found is recognised by the message, whatever the status.
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export interface EverlyticErrorDetail {
	domain?: string;
	reason?: string;
	message?: string;
	locationType?: string;
	location?: string;
}

export interface EverlyticErrorBody {
	code?: number | string;
	message?: string;
	error?: { errors?: EverlyticErrorDetail[] };
}

const NOT_FOUND_MESSAGE = 'webhook not found';

export function isEverlyticErrorBody(body: unknown): body is EverlyticErrorBody {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
	const candidate = body as EverlyticErrorBody;
	return (
		typeof candidate.message === 'string' &&
		(candidate.code !== undefined || typeof candidate.error === 'object')
	);
}

function errorDetailsOf(body: EverlyticErrorBody): EverlyticErrorDetail[] {
	const errors = body.error?.errors;
	return Array.isArray(errors) ? errors.filter((e) => typeof e === 'object' && e !== null) : [];
}

export function isEverlyticNotFound(body: unknown): boolean {
	if (!isEverlyticErrorBody(body)) return false;
	const messages = [body.message, ...errorDetailsOf(body).map((detail) => detail.message)];
	return messages.some((message) => typeof message === 'string' && message.trim().toLowerCase() === NOT_FOUND_MESSAGE);
}

/** `reason invalid at request/default: Webhook not found` */
function describeDetail(detail: EverlyticErrorDetail): string {
	const location = [detail.locationType, detail.location].filter(Boolean).join('/');
	const where = [detail.reason ? `reason ${detail.reason}` : '', location ? `at ${location}` : '']
		.filter(Boolean)
		.join(' ');
	return where ? `${where}: ${detail.message ?? ''}`.trim() : (detail.message ?? '');
}

function hintFor(httpStatus: number, notFound: boolean, attempts: number): string {
	const tries = attempts > 1 ? ` Tried ${attempts} times.` : '';
	if (notFound) return 'Check the Webhook ID: Get Many lists the webhooks of the account with their IDs.';
	if (httpStatus === 401) return 'Check the Username and API Key in the Everlytic credential.';
	if (httpStatus === 429) return `Everlytic's request limit was reached.${tries} Try again later.`;
	if (httpStatus >= 500) return `Everlytic failed to process the request.${tries} Try again later.`;
	return 'Everlytic refused the request; the errors above say which field and why.';
}

export function everlyticApiError(
	node: INode,
	body: EverlyticErrorBody,
	httpStatus: number,
	attempts = 1,
): NodeApiError {
	const details = errorDetailsOf(body);
	const notFound = isEverlyticNotFound(body);
	const summary =
		details.length > 0
			? details.map((detail) => `${detail.message ?? body.message} (${detail.reason ?? 'error'} at ${detail.location ?? 'unknown location'})`).join('; ')
			: (body.message ?? `HTTP ${httpStatus}`);
	const lines = details.map((detail) => `- ${describeDetail(detail)}`);
	return new NodeApiError(node, body as JsonObject, {
		message: `Everlytic: ${summary}`,
		description: [
			...(lines.length > 0 ? [`Everlytic answered HTTP ${httpStatus}:`, ...lines] : []),
			hintFor(httpStatus, notFound, attempts),
		].join('\n'),
		httpCode: String(httpStatus >= 400 ? httpStatus : 502),
	});
}
