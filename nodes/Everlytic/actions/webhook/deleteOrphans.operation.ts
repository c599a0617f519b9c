// Delete Orphans: Everlytic webhooks that point at this n8n but that no active workflow serves
// (nodes/shared/actions/orphans/deleteOrphanWebhooks.ts tells how). Everlytic answers
// {"status":false} for a webhook already gone, reported as such.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	deleteOrphanWebhooks,
	deleteOrphansDescription,
	deleteOrphansOption,
} from '../../../shared/actions/orphans/deleteOrphanWebhooks';
import { deleteEverlyticWebhook, listEverlyticWebhooks } from '../../transport/everlyticWebhooks';

export const option = deleteOrphansOption;

export function description(): INodeProperties[] {
	return deleteOrphansDescription('Everlytic');
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await deleteOrphanWebhooks(this, itemIndex, {
		displayName: 'Everlytic',
		list: async (ctx) => (await listEverlyticWebhooks(ctx)).map(({ id, url }) => ({ id, url })),
		remove: async (ctx, webhookId) => await deleteEverlyticWebhook(ctx, webhookId),
	});
}
