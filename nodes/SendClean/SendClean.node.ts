import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { executeTesAction } from '../Tes/actions/router';
import { TES_ACTION_SUBTITLE, tesActionDescription } from '../Tes/actions/tesActionDescription';
import { SENDCLEAN } from './sendCleanBrand';

/** SendClean's action node: the shared TES implementation with SendClean's brand data. */
export class SendClean implements INodeType {
	description: INodeTypeDescription = { ...tesActionDescription(SENDCLEAN), icon: SENDCLEAN.icon, subtitle: TES_ACTION_SUBTITLE, usableAsTool: true };

	execute = executeTesAction(SENDCLEAN);
}
