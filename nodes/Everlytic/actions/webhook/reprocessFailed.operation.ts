// Reprocess Failed: Everlytic sends again the deliveries that failed in the last 7 days (it
// retries a failed delivery by itself every 5 minutes for 3 days only).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationOption } from '../../../shared/actions/actionResource';
import { reprocessFailedEverlyticDeliveries } from '../../transport/everlyticWebhooks';

export const option: OperationOption<'reprocessFailed'> = {
	name: 'Reprocess Failed',
	value: 'reprocessFailed',
	action: 'Reprocess failed deliveries',
	description: 'Send again the deliveries that failed in the last 7 days',
};

export function description(): INodeProperties[] {
	return [];
}

export async function execute(this: IExecuteFunctions, _itemIndex: number): Promise<IDataObject> {
	return await reprocessFailedEverlyticDeliveries(this);
}
