import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { receiveTesDelivery } from '../Tes/trigger/receiveTesDelivery';
import { TES_TRIGGER_SUBTITLE, tesTriggerDescription } from '../Tes/trigger/tesTriggerDescription';
import { tesWebhookMethods } from '../Tes/trigger/tesWebhookLifecycle';
import { SENDCLEAN } from './sendCleanBrand';

/** SendClean's trigger node: the shared TES trigger with SendClean's brand data. */
export class SendCleanTrigger implements INodeType {
	description: INodeTypeDescription = { ...tesTriggerDescription(SENDCLEAN), icon: SENDCLEAN.icon, subtitle: TES_TRIGGER_SUBTITLE };

	webhookMethods = tesWebhookMethods(SENDCLEAN);

	webhook = receiveTesDelivery(SENDCLEAN);
}
