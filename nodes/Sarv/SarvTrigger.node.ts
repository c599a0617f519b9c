import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { receiveDelivery } from '../shared/trigger/receiveDelivery';
import { tesReceiver } from '../Tes/trigger/receiveTesDelivery';
import { TES_TRIGGER_SUBTITLE, tesTriggerDescription } from '../Tes/trigger/tesTriggerDescription';
import { tesWebhookMethods } from '../Tes/trigger/tesWebhookLifecycle';
import { SARV } from './sarvBrand';

/** Sarv's trigger node: the shared TES trigger with Sarv's brand data. */
export class SarvTrigger implements INodeType {
	description: INodeTypeDescription = { ...tesTriggerDescription(SARV), icon: SARV.icon, subtitle: TES_TRIGGER_SUBTITLE };

	webhookMethods = tesWebhookMethods(SARV);

	// Created with the node type, so that what the receiver keeps per process (its key re-read
	// limiter, its rejection log) lives with the node type, never at module scope.
	webhook = receiveDelivery(tesReceiver(SARV));
}
