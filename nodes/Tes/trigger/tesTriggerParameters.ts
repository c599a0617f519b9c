// Reads the trigger's parameters into the webhook the provider should hold.
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { ALL_EVENTS, type TriggerOutputMode } from '../../shared/triggerOutput';
import { TES_SUBSCRIPTION_EVENTS as TES_EVENTS } from '../normalizeTesEvent';
import type { TesWebhookFields } from '../tesWebhooks';

export function selectedTesEvents(ctx: IHookFunctions | IWebhookFunctions): string[] {
	return ctx.getNodeParameter('events', []) as string[];
}

export function tesTriggerOptions(ctx: IHookFunctions | IWebhookFunctions): IDataObject {
	return ctx.getNodeParameter('options', {}) as IDataObject;
}

export function tesOutputMode(ctx: IWebhookFunctions): TriggerOutputMode {
	return (tesTriggerOptions(ctx).output as TriggerOutputMode | undefined) ?? 'normalized';
}

export function desiredTesWebhook(ctx: IHookFunctions, url: string): TesWebhookFields {
	const selected = selectedTesEvents(ctx);
	const options = tesTriggerOptions(ctx);
	const description =
		typeof options.description === 'string' && options.description.trim() !== ''
			? options.description
			: `n8n workflow "${ctx.getWorkflow().name ?? ctx.getWorkflow().id}"`;
	return {
		url,
		events: selected.includes(ALL_EVENTS)
			? [...TES_EVENTS]
			: TES_EVENTS.filter((event) => selected.includes(event)),
		description,
		storeLog: options.storeLog === true,
	};
}
