// Reset Key: the provider signs deliveries with the new key at once.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TesBrand } from '../../TesBrand';
import { resetTesWebhookKey } from '../../transport/tesWebhooks';
import { webhookIdField } from './commonFields';

export function description(): INodeProperties[] {
	return [webhookIdField('resetKey')];
}

export async function execute(
	this: IExecuteFunctions,
	brand: TesBrand,
	itemIndex: number,
): Promise<IDataObject> {
	const webhookId = (this.getNodeParameter('webhookId', itemIndex) as string).trim();
	return await resetTesWebhookKey(this, brand, webhookId);
}
