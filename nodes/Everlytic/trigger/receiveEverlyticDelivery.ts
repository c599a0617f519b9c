// The Everlytic trigger's webhook(): authenticate (the Basic credentials chosen at registration),
// parse (JSON or form-urlencoded, standard or legacy field set), filter, emit one item per event.
// Every answer is written here: n8n would otherwise answer an execution's request with its own
// default body.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { MalformedDeliveryError } from '../../shared/delivery/MalformedDeliveryError';
import { eventsToItems, selectedEvents } from '../../shared/trigger/triggerOutput';
import { verifyBasicAuth } from '../../shared/trigger/verifyBasicAuth';
import { answerWebhook } from '../../shared/trigger/webhookResponse';
import {
	everlyticEventNameOf,
	normalizeEverlyticEvent,
} from '../delivery/normalizeEverlyticEvent';
import { everlyticSubscriptionOf } from '../events';
import { parseEverlyticDelivery, type EverlyticRawEvent } from '../delivery/parseEverlyticDelivery';
import { requestRawBody } from '../../shared/trigger/requestRawBody';
import { servedWebhookUrl } from '../../shared/trigger/servedWebhookUrl';
import { registrationStore } from '../../shared/trigger/registrationStore';
import type { EverlyticRegistration } from './everlyticRegistration';
import { everlyticOutputMode } from './everlyticTriggerParameters';

/** Why a request is not from Everlytic, in words for n8n's log; undefined when it is. */
function whyUnauthenticated(ctx: IWebhookFunctions): string | undefined {
	const url = servedWebhookUrl(ctx);
	const registration = registrationStore<EverlyticRegistration>(ctx.getWorkflowStaticData('node')).read(url);
	if (!registration) {
		return `no Basic credentials are stored for ${url}, so no delivery can be checked. Deactivate and activate the workflow to register fresh ones with Everlytic`;
	}
	const authorization = ctx.getHeaderData().authorization;
	if (authorization === undefined || authorization === '') {
		return 'the Authorization header is missing';
	}
	if (verifyBasicAuth(authorization, registration)) return undefined;
	const scheme = typeof authorization === 'string' ? authorization.trim().split(/\s/, 1)[0] : '';
	if (scheme.toLowerCase() !== 'basic') return 'the Authorization header is not HTTP Basic';
	return 'the Basic username or password does not match the ones registered with Everlytic. If the webhook was changed in Everlytic, deactivate and activate the workflow to register fresh ones';
}

function rejectUnauthenticated(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	ctx.logger.warn(
		`Everlytic Trigger rejected a delivery with HTTP 401: ${reason}. Everlytic retries a failed delivery every 5 minutes for 3 days, so a genuine one is not lost once this is fixed.`,
		{ workflowId: ctx.getWorkflow().id, node: ctx.getNode().name },
	);
	return answerWebhook(ctx, 401, 'Unauthorized', {
		'WWW-Authenticate': 'Basic realm="n8n"',
	});
}

function parseDelivery(ctx: IWebhookFunctions, rawBody: Buffer | undefined): EverlyticRawEvent[] {
	const req = ctx.getRequestObject();
	return parseEverlyticDelivery({
		body: req.body,
		rawBody,
		contentType: String(req.headers['content-type'] ?? ''),
	});
}

export async function receiveEverlyticDelivery(
	this: IWebhookFunctions,
): Promise<IWebhookResponseData> {
	const reason = whyUnauthenticated(this);
	if (reason !== undefined) return rejectUnauthenticated(this, reason);

	const rawBody = await requestRawBody(this);
	let rawEvents: EverlyticRawEvent[];
	try {
		rawEvents = parseDelivery(this, rawBody);
	} catch (error) {
		const message =
			error instanceof MalformedDeliveryError
				? error.message
				: 'the body is not an Everlytic delivery';
		return answerWebhook(this, 400, `Bad Request: ${message}`);
	}

	const items = eventsToItems(
		rawEvents as IDataObject[],
		selectedEvents(this),
		everlyticOutputMode(this),
		{
			subscriptionOf: (raw) => everlyticSubscriptionOf(everlyticEventNameOf(raw)),
			normalize: (raw) => normalizeEverlyticEvent(raw),
		},
	);
	// With items, n8n answers (the webhook's responseData) once the execution is registered.
	return items.length > 0 ? { workflowData: [items] } : answerWebhook(this, 200, 'OK');
}
