// What every action node's Webhook resource shares, so the three nodes read alike in the editor:
// the picker entries of the operations all providers have, Return All / Limit, Reuse Existing,
// Webhook ID. Display conditions on resource and operation are added by the resource
// (actionResource.ts), so none of these names an operation.
import type { INodeProperties, IExecuteFunctions } from 'n8n-workflow';

import type { OperationOption } from './actionResource';

export const WEBHOOK_RESOURCE = { name: 'Webhook', value: 'webhook' } as const;

export const createOption: OperationOption<'create'> = {
	name: 'Create',
	value: 'create',
	action: 'Create a webhook',
	description: 'Register a URL to receive email events',
};
export const deleteOption: OperationOption<'delete'> = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a webhook',
	description: 'Remove a webhook',
};
export const getOption: OperationOption<'get'> = {
	name: 'Get',
	value: 'get',
	action: 'Get a webhook',
	description: 'Get a webhook by ID',
};
export const getAllOption: OperationOption<'getAll'> = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many webhooks',
	description: 'List the webhooks of the account',
};
export const updateOption: OperationOption<'update'> = {
	name: 'Update',
	value: 'update',
	action: 'Update a webhook',
	description: 'Change only the fields you set; the rest is kept',
};

export function returnAllAndLimitFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

export const reuseExistingOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Reuse Existing',
			name: 'reuseExisting',
			type: 'boolean',
			default: false,
			description:
				'Whether to return the webhook already registered for this URL, if there is one, instead of adding a second one',
		},
	],
};

export function webhookIdField(example: string): INodeProperties {
	return {
		displayName: 'Webhook ID',
		name: 'webhookId',
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${example}`,
		description: 'The ID of the webhook, as returned by Create or Get Many',
	};
}

/** The Update operation's collection: only the fields the user adds are changed. */
export function updateFieldsProperty(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** The Webhook ID parameter of an item, without the spaces a paste brings along. */
export function webhookIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return (ctx.getNodeParameter('webhookId', itemIndex) as string).trim();
}
