// Delete: remove one webhook by ID.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deleteOption, webhookIdOf } from '../../../shared/actions/webhookResourceFields';
import type { TesBrand } from '../../TesBrand';
import { deleteTesWebhook } from '../../transport/tesWebhooks';
import { webhookIdField } from './commonFields';

export const option = deleteOption;

export function description(): INodeProperties[] {
	return [webhookIdField()];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	brand: TesBrand,
): Promise<IDataObject> {
	const webhookId = webhookIdOf(this, itemIndex);
	await deleteTesWebhook(this, brand, webhookId);
	return { deleted: true, webhook_id: webhookId };
}
