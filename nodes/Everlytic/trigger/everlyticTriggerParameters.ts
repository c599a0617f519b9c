// Reads the trigger's parameters: the events the user selected, the output mode, and from them
// the webhook Everlytic should hold for our URL.
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ALL_EVENTS, type TriggerOutputMode } from '../../shared/triggerOutput';
import { EVERLYTIC_EVENT_TYPES } from '../everlyticWebhooks';

export function selectedEverlyticEvents(ctx: IHookFunctions | IWebhookFunctions): string[] {
	return ctx.getNodeParameter('events', []) as string[];
}

export function everlyticOutputMode(ctx: IWebhookFunctions): TriggerOutputMode {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return (options.output as TriggerOutputMode | undefined) ?? 'normalized';
}

/** The event_types the webhook subscribes to, in Everlytic's order. */
export function desiredEverlyticEventTypes(ctx: IHookFunctions): string[] {
	const selected = selectedEverlyticEvents(ctx);
	const eventTypes = selected.includes(ALL_EVENTS)
		? [...EVERLYTIC_EVENT_TYPES]
		: EVERLYTIC_EVENT_TYPES.filter((type) => selected.includes(type));
	if (eventTypes.length === 0) {
		// Everlytic refuses a webhook without event types; say so in the node's words.
		throw new NodeOperationError(ctx.getNode(), 'Select at least one event to receive', {
			description: 'The Events parameter of the Everlytic Trigger is empty.',
		});
	}
	return eventTypes;
}
