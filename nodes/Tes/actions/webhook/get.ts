// Get: one webhook with its delivery statistics.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TesBrand } from '../../TesBrand';
import { getTesWebhook } from '../../transport/tesWebhooks';
import { webhookIdField } from './commonFields';

export function description(): INodeProperties[] {
	return [webhookIdField('get')];
}

export async function execute(
	this: IExecuteFunctions,
	brand: TesBrand,
	itemIndex: number,
): Promise<IDataObject> {
	const webhookId = (this.getNodeParameter('webhookId', itemIndex) as string).trim();
	return await getTesWebhook(this, brand, webhookId);
}
