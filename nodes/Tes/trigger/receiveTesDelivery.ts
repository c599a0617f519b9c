// The TES trigger's webhook(): answer the handshake, authenticate, parse, filter, emit.
// TES checks that the URL answers its handshake text, so every success answer carries it.
import type {
	IDataObject,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { MalformedDeliveryError } from '../../shared/delivery/MalformedDeliveryError';
import { requestRawBody } from '../../shared/trigger/requestRawBody';
import { servedWebhookUrl } from '../../shared/trigger/servedWebhookUrl';
import { eventsToItems, outputModeOf, selectedEvents } from '../../shared/trigger/triggerOutput';
import { answerWebhook } from '../../shared/trigger/webhookResponse';
import { normalizeTesEvent } from '../delivery/normalizeTesEvent';
import { tesSubscriptionOf } from '../events';
import { parseTesDelivery } from '../delivery/parseTesDelivery';
import type { TesBrand } from '../TesBrand';
import { getTesWebhook, listTesWebhooks, tesWebhooksForUrl } from '../transport/tesWebhooks';
import { verifyTesSignature } from '../delivery/verifyTesSignature';
import { registrationStore } from '../../shared/trigger/registrationStore';
import type { TesRegistration } from './tesRegistration';
import { tesTriggerOptions } from './tesTriggerParameters';

interface DeliveryRequest {
	url: string;
	signature: string;
	rawBody: Buffer | string;
	formParams?: IDataObject;
}

const EMPTY_BODIES = new Set(['', '[]', '{}']);

/** No events at all: a blank body, `[]` or `{}` (how a URL check or a ping looks). */
function isEmptyDelivery(body: unknown, rawBody: Buffer | string | undefined): boolean {
	if (Array.isArray(body)) return body.length === 0;
	if (body !== null && typeof body === 'object') return Object.keys(body).length === 0;
	if (rawBody !== undefined && rawBody.length > 16) return false;
	return EMPTY_BODIES.has((rawBody ?? (typeof body === 'string' ? body : '')).toString().trim());
}

function signedBy(key: string, request: DeliveryRequest): boolean {
	return (
		key !== '' &&
		verifyTesSignature({
			key,
			signature: request.signature,
			url: request.url,
			rawBody: request.rawBody,
			formParams: request.formParams,
		})
	);
}

/** The webhook as the provider holds it now: its key may have been reset elsewhere. */
async function fetchCurrentRegistration(
	ctx: IWebhookFunctions,
	brand: TesBrand,
	url: string,
	stored: TesRegistration | undefined,
): Promise<TesRegistration | undefined> {
	if (stored) {
		const webhook = await getTesWebhook(ctx, brand, stored.webhookId);
		return { webhookId: webhook.webhook_id, key: webhook.key };
	}
	const [webhook] = tesWebhooksForUrl(await listTesWebhooks(ctx, brand), url);
	return webhook && { webhookId: webhook.webhook_id, key: webhook.key };
}

/**
 * Checks the signature with the stored key and, when that fails, once with the key the provider
 * holds now, so that a key reset done elsewhere costs one rejected check, not an outage.
 */
async function isAuthentic(
	ctx: IWebhookFunctions,
	brand: TesBrand,
	request: DeliveryRequest,
): Promise<{ authentic: boolean; reason: string }> {
	const staticData = ctx.getWorkflowStaticData('node');
	const stored = registrationStore<TesRegistration>(staticData).read(request.url);
	if (stored && signedBy(stored.key, request)) return { authentic: true, reason: '' };
	let current: TesRegistration | undefined;
	try {
		current = await fetchCurrentRegistration(ctx, brand, request.url, stored);
	} catch (error) {
		return {
			authentic: false,
			reason: `the signature does not match the stored key and the current key could not be read from ${brand.displayName} (${(error as Error).message})`,
		};
	}
	if (!current) {
		return { authentic: false, reason: `${brand.displayName} lists no webhook for ${request.url}` };
	}
	if (current.key !== stored?.key && signedBy(current.key, request)) {
		registrationStore<TesRegistration>(staticData).write(request.url, current);
		return { authentic: true, reason: '' };
	}
	return { authentic: false, reason: 'the signature does not match the webhook key' };
}

function rejectUnsigned(ctx: IWebhookFunctions, brand: TesBrand, reason: string): IWebhookResponseData {
	ctx.logger.warn(
		`${brand.displayName} Trigger rejected a delivery with HTTP 401: ${reason}. ` +
			`${brand.displayName} retries rejected deliveries, so nothing is lost. If these are genuine ` +
			`${brand.displayName} deliveries, its signing scheme differs from the ones this node knows: ` +
			'turn off the "Verify Signature" option of the trigger to accept them unchecked.',
		{ workflowId: ctx.getWorkflow().id, node: ctx.getNode().name },
	);
	return answerWebhook(ctx, 401, 'Unauthorized: missing or invalid signature');
}

/** Answers 200 with the handshake text when no execution starts (TES checks it on every call). */
function answerHandshake(ctx: IWebhookFunctions, brand: TesBrand): IWebhookResponseData {
	return answerWebhook(ctx, 200, brand.handshakeText);
}

export function receiveTesDelivery(brand: TesBrand) {
	return async function (this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		if (req.method !== 'POST') return answerHandshake(this, brand);

		const rawBody = await requestRawBody(this);
		const body: unknown = req.body;
		const contentType = String(req.headers['content-type'] ?? '');
		const options = tesTriggerOptions(this);

		if (options.verifySignature !== false) {
			const signature = req.headers[brand.signatureHeader];
			if (typeof signature !== 'string' || signature === '') {
				// The provider's URL check carries no events and cannot be signed: the webhook has
				// no key before it exists.
				if (isEmptyDelivery(body, rawBody)) return answerHandshake(this, brand);
				return rejectUnsigned(this, brand, `the ${brand.signatureHeader} header is missing`);
			}
			const check = await isAuthentic(this, brand, {
				url: servedWebhookUrl(this),
				signature,
				rawBody: rawBody ?? (typeof body === 'string' ? body : JSON.stringify(body ?? '')),
				formParams: contentType.includes('form') ? (body as IDataObject) : undefined,
			});
			if (!check.authentic) return rejectUnsigned(this, brand, check.reason);
		}

		let rawEvents: IDataObject[];
		try {
			rawEvents = parseTesDelivery({ body, rawBody, contentType }) as IDataObject[];
		} catch (error) {
			const message =
				error instanceof MalformedDeliveryError ? error.message : 'the body is not a TES delivery';
			return answerWebhook(this, 400, `Bad Request: ${message}`);
		}

		const items = eventsToItems(rawEvents, selectedEvents(this), outputModeOf(options), {
			subscriptionOf: (raw) => tesSubscriptionOf(raw.event),
			normalize: (raw) => normalizeTesEvent(raw, brand.provider),
		});
		// With items, n8n answers the POST webhook's responseData (the handshake text) once the
		// execution is registered.
		return items.length > 0 ? { workflowData: [items] } : answerHandshake(this, brand);
	};
}
