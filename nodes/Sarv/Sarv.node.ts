import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { executeTesAction } from '../Tes/actions/router';
import { TES_ACTION_SUBTITLE, tesActionDescription } from '../Tes/actions/tesActionDescription';
import { SARV } from './sarvBrand';

/** Sarv's action node: the shared TES implementation with Sarv's brand data. */
export class Sarv implements INodeType {
	description: INodeTypeDescription = { ...tesActionDescription(SARV), icon: SARV.icon, subtitle: TES_ACTION_SUBTITLE, usableAsTool: true };

	execute = executeTesAction(SARV);
}
