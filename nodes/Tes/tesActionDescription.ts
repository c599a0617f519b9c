// The action node's description for a TES brand: resource Webhook and its six operations.
import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { tesWebhookOperationFields } from './actions/router';
import type { TesBrand } from './TesBrand';

export const TES_ACTION_SUBTITLE = '={{ $parameter["operation"] + ": " + $parameter["resource"] }}';

/** All but icon, subtitle and usableAsTool, which n8n's linter wants literally in the node file. */
export function tesActionDescription(brand: TesBrand): Omit<INodeTypeDescription, 'icon'> {
	return {
		displayName: brand.displayName,
		name: brand.actionNodeName,
		group: ['transform'],
		version: 1,
		// The same text as TES_ACTION_SUBTITLE: n8n's linter accepts only a literal here.
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: `Manage ${brand.displayName} email webhooks`,
		defaults: { name: brand.displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: brand.credentialName, required: true }],
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
					{ name: 'Get', value: 'get', action: 'Get a webhook', description: 'Get a webhook with its delivery statistics' },
					{ name: 'Get Many', value: 'getAll', action: 'Get many webhooks', description: 'List the webhooks of the account' },
					{ name: 'Reset Key', value: 'resetKey', action: 'Reset the key of a webhook', description: 'Issue a new signing key for a webhook' },
					{ name: 'Update', value: 'update', action: 'Update a webhook', description: 'Change only the fields you set; the rest is kept' },
				],
				default: 'create',
			},
			...tesWebhookOperationFields(brand),
		],
	};
}
