// The item loop every action node shares: one operation call per input item, each output item
// paired with the item it came from, and continueOnFail handled in exactly one place.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, type NodeApiError } from 'n8n-workflow';

import { toNodeError } from './toNodeError';

export type ItemOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

export async function runItemOperations(
	ctx: IExecuteFunctions,
	operationFor: (resource: string, operation: string) => ItemOperation | undefined,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = ctx.getNodeParameter('resource', itemIndex) as string;
			const operation = ctx.getNodeParameter('operation', itemIndex) as string;
			const run = operationFor(resource, operation);
			if (!run) {
				throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not supported`, {
					itemIndex,
				});
			}
			const result = await run.call(ctx, itemIndex);
			output.push(
				...ctx.helpers.constructExecutionMetaData(ctx.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (ctx.continueOnFail()) {
				const failure = error as NodeApiError | NodeOperationError;
				output.push({
					json: {
						error: failure.message,
						...(failure.description ? { errorDescription: failure.description } : {}),
						...('httpCode' in failure && failure.httpCode ? { httpCode: failure.httpCode } : {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw toNodeError(ctx.getNode(), error, itemIndex);
		}
	}
	return [output];
}
