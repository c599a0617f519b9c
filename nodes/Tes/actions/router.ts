// Dispatches a TES action node's items to the operation files under webhook/.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runItemOperations, type ItemOperation } from '../../shared/actions/runItemOperations';
import type { TesBrand } from '../TesBrand';
import * as create from './webhook/create';
import * as deleteWebhook from './webhook/delete';
import * as get from './webhook/get';
import * as getAll from './webhook/getAll';
import * as resetKey from './webhook/resetKey';
import * as update from './webhook/update';

type TesOperation = (
	this: IExecuteFunctions,
	brand: TesBrand,
	itemIndex: number,
) => ReturnType<ItemOperation>;

const WEBHOOK_OPERATIONS: Record<string, TesOperation> = {
	create: create.execute,
	update: update.execute,
	resetKey: resetKey.execute,
	get: get.execute,
	getAll: getAll.execute,
	delete: deleteWebhook.execute,
};

/** The `execute` method of a brand's action node. */
export function executeTesAction(brand: TesBrand) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runItemOperations(this, (resource, operation) => {
			const run = resource === 'webhook' ? WEBHOOK_OPERATIONS[operation] : undefined;
			return (
				run &&
				async function (this: IExecuteFunctions, itemIndex: number) {
					return await run.call(this, brand, itemIndex);
				}
			);
		});
	};
}

export function tesWebhookOperationFields(brand: TesBrand) {
	return [
		...create.description(brand),
		...update.description(brand),
		...resetKey.description(),
		...get.description(),
		...getAll.description(),
		...deleteWebhook.description(),
	];
}
