// Get Many: walks Everlytic's pages, stopping as soon as Limit webhooks are known; receivers'
// passwords hidden unless asked.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getAllOption, returnAllAndLimitFields } from '../../../shared/actions/webhookResourceFields';
import { listEverlyticWebhooks } from '../../transport/everlyticWebhooks';
import { includeReceiverPassword, receiverPasswordOptions, withReceiverPassword } from './receiverPassword';

export const option = getAllOption;

export function description(): INodeProperties[] {
	return [...returnAllAndLimitFields(), receiverPasswordOptions];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = (this.getNodeParameter('returnAll', itemIndex) as boolean)
		? undefined
		: (this.getNodeParameter('limit', itemIndex) as number);
	const webhooks = await listEverlyticWebhooks(this, limit === undefined ? {} : { limit });
	const include = includeReceiverPassword(this, itemIndex);
	return webhooks.map((webhook) => withReceiverPassword(webhook, include));
}
