// Delete Orphans: the brand's webhooks that point at this n8n but that no active workflow serves
// (nodes/shared/actions/orphans/deleteOrphanWebhooks.ts tells how).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	deleteOrphanWebhooks,
	deleteOrphansDescription,
	deleteOrphansOption,
} from '../../../shared/actions/orphans/deleteOrphanWebhooks';
import type { TesBrand } from '../../TesBrand';
import { deleteTesWebhookIfExists, listTesWebhooks } from '../../transport/tesWebhooks';

export const option = deleteOrphansOption;

export function description(brand: TesBrand): INodeProperties[] {
	return deleteOrphansDescription(brand.displayName);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	brand: TesBrand,
): Promise<IDataObject[]> {
	return await deleteOrphanWebhooks(this, itemIndex, {
		displayName: brand.displayName,
		list: async (ctx) =>
			(await listTesWebhooks(ctx, brand)).map((webhook) => ({ id: webhook.webhook_id, url: webhook.url })),
		remove: async (ctx, webhookId) => await deleteTesWebhookIfExists(ctx, brand, webhookId),
	});
}
