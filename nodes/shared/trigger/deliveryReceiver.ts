// What a provider tells the shared receive pipeline (receiveDelivery.ts): how to answer a probe,
// how to authenticate, parse, select and normalize its deliveries, and how to answer. The
// pipeline owns the order of the steps; a receiver only supplies the provider's facts.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { NormalizedEvent } from '../NormalizedEvent';
import type { EventSelection, TriggerOutputMode } from './triggerOutput';
import type { WebhookDelivery } from './webhookDelivery';

/** "Is this request from the provider?", in one shape for every provider. */
export type Authentication = Authentic | Unauthenticated;

export interface Authentic {
	authentic: true;
}

export interface Unauthenticated {
	authentic: false;
	/** Why, in words for n8n's log: never a secret, never a header value. */
	reason: string;
	/**
	 * Tells one delivery from another across the provider's retries (e.g. its signature and
	 * length): set only when the request claims to be signed. Absent for anonymous requests,
	 * which never get `adviceWhenRetried`.
	 */
	deliveryFingerprint?: string;
	/**
	 * What the user could change, logged only once the same delivery has been refused again and
	 * again over minutes, as the provider's own retries look (rejectionLog.ts).
	 */
	adviceWhenRetried?: string;
}

/** The pipeline's answers that only the provider knows: its texts, headers and statuses. */
export interface ReceiverAnswers {
	/** A request that started no execution: a probe, a ping, nothing selected. */
	accepted(ctx: IWebhookFunctions): IWebhookResponseData;
	/** HTTP 401 body and headers. */
	unauthenticated: { body: string; headers?: Record<string, string> };
}

export interface DeliveryReceiver<Raw extends IDataObject> extends EventSelection<Raw> {
	/** The provider's name as the user knows it, for the log. */
	providerName: string;
	answers: ReceiverAnswers;
	/** True for a request that carries no delivery (a URL check, a liveness probe). */
	isProbe(ctx: IWebhookFunctions, delivery: WebhookDelivery): boolean;
	authenticate(ctx: IWebhookFunctions, delivery: WebhookDelivery): Promise<Authentication> | Authentication;
	/** The delivery's raw events; throws MalformedDeliveryError (its httpStatusCode is answered). */
	parse(delivery: WebhookDelivery): Raw[];
	outputMode(delivery: WebhookDelivery): TriggerOutputMode;
	/**
	 * Optional: fills fields of the normalized events in place (e.g. the recipient, looked up),
	 * after normalize and before emit. Skipped for Output "Raw". Must never throw for one event's
	 * sake: a delivery is not rejected because of a look-up.
	 */
	enrichEvents?(ctx: IWebhookFunctions, events: NormalizedEvent[]): Promise<void>;
}
