// Delete: remove one webhook by ID. Everlytic answers {"status":false} when there was nothing to
// delete; that is reported as such in the output, neither as success nor as a failure.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deleteOption, webhookIdOf } from '../../../shared/actions/webhookResourceFields';
import { deleteEverlyticWebhook } from '../../transport/everlyticWebhooks';
import { webhookIdField } from './commonFields';

export const option = deleteOption;

export function description(): INodeProperties[] {
	return [webhookIdField()];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = webhookIdOf(this, itemIndex);
	if (await deleteEverlyticWebhook(this, webhookId)) return { deleted: true, id: webhookId };
	return {
		deleted: false,
		id: webhookId,
		message: `Nothing to delete: Everlytic has no webhook with ID ${webhookId}`,
	};
}
