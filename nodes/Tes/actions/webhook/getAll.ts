// Get Many: TES lists every webhook in one answer, so Limit is applied here.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TesBrand } from '../../TesBrand';
import { listTesWebhooks } from '../../tesWebhooks';

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

export async function execute(
	this: IExecuteFunctions,
	brand: TesBrand,
	itemIndex: number,
): Promise<IDataObject[]> {
	const webhooks = await listTesWebhooks(this, brand);
	if (this.getNodeParameter('returnAll', itemIndex) as boolean) return webhooks;
	return webhooks.slice(0, this.getNodeParameter('limit', itemIndex) as number);
}
