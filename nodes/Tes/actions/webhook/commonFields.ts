// Parameters several TES webhook operations share, built per brand for brand-specific hints.
import type { INodeProperties } from 'n8n-workflow';

import { webhookIdField as sharedWebhookIdField } from '../../../shared/actions/webhookResourceFields';
import { TES_SUBSCRIPTION_EVENTS as TES_EVENTS, tesEventOptions } from '../../events';
import type { TesBrand } from '../../TesBrand';

export function webhookIdField(): INodeProperties {
	return sharedWebhookIdField('424353445757557577457');
}

export function urlField(brand: TesBrand): Omit<INodeProperties, 'displayOptions'> {
	return {
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/webhook',
		description: `The URL that receives the events. It must answer "${brand.handshakeText}": ${brand.displayName} checks it before saving the webhook. A ${brand.displayName} Trigger node's production URL does.`,
	};
}

export const eventsField: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	options: tesEventOptions,
	default: [...TES_EVENTS],
	description: 'The events the webhook receives',
};

export const descriptionField: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'A note about the webhook, shown in the provider dashboard',
};

export const storeLogField: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'Store Log',
	name: 'storeLog',
	type: 'boolean',
	default: false,
	description: 'Whether the provider keeps a log of the deliveries to this webhook',
};
