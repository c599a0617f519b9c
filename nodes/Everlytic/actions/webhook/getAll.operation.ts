// Get Many: walks Everlytic's pages, stopping as soon as Limit webhooks are known.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getAllOption, returnAllAndLimitFields } from '../../../shared/actions/webhookResourceFields';
import { listEverlyticWebhooks } from '../../transport/everlyticWebhooks';

export const option = getAllOption;

export function description(): INodeProperties[] {
	return returnAllAndLimitFields();
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	if (this.getNodeParameter('returnAll', itemIndex) as boolean) return await listEverlyticWebhooks(this);
	const limit = this.getNodeParameter('limit', itemIndex) as number;
	return await listEverlyticWebhooks(this, { limit });
}
