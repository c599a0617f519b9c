// Reads the trigger's parameters into the webhook the provider should hold.
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { selectedEvents, subscribedEvents } from '../../shared/trigger/triggerOutput';
import { TES_SUBSCRIPTION_EVENTS as TES_EVENTS } from '../events';
import type { TesWebhookFields } from '../transport/tesWebhooks';

export function tesTriggerOptions(ctx: IHookFunctions | IWebhookFunctions): IDataObject {
	return ctx.getNodeParameter('options', {}) as IDataObject;
}

export function desiredTesWebhook(ctx: IHookFunctions, url: string): TesWebhookFields {
	const options = tesTriggerOptions(ctx);
	const description =
		typeof options.description === 'string' && options.description.trim() !== ''
			? options.description
			: `n8n workflow "${ctx.getWorkflow().name ?? ctx.getWorkflow().id}"`;
	return {
		url,
		events: subscribedEvents(selectedEvents(ctx), TES_EVENTS),
		description,
		storeLog: options.storeLog === true,
	};
}
