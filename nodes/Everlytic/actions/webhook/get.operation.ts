// Get: one webhook by ID, with `settings` parsed.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getOption } from '../../../shared/actions/webhookResourceFields';
import { getEverlyticWebhook } from '../../transport/everlyticWebhooks';
import { webhookIdField } from './commonFields';

export const option = getOption;

export function description(): INodeProperties[] {
	return [webhookIdField()];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = (this.getNodeParameter('webhookId', itemIndex) as string).trim();
	return await getEverlyticWebhook(this, webhookId);
}
