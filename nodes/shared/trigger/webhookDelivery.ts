// A webhook request read once into one value, so that every step of the receive pipeline
// (probe, authenticate, parse) looks at the same thing instead of asking n8n again.
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { requestRawBody } from './requestRawBody';
import { servedWebhookUrl } from './servedWebhookUrl';

export type HeaderValue = string | string[] | undefined;

export interface WebhookDelivery {
	method: string;
	/** The URL the request arrived on: what the provider signs, what keys its registration. */
	url: string;
	/** Lower-cased names, as n8n hands them. */
	headers: Record<string, HeaderValue>;
	contentType: string;
	/** The body as n8n parsed it (JSON, form fields or text), when it did. */
	body: unknown;
	/** The bytes as received; empty for a request without a body (GET, HEAD, an empty POST). */
	rawBody: Buffer;
	/** The trigger's Options parameter, read once per request. */
	options: IDataObject;
}

const NO_BYTES = Buffer.alloc(0);

export async function readWebhookDelivery(ctx: IWebhookFunctions): Promise<WebhookDelivery> {
	const req = ctx.getRequestObject();
	const headers = req.headers as Record<string, HeaderValue>;
	const contentType = headers['content-type'];
	return {
		method: req.method ?? 'GET',
		url: servedWebhookUrl(ctx),
		headers,
		contentType: typeof contentType === 'string' ? contentType : '',
		body: req.body as unknown,
		rawBody: req.method === 'POST' ? ((await requestRawBody(ctx)) ?? NO_BYTES) : NO_BYTES,
		options: ctx.getNodeParameter('options', {}) as IDataObject,
	};
}

/** One header's value as text: a repeated header (n8n hands an array) counts only when single. */
export function headerText(value: HeaderValue): string | undefined {
	const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
	return typeof single === 'string' ? single : undefined;
}
