// The TES receiver (Sarv, SendClean) for the shared receive pipeline: GET/HEAD and event-less
// posts are URL checks, answered with the brand's handshake text (TES checks it on every call,
// so every success answer carries it); deliveries are authenticated by their signature header.
import { createHash } from 'node:crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { isRecord } from '../../shared/delivery/isRecord';
import type { Authentication, DeliveryReceiver } from '../../shared/trigger/deliveryReceiver';
import { createKeyReReadLimiter, type KeyReReadLimiter } from '../../shared/trigger/keyReReadLimiter';
import { createRefreshedKeys, type RefreshedKeys } from '../../shared/trigger/refreshedKeys';
import { registrationStore } from '../../shared/trigger/registrationStore';
import { boundedLogText } from '../../shared/trigger/rejectionLog';
import { asItemData, outputModeOf } from '../../shared/trigger/triggerOutput';
import { headerText, type WebhookDelivery } from '../../shared/trigger/webhookDelivery';
import { answerWebhook } from '../../shared/trigger/webhookResponse';
import { normalizeTesEvent } from '../delivery/normalizeTesEvent';
import { parseTesDelivery } from '../delivery/parseTesDelivery';
import { isWellFormedTesSignature, verifyTesSignature } from '../delivery/verifyTesSignature';
import { tesSubscriptionOf } from '../events';
import type { TesBrand } from '../TesBrand';
import { getTesWebhook, listTesWebhooks, tesWebhooksForUrl } from '../transport/tesWebhooks';
import { tesRecipientLookUp } from './tesRecipientLookUp';
import type { TesRegistration } from './tesRegistration';

const AUTHENTIC: Authentication = { authentic: true };
// A re-read answers a stranger's request: one attempt, and not the transport's 30 s timeout.
const REREAD_BOUNDS = { maxAttempts: 1, timeoutMs: 5000 };
const EMPTY_BODIES = new Set(['', '[]', '{}']);

/** No events at all: a blank body, `[]` or `{}` (how a URL check or a ping looks). */
function isEmptyDelivery({ rawBody, body }: WebhookDelivery): boolean {
	if (rawBody.length > 16) return false;
	if (rawBody.length > 0) return EMPTY_BODIES.has(rawBody.toString('utf8').trim());
	if (Array.isArray(body)) return body.length === 0;
	if (isRecord(body)) return Object.keys(body).length === 0;
	return body === undefined || body === null || body === '';
}

/** The webhook as the provider holds it now: its key may have been reset elsewhere. */
async function currentRegistration(
	ctx: IWebhookFunctions,
	brand: TesBrand,
	url: string,
	stored: TesRegistration | undefined,
): Promise<TesRegistration | undefined> {
	if (stored) {
		const webhook = await getTesWebhook(ctx, brand, stored.webhookId, REREAD_BOUNDS);
		return { webhookId: webhook.webhook_id || stored.webhookId, key: webhook.key };
	}
	const [webhook] = tesWebhooksForUrl(await listTesWebhooks(ctx, brand, REREAD_BOUNDS), url);
	return webhook && { webhookId: webhook.webhook_id, key: webhook.key };
}

/**
 * Checks the signature with the stored key and, when that fails, with the key the provider holds
 * now, read at most once a minute per webhook (keyReReadLimiter.ts), so that a key reset done
 * elsewhere costs a few rejected deliveries, not an outage, and forged ones cost no quota.
 * Cheapest checks first: a header that cannot be a signature is refused before any hashing.
 */
