import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { receiveTesDelivery } from '../Tes/trigger/receiveTesDelivery';
import { TES_TRIGGER_SUBTITLE, tesTriggerDescription } from '../Tes/trigger/tesTriggerDescription';
import { tesWebhookMethods } from '../Tes/trigger/tesWebhookLifecycle';
import { SARV } from './sarvBrand';

/** Sarv's trigger node: the shared TES trigger with Sarv's brand data. */
export class SarvTrigger implements INodeType {
	description: INodeTypeDescription = { ...tesTriggerDescription(SARV), icon: SARV.icon, subtitle: TES_TRIGGER_SUBTITLE };

	webhookMethods = tesWebhookMethods(SARV);

	webhook = receiveTesDelivery(SARV);
}
