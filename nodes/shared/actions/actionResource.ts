// What an action node is made of: resources, each a set of operation modules. The resource picker,
// each resource's operation picker, the field list and the dispatch are all derived from one
// registration per resource (its `index.ts`), so they cannot drift apart. A node's `node.type.ts`
// names every resource and operation; the registration is checked against it, so a misspelt or
// forgotten operation does not compile.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runItemOperations } from './runItemOperations';

/** The entry of an operation in the Operation picker. */
export interface OperationOption<Name extends string> extends INodePropertyOptions {
	value: Name;
	action: string;
	description: string;
}

/**
 * One operation module (`actions/<resource>/<op>.operation.ts`). `Context` is what the node
 * passes to every operation: a TES brand, or nothing for a single-brand provider.
 */
export interface OperationModule<Name extends string, Context = void> {
	option: OperationOption<Name>;
	/**
	 * The operation's own parameters. The resource adds `show: { resource, operation }` to each,
	 * so a module states only the extra conditions (e.g. Limit shown when Return All is off).
	 */
	description: (context: Context) => INodeProperties[];
	execute: (
		this: IExecuteFunctions,
		itemIndex: number,
		context: Context,
	) => Promise<IDataObject | IDataObject[]>;
}

/** Every operation name of a resource mapped to its module, none missing, none extra. */
export type OperationModules<Names extends string, Context> = {
	[Name in Names]: OperationModule<Name, Context>;
};

export interface ActionResource<Context = void> {
	/** The Resource picker entry. */
	name: string;
	value: string;
	/** The operation selected when the resource is picked. */
	defaultOperation: string;
	operations: ReadonlyArray<OperationModule<string, Context>>;
}

/**
 * A resource from its operation modules. `Names` is the resource's operation union from
 * `node.type.ts`; `operations` must hold exactly one module per name.
 */
export function defineResource<Names extends string, Context = void>(resource: {
	name: string;
	value: string;
	defaultOperation: NoInfer<Names>;
	operations: OperationModules<Names, Context>;
}): ActionResource<Context> {
	const operations: ReadonlyArray<OperationModule<string, Context>> = Object.values(resource.operations);
	return { ...resource, operations };
}

function resourceProperty<Context>(resources: ReadonlyArray<ActionResource<Context>>): INodeProperties {
	const firstResource = resources[0].value;
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value }) => ({ name, value })),
		default: firstResource,
	};
}

function operationProperty<Context>(resource: ActionResource<Context>): INodeProperties {
	const { defaultOperation } = resource;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: resource.operations
			.map(({ option }) => ({ ...option }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
}

function operationFields<Context>(resource: ActionResource<Context>, context: Context): INodeProperties[] {
	return resource.operations.flatMap((operation) =>
		updateDisplayOptions(
			{ show: { resource: [resource.value], operation: [operation.option.value] } },
			operation.description(context),
		),
	);
}

/** The node's `properties`: resource picker, then per resource its operation picker and fields. */
export function actionProperties<Context>(
	resources: ReadonlyArray<ActionResource<Context>>,
	context: Context,
): INodeProperties[] {
	return [
		resourceProperty(resources),
		...resources.map((resource) => operationProperty(resource)),
		...resources.flatMap((resource) => operationFields(resource, context)),
	];
}

/** The node's `execute`: one item loop (runItemOperations) dispatching to the chosen operation. */
export function actionExecute<Context>(
	resources: ReadonlyArray<ActionResource<Context>>,
	context: Context,
) {
	// A Map, not an object lookup: an operation value such as "constructor" must not find anything.
	const byName = new Map<string, OperationModule<string, Context>>();
	for (const resource of resources) {
		for (const operation of resource.operations) {
			byName.set(`${resource.value}\u0000${operation.option.value}`, operation);
		}
	}
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runItemOperations(this, (resource, operation) => {
			const chosen = byName.get(`${resource}\u0000${operation}`);
			return (
				chosen &&
				async function (this: IExecuteFunctions, itemIndex: number) {
					return await chosen.execute.call(this, itemIndex, context);
				}
			);
		});
	};
}
