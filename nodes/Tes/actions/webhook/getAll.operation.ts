// Get Many: TES lists every webhook in one answer, so Limit is applied here.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getAllOption, returnAllAndLimitFields } from '../../../shared/actions/webhookResourceFields';
import type { TesBrand } from '../../TesBrand';
import { listTesWebhooks } from '../../transport/tesWebhooks';

export const option = getAllOption;

export function description(): INodeProperties[] {
	return returnAllAndLimitFields();
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	brand: TesBrand,
): Promise<IDataObject[]> {
	const webhooks = await listTesWebhooks(this, brand);
	if (this.getNodeParameter('returnAll', itemIndex) as boolean) return webhooks;
	return webhooks.slice(0, this.getNodeParameter('limit', itemIndex) as number);
}
