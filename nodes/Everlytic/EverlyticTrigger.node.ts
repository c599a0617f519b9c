// Everlytic's trigger node: registers its URL with Everlytic (with Basic credentials it chooses)
// and turns each delivery into normalized items. Lifecycle and receiving live in trigger/.
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	everlyticTriggerProperties,
	everlyticTriggerWebhooks,
} from './trigger/everlyticTriggerDescription';
import { everlyticWebhookMethods } from './trigger/everlyticWebhookLifecycle';
import { receiveDelivery } from '../shared/trigger/receiveDelivery';
import { everlyticReceiver } from './trigger/receiveEverlyticDelivery';

export class EverlyticTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Everlytic Trigger',
		name: 'everlyticTrigger',
		icon: { light: 'file:../../icons/everlytic.svg', dark: 'file:../../icons/everlytic.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves the same; n8n handles later trigger versions' requests more cheaply (it
		// evaluates no body option per request), see BENCHMARKS.md.
		version: [1, 1.1],
		subtitle: '={{ "Events: " + $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when Everlytic reports a transactional email event: sent, delivered, failed, open, click, bounce, unsubscribe or resubscribe',
		defaults: { name: 'Everlytic Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'everlyticApi', required: true }],
		webhooks: everlyticTriggerWebhooks,
		properties: everlyticTriggerProperties,
	};

	webhookMethods = everlyticWebhookMethods;

	// Created with the node type, so that the rejection log it keeps per process lives with the
	// node type, never at module scope.
	webhook = receiveDelivery(everlyticReceiver);
}
