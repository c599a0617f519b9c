// Reads the trigger's parameters: the events the user selected, the output mode, and from them
// the webhook Everlytic should hold for our URL.
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	outputModeOf,
	selectedEvents,
	subscribedEvents,
	type TriggerOutputMode,
} from '../../shared/trigger/triggerOutput';
import { EVERLYTIC_EVENT_TYPES } from '../transport/everlyticWebhooks';

export function everlyticOutputMode(ctx: IWebhookFunctions): TriggerOutputMode {
	return outputModeOf(ctx.getNodeParameter('options', {}) as IDataObject);
}

/** The event_types the webhook subscribes to, in Everlytic's order. */
export function desiredEverlyticEventTypes(ctx: IHookFunctions): string[] {
	const eventTypes: string[] = subscribedEvents(selectedEvents(ctx), EVERLYTIC_EVENT_TYPES);
	if (eventTypes.length === 0) {
		// Everlytic refuses a webhook without event types; say so in the node's words.
		throw new NodeOperationError(ctx.getNode(), 'Select at least one event to receive', {
			description: 'The Events parameter of the Everlytic Trigger is empty.',
		});
	}
	return eventTypes;
}
