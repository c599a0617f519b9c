// Everlytic's action node: resource Webhook with Create, Update, Get, Get Many, Delete and
// Reprocess Failed; the operations live in actions/webhook/, the item loop in actions/router.ts.
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { webhookOperationProperty, webhookResourceProperty } from '../shared/actions/webhookResourceFields';
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
			webhookResourceProperty,
			webhookOperationProperty([
				{
					name: 'Reprocess Failed',
					value: 'reprocessFailed',
					action: 'Reprocess failed deliveries',
					description: 'Send again the deliveries that failed in the last 7 days',
				},
			]),
			...everlyticWebhookOperationFields(),
		],
	};

	execute = executeEverlyticAction;
}
