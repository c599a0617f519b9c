// The Everlytic receiver for the shared receive pipeline: deliveries are POSTs authenticated by
// the Basic credentials the trigger chose at registration; JSON or form-urlencoded, standard or
// legacy field set. A GET is a liveness probe (is this URL still served by this n8n? asked by
// the Delete Orphans operation): 200 with a short text, no execution. Every answer is written
// here: n8n would otherwise answer an execution's request with its own default body.
import { createHash } from 'node:crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { Authentication, DeliveryReceiver } from '../../shared/trigger/deliveryReceiver';
import { readRegistration } from '../../shared/trigger/registrationStore';
import { asItemData, outputModeOf } from '../../shared/trigger/triggerOutput';
import { verifyBasicAuth } from '../../shared/trigger/verifyBasicAuth';
import { headerText, type WebhookDelivery } from '../../shared/trigger/webhookDelivery';
import { answerWebhook } from '../../shared/trigger/webhookResponse';
import { everlyticEventNameOf, normalizeEverlyticEvent } from '../delivery/normalizeEverlyticEvent';
import { parseEverlyticDelivery } from '../delivery/parseEverlyticDelivery';
import { everlyticSubscriptionOf } from '../events';
import type { EverlyticRegistration } from './everlyticRegistration';

const REFRESH_CREDENTIALS =
	'Deactivate and activate the workflow to register fresh Basic credentials with Everlytic';

const AUTHENTIC: Authentication = { authentic: true };

/** Why a request is not from Everlytic, in words for n8n's log; authentic when it is. */
function authenticateEverlytic(ctx: IWebhookFunctions, delivery: WebhookDelivery): Authentication {
	const { url } = delivery;
	const registration = readRegistration<EverlyticRegistration>(ctx.getWorkflowStaticData('node'), url);
	if (!registration) {
		return { authentic: false, reason: `no Basic credentials are stored for ${url}, so no delivery can be checked. ${REFRESH_CREDENTIALS}` };
	}
	const authorization = headerText(delivery.headers.authorization);
	if (authorization === undefined || authorization === '') {
		return { authentic: false, reason: 'the Authorization header is missing' };
	}
	if (verifyBasicAuth(authorization, registration)) return AUTHENTIC;
	const scheme = authorization.trim().split(/\s/, 1)[0];
	if (scheme.toLowerCase() !== 'basic') return { authentic: false, reason: 'the Authorization header is not HTTP Basic' };
	return {
		authentic: false,
		reason: 'the Basic username or password does not match the ones registered with Everlytic',
		// Everlytic retries a refused delivery every 5 minutes for 3 days, with the same header.
		deliveryFingerprint: `${createHash('sha1').update(authorization).digest('base64')} ${delivery.rawBody.length}`,
		adviceWhenRetried: `If the webhook was changed in Everlytic: ${REFRESH_CREDENTIALS}. A refused delivery is retried for 3 days, so it is not lost once this is done.`,
	};
}

export const everlyticReceiver: DeliveryReceiver<IDataObject> = {
	providerName: 'Everlytic',
	answers: {
		accepted: (ctx) => answerWebhook(ctx, 200, 'OK'),
		unauthenticated: { body: 'Unauthorized', headers: { 'WWW-Authenticate': 'Basic realm="n8n"' } },
	},
	// The webhook is registered with verb "post": anything else is a probe, never a delivery.
	isProbe: (_ctx, delivery) => delivery.method !== 'POST',
	authenticate: authenticateEverlytic,
	parse: (delivery) => asItemData(parseEverlyticDelivery(delivery)),
	subscriptionOf: (raw) => everlyticSubscriptionOf(everlyticEventNameOf(raw)),
	normalize: (raw) => normalizeEverlyticEvent(raw),
	outputMode: (delivery) => outputModeOf(delivery.options),
};
