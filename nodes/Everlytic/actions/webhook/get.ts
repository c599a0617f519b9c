// Get: one webhook by ID, with `settings` parsed.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getEverlyticWebhook } from '../../transport/everlyticWebhooks';
import { webhookIdField } from './commonFields';

export function description(): INodeProperties[] {
	return [webhookIdField('get')];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = (this.getNodeParameter('webhookId', itemIndex) as string).trim();
	return await getEverlyticWebhook(this, webhookId);
}
