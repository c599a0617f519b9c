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

type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']> & { rawBody?: Buffer };

function deliveryOf(ctx: IWebhookFunctions, req: WebhookRequest, rawBody: Buffer): WebhookDelivery {
	const headers = req.headers as Record<string, HeaderValue>;
	const contentType = headers['content-type'];
	return {
		method: req.method ?? 'GET',
		url: servedWebhookUrl(ctx),
		headers,
		contentType: typeof contentType === 'string' ? contentType : '',
		body: req.body as unknown,
		rawBody,
		options: ctx.getNodeParameter('options', {}) as IDataObject,
	};
}

/**
 * The request as one value. n8n has usually read the bytes already: then the delivery is
 * returned as it is, not as a promise, which saves a turn of the event loop per delivery.
 */
export function readWebhookDelivery(ctx: IWebhookFunctions): WebhookDelivery | Promise<WebhookDelivery> {
	const req = ctx.getRequestObject() as WebhookRequest;
	if (req.method !== 'POST') return deliveryOf(ctx, req, NO_BYTES);
	if (req.rawBody !== undefined) return deliveryOf(ctx, req, req.rawBody);
	return requestRawBody(ctx).then((bytes) => deliveryOf(ctx, req, bytes ?? NO_BYTES));
}

/**
 * One header's value as text: a repeated header (n8n hands an array) counts only when single;
 * anything that is not a HeaderValue is undefined.
 */
export function headerText(value: unknown): string | undefined {
	const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
	return typeof single === 'string' ? single : undefined;
}
