// Get: one webhook by ID, with `settings` parsed and the receiver's password hidden unless asked.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getOption, webhookIdOf } from '../../../shared/actions/webhookResourceFields';
import { getEverlyticWebhook } from '../../transport/everlyticWebhooks';
import { webhookIdField } from './commonFields';
import { includeReceiverPassword, receiverPasswordOptions, withReceiverPassword } from './receiverPassword';

export const option = getOption;

export function description(): INodeProperties[] {
	return [webhookIdField(), receiverPasswordOptions];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = webhookIdOf(this, itemIndex);
	const webhook = await getEverlyticWebhook(this, webhookId);
	return withReceiverPassword(webhook, includeReceiverPassword(this, itemIndex));
}
