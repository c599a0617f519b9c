// The trigger node's description for a TES brand.
import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerEventsProperty, triggerOutputOption } from '../../shared/trigger/triggerOutput';
import { tesEventOptions } from '../events';
import type { TesBrand } from '../TesBrand';
import { lookUpRecipientOption } from './lookUpRecipientOption';

export const TES_TRIGGER_SUBTITLE = '={{ "Events: " + $parameter["events"].join(", ") }}';

/** All but icon, subtitle and usableAsTool, which n8n's linter wants literally in the node file. */
export function tesTriggerDescription(brand: TesBrand): Omit<INodeTypeDescription, 'icon'> {
	const webhook = { responseMode: 'onReceived', path: 'webhook' };
	return {
		displayName: `${brand.displayName} Trigger`,
		name: brand.triggerNodeName,
		group: ['trigger'],
		// 1.1 behaves the same; n8n handles later trigger versions' requests more cheaply (it
		// evaluates no body option per request), see BENCHMARKS.md.
		version: [1, 1.1],
		// The same text as TES_TRIGGER_SUBTITLE: n8n's linter accepts only a literal here.
		subtitle: '={{ "Events: " + $parameter["events"].join(", ") }}',
		description: `Starts the workflow when ${brand.displayName} reports an email event: bounce, spam complaint, open, click or send`,
		defaults: { name: `${brand.displayName} Trigger` },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: brand.credentialName, required: true }],
		// The provider's URL check method is unpublished: GET, HEAD and POST all answer it. n8n
		// makes each webhook live in this order and runs create() (which triggers the provider's
		// check) at 'default': GET and HEAD must already answer by then.
		// responseData: what n8n answers a delivery that starts an execution, once the execution
		// is registered; answering only then slows a burst down instead of piling up executions.
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', ...webhook },
			{ name: 'setup', httpMethod: 'HEAD', ...webhook },
			{ name: 'default', httpMethod: 'POST', ...webhook, responseData: brand.handshakeText },
		],
		properties: [
			{
				displayName: `When the workflow is activated, this node registers its production URL with ${brand.displayName} and removes it on deactivation. ${brand.displayName} must be able to reach n8n: behind a proxy, set WEBHOOK_URL.`,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			triggerEventsProperty(tesEventOptions),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						placeholder: 'n8n workflow "My workflow"',
						description: `The webhook's description in ${brand.displayName}. Empty means the name of this workflow.`,
					},
					lookUpRecipientOption(brand),
					triggerOutputOption,
					{
						displayName: 'Store Log',
						name: 'storeLog',
						type: 'boolean',
						default: false,
						description: `Whether ${brand.displayName} keeps a log of the deliveries to this webhook`,
					},
					{
						displayName: 'Verify Signature',
						name: 'verifySignature',
						type: 'boolean',
						default: true,
						description: `Whether to reject (HTTP 401) deliveries whose ${brand.signatureHeader} signature does not match the webhook key. ${brand.displayName} does not publish how it signs; turn this off only if genuine deliveries are rejected (n8n's log says why).`,
					},
				],
			},
		],
	};
}
