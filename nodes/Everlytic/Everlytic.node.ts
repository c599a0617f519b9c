// Everlytic's action node: resource Webhook with Create, Update, Get, Get Many, Delete and
// Reprocess Failed; the operations live in actions/webhook/, the item loop in actions/router.ts.
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { everlyticWebhookOperationFields, executeEverlyticAction } from './actions/router';

export class Everlytic implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Everlytic',
		name: 'everlytic',
		icon: { light: 'file:../../icons/everlytic.svg', dark: 'file:../../icons/everlytic.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage Everlytic transactional email webhooks',
		defaults: { name: 'Everlytic' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'everlyticApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Webhook', value: 'webhook' }],
				default: 'webhook',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['webhook'] } },
				options: [
					{ name: 'Create', value: 'create', action: 'Create a webhook', description: 'Register a URL to receive email events' },
					{ name: 'Delete', value: 'delete', action: 'Delete a webhook', description: 'Remove a webhook' },
					{ name: 'Get', value: 'get', action: 'Get a webhook', description: 'Get a webhook by ID' },
					{ name: 'Get Many', value: 'getAll', action: 'Get many webhooks', description: 'List the webhooks of the account' },
					{ name: 'Reprocess Failed', value: 'reprocessFailed', action: 'Reprocess failed deliveries', description: 'Send again the deliveries that failed in the last 7 days' },
					{ name: 'Update', value: 'update', action: 'Update a webhook', description: 'Change only the fields you set; the rest is kept' },
				],
				default: 'create',
			},
			...everlyticWebhookOperationFields(),
		],
	};

	execute = executeEverlyticAction;
}
