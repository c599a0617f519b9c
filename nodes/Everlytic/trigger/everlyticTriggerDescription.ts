// The Everlytic trigger's webhook and parameters: the events to receive and the output option.
// Everlytic webhooks have no description field (docs/providers.md, Everlytic calls),
// so unlike the TES triggers there is no Description option. The node's identity (name, icon,
// subtitle...) stays in EverlyticTrigger.node.ts, where n8n's linter reads it.
import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

import { triggerEventsProperty, triggerOutputOption } from '../../shared/trigger/triggerOutput';
import { everlyticEventOptions } from '../events';

// The webhook is registered with verb "post", so POST is all Everlytic sends.
// responseData: what n8n answers a delivery that starts an execution, once the execution is
// registered; answering only then slows a burst down instead of piling up executions.
// GET ('setup': no lifecycle methods run for it) answers "is this URL still served?" with 200
// and no execution, for the Delete Orphans operation; n8n answers 404 for a URL nothing serves.
export const everlyticTriggerWebhooks: IWebhookDescription[] = [
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'OK', path: 'webhook' },
	{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
];

export const everlyticTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'When the workflow is activated, this node registers its production URL with Everlytic, with a random Basic-auth username and password that every delivery must carry, and removes it on deactivation. Everlytic must be able to reach n8n: behind a proxy, set WEBHOOK_URL.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	triggerEventsProperty(everlyticEventOptions),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [triggerOutputOption],
	},
];
