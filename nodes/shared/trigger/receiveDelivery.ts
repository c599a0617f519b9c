// The one receive pipeline every trigger's webhook() runs, as a story: read the request once →
// answer a probe → authenticate → parse → select and normalize → enrich (optional) → emit, or
// answer. A provider supplies only its facts, as a DeliveryReceiver (deliveryReceiver.ts).
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { MalformedDeliveryError } from '../delivery/MalformedDeliveryError';
import type { DeliveryReceiver, Unauthenticated } from './deliveryReceiver';
import { createRejectionLog, type RejectionLog } from './rejectionLog';
import { itemsOf, selectEvents, selectedEvents } from './triggerOutput';
import { readWebhookDelivery, type WebhookDelivery } from './webhookDelivery';
import { answerWebhook } from './webhookResponse';

export type WebhookFunction = (this: IWebhookFunctions) => Promise<IWebhookResponseData>;

function reject<Raw extends IDataObject>(
	ctx: IWebhookFunctions,
	receiver: DeliveryReceiver<Raw>,
	log: RejectionLog,
	delivery: WebhookDelivery,
	rejection: Unauthenticated,
): IWebhookResponseData {
	log.record(ctx, receiver.providerName, delivery.url, rejection);
	const { body, headers } = receiver.answers.unauthenticated;
	return answerWebhook(ctx, 401, body, headers);
}

/** A body that is not the provider's events: the parser's own status (400, 413...) and message. */
function answerMalformed<Raw extends IDataObject>(
	ctx: IWebhookFunctions,
	receiver: DeliveryReceiver<Raw>,
	error: unknown,
): IWebhookResponseData {
	if (error instanceof MalformedDeliveryError) {
		return answerWebhook(ctx, error.httpStatusCode, `Bad Request: ${error.message}`);
	}
	// Anything else a parser throws is still the body's fault: never a 500 the provider retries forever.
	return answerWebhook(ctx, 400, `Bad Request: the body is not a ${receiver.providerName} delivery`);
}

/**
 * webhook() for a trigger node. Call it where the node is created (`webhook = receiveDelivery(...)`
 * as a class field): the rejection log it keeps then lives with the node type, not the module.
 */
export function receiveDelivery<Raw extends IDataObject>(
	receiver: DeliveryReceiver<Raw>,
	rejectionLog: RejectionLog = createRejectionLog(),
): WebhookFunction {
	return async function webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// What is ready (the request, a synchronous check) is not awaited: each await is a turn
		// of the event loop per delivery.
		const read = readWebhookDelivery(this);
		const delivery = read instanceof Promise ? await read : read;
		if (receiver.isProbe(this, delivery)) return receiver.answers.accepted(this);

		const checked = receiver.authenticate(this, delivery);
		const authentication = checked instanceof Promise ? await checked : checked;
		if (!authentication.authentic) return reject(this, receiver, rejectionLog, delivery, authentication);

		let rawEvents: Raw[];
		try {
			rawEvents = receiver.parse(delivery);
		} catch (error) {
			return answerMalformed(this, receiver, error);
		}

		const events = selectEvents(rawEvents, selectedEvents(this), receiver);
		if (events.raw.length === 0) return receiver.answers.accepted(this);
		const output = receiver.outputMode(delivery);
		if (receiver.enrichEvents && output !== 'raw') await receiver.enrichEvents(this, events.normalized);
		// n8n answers the webhook's responseData once the execution is registered.
		return { workflowData: [itemsOf(events, output)] };
	};
}
