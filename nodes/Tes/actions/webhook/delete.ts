// Delete: remove one webhook by ID.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TesBrand } from '../../TesBrand';
import { deleteTesWebhook } from '../../transport/tesWebhooks';
import { webhookIdField } from './commonFields';

export function description(): INodeProperties[] {
	return [webhookIdField('delete')];
}

export async function execute(
	this: IExecuteFunctions,
	brand: TesBrand,
	itemIndex: number,
): Promise<IDataObject> {
	const webhookId = (this.getNodeParameter('webhookId', itemIndex) as string).trim();
	await deleteTesWebhook(this, brand, webhookId);
	return { deleted: true, webhook_id: webhookId };
}
