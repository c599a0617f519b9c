// Create: add a webhook, then read it back by URL to return its id and key.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createOption, reuseExistingOptions } from '../../../shared/actions/webhookResourceFields';
import type { TesBrand } from '../../TesBrand';
import { addTesWebhookAndFind, listTesWebhooks, tesWebhooksForUrl } from '../../transport/tesWebhooks';
import { descriptionField, eventsField, storeLogField, urlField } from './commonFields';

export const option = createOption;

export function description(brand: TesBrand): INodeProperties[] {
	return [
		{ ...urlField(brand), required: true },
		eventsField,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [descriptionField, storeLogField],
		},
		reuseExistingOptions,
	];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	brand: TesBrand,
): Promise<IDataObject> {
	const url = (this.getNodeParameter('url', itemIndex) as string).trim();
	const events = this.getNodeParameter('events', itemIndex) as string[];
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const existing = await listTesWebhooks(this, brand);
	if (options.reuseExisting === true) {
		const [registered] = tesWebhooksForUrl(existing, url);
		if (registered) return registered;
	}
	return await addTesWebhookAndFind(
		this,
		brand,
		{
			url,
			events,
			description: (additional.description as string) ?? '',
			storeLog: additional.storeLog === true,
		},
		new Set(existing.map((webhook) => webhook.webhook_id)),
	);
}
