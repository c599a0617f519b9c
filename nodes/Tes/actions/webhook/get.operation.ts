// Get: one webhook with its delivery statistics.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getOption, webhookIdOf } from '../../../shared/actions/webhookResourceFields';
import type { TesBrand } from '../../TesBrand';
import { getTesWebhook } from '../../transport/tesWebhooks';
import { webhookIdField } from './commonFields';

export const option = getOption;

export function description(): INodeProperties[] {
	return [webhookIdField()];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	brand: TesBrand,
): Promise<IDataObject> {
	const webhookId = webhookIdOf(this, itemIndex);
	return await getTesWebhook(this, brand, webhookId);
}
