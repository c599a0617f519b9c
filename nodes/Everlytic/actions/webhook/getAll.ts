// Get Many: walks Everlytic's pages, stopping as soon as Limit webhooks are known.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listEverlyticWebhooks } from '../../everlyticWebhooks';

const show = { resource: ['webhook'], operation: ['getAll'] };

export function description(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	if (this.getNodeParameter('returnAll', itemIndex) as boolean) return await listEverlyticWebhooks(this);
	const limit = this.getNodeParameter('limit', itemIndex) as number;
	return await listEverlyticWebhooks(this, { limit });
}
