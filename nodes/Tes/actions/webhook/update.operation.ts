// Update: fetch the webhook, change only what the user set, send it whole (TES may clear what an
// edit leaves out).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateFieldsProperty, updateOption, webhookIdOf } from '../../../shared/actions/webhookResourceFields';
import type { TesBrand } from '../../TesBrand';
import { editTesWebhook, fieldsOfTesWebhook, getTesWebhook } from '../../transport/tesWebhooks';
import { descriptionField, eventsField, storeLogField, urlField, webhookIdField } from './commonFields';

export const option = updateOption;

export function description(brand: TesBrand): INodeProperties[] {
	return [
		webhookIdField(),
		updateFieldsProperty([descriptionField, eventsField, storeLogField, urlField(brand)]),
	];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	brand: TesBrand,
): Promise<IDataObject> {
	const webhookId = webhookIdOf(this, itemIndex);
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;

	const current = fieldsOfTesWebhook(await getTesWebhook(this, brand, webhookId));
	await editTesWebhook(this, brand, webhookId, {
		url: typeof changes.url === 'string' && changes.url.trim() ? changes.url.trim() : current.url,
		events: Array.isArray(changes.events) ? (changes.events as string[]) : current.events,
		description:
			typeof changes.description === 'string' ? changes.description : current.description,
		storeLog: typeof changes.storeLog === 'boolean' ? changes.storeLog : current.storeLog,
	});
	return await getTesWebhook(this, brand, webhookId);
}