async function authenticateTes(
	ctx: IWebhookFunctions,
	brand: TesBrand,
	keyReReads: KeyReReadLimiter,
	refreshedKeys: RefreshedKeys<TesRegistration>,
	delivery: WebhookDelivery,
): Promise<Authentication> {
	if (delivery.options.verifySignature === false) return AUTHENTIC;
	const { url, rawBody } = delivery;
	const header = headerText(delivery.headers[brand.signatureHeader]);
	if (header === undefined || header.trim() === '') {
		return {
			authentic: false,
			reason: `the ${brand.signatureHeader} header is missing`,
			// A retried unsigned delivery is told apart by its bytes (hashing them is all it costs).
			deliveryFingerprint: `unsigned ${createHash('sha1').update(rawBody).digest('base64')}`,
			adviceWhenRetried: `If ${brand.displayName}'s delivery log shows these deliveries refused, it does not send the ${brand.signatureHeader} header this node expects: turn off the "Verify Signature" option of the trigger to accept them unchecked.`,
		};
	}
	if (!isWellFormedTesSignature(header)) {
		return { authentic: false, reason: `the ${brand.signatureHeader} header is not an HMAC-SHA1 signature (40 hex digits or 28 base64 characters)` };
	}
	const signedBy = (key: string) => key !== '' && verifyTesSignature({ key, signature: header, url, rawBody });
	const store = registrationStore<TesRegistration>(ctx.getWorkflowStaticData('node'));
	const stored = store.read(url);
	if (stored && signedBy(stored.key)) return AUTHENTIC;
	const remembered = refreshedKeys.recall(ctx, url);
	if (remembered && remembered.key !== stored?.key && signedBy(remembered.key)) {
		store.write(url, remembered);
		return AUTHENTIC;
	}

	const mismatch = {
		authentic: false as const,
		deliveryFingerprint: `${header.trim()} ${rawBody.length}`,
		adviceWhenRetried: `If ${brand.displayName}'s delivery log shows these deliveries refused, it signs them in a way this node does not know: turn off the "Verify Signature" option of the trigger to accept them unchecked.`,
	};
	const reRead = await keyReReads.reRead(ctx, url, async () => await currentRegistration(ctx, brand, url, stored));
	if (reRead.status === 'limited') {
		const seconds = Math.ceil(reRead.retryInMs / 1000);
		return { ...mismatch, reason: `the signature does not match the stored key (the current key is read from ${brand.displayName} at most once a minute; next in ${seconds} s)` };
	}
	if (reRead.status === 'failed') {
		return { authentic: false, reason: `the signature does not match the stored key and the current key could not be read from ${brand.displayName} (${boundedLogText(reRead.error)})` };
	}
	const current = reRead.value;
	if (!current) return { authentic: false, reason: `${brand.displayName} lists no webhook for ${url}` };
	if (current.key !== stored?.key) {
		store.write(url, current);
		if (signedBy(current.key)) {
			refreshedKeys.remember(ctx, url, current);
			return AUTHENTIC;
		}
	}
	return { ...mismatch, reason: 'the signature does not match the webhook key' };
}

/** One per trigger node type: its key re-read limiter lives as long as the node type. */
export function tesReceiver(brand: TesBrand): DeliveryReceiver<IDataObject> {
	const keyReReads = createKeyReReadLimiter();
	const refreshedKeys = createRefreshedKeys<TesRegistration>();
	return {
		providerName: brand.displayName,
		answers: {
			accepted: (ctx) => answerWebhook(ctx, 200, brand.handshakeText),
			unauthenticated: { body: 'Unauthorized: missing or invalid signature' },
		},
		// The provider's URL check carries no events and cannot be signed: the webhook has no key
		// before it exists.
		isProbe: (_ctx, delivery) =>
			delivery.method !== 'POST' ||
			((headerText(delivery.headers[brand.signatureHeader]) ?? '').trim() === '' && isEmptyDelivery(delivery)),
		authenticate: async (ctx, delivery) => await authenticateTes(ctx, brand, keyReReads, refreshedKeys, delivery),
		parse: (delivery) => asItemData(parseTesDelivery(delivery)),
		subscriptionOf: (raw) => tesSubscriptionOf(raw.event),
		normalize: (raw) => normalizeTesEvent(raw, brand.provider),
		outputMode: (delivery) => outputModeOf(delivery.options),
		// The recipients TES events lack, looked up by message id (option Look Up Recipient).
		enrichEvents: tesRecipientLookUp(brand),
	};
}
