// Parameters every action node's Webhook resource shares, so the three nodes read alike in the
// editor: the resource and operation pickers, Return All / Limit, Reuse Existing, Webhook ID.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const webhookResourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [{ name: 'Webhook', value: 'webhook' }],
	default: 'webhook',
};

const COMMON_OPERATIONS: INodePropertyOptions[] = [
	{ name: 'Create', value: 'create', action: 'Create a webhook', description: 'Register a URL to receive email events' },
	{ name: 'Delete', value: 'delete', action: 'Delete a webhook', description: 'Remove a webhook' },
	{ name: 'Get', value: 'get', action: 'Get a webhook', description: 'Get a webhook by ID' },
	{ name: 'Get Many', value: 'getAll', action: 'Get many webhooks', description: 'List the webhooks of the account' },
	{ name: 'Update', value: 'update', action: 'Update a webhook', description: 'Change only the fields you set; the rest is kept' },
];

/** The Operation picker: the operations all providers have plus the provider's own. */
export function webhookOperationProperty(providerOperations: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [...COMMON_OPERATIONS, ...providerOperations].sort((a, b) => a.name.localeCompare(b.name)),
		default: 'create',
	};
}

export function returnAllAndLimitFields(operation: string): INodeProperties[] {
	const show = { resource: ['webhook'], operation: [operation] };
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

export function reuseExistingOptions(operation: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['webhook'], operation: [operation] } },
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
}

export function webhookIdField(operation: string, example: string): INodeProperties {
	return {
		displayName: 'Webhook ID',
		name: 'webhookId',
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${example}`,
		description: 'The ID of the webhook, as returned by Create or Get Many',
		displayOptions: { show: { resource: ['webhook'], operation: [operation] } },
	};
}
