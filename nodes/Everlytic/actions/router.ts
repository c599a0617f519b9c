// Dispatches the Everlytic action node's items to the operation files under webhook/.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runItemOperations, type ItemOperation } from '../../shared/actions/runItemOperations';
import * as create from './webhook/create';
import * as deleteWebhook from './webhook/delete';
import * as get from './webhook/get';
import * as getAll from './webhook/getAll';
import * as reprocessFailed from './webhook/reprocessFailed';
import * as update from './webhook/update';

const WEBHOOK_OPERATIONS: Record<string, ItemOperation> = {
	create: create.execute,
	update: update.execute,
	get: get.execute,
	getAll: getAll.execute,
	delete: deleteWebhook.execute,
	reprocessFailed: reprocessFailed.execute,
};

/** The `execute` method of the Everlytic action node. */
export async function executeEverlyticAction(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runItemOperations(this, (resource, operation) =>
		resource === 'webhook' ? WEBHOOK_OPERATIONS[operation] : undefined,
	);
}

export function everlyticWebhookOperationFields(): INodeProperties[] {
	return [
		...create.description(),
		...update.description(),
		...get.description(),
		...getAll.description(),
		...deleteWebhook.description(),
		...reprocessFailed.description(),
	];
}
