// Everlytic's action node: its resources and operations live in actions/ (one file per
// operation, registered in actions/<resource>/index.ts), the item loop in actions/router.ts.
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { everlyticActionProperties, executeEverlyticAction } from './actions/router';

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
		properties: everlyticActionProperties,
	};

	execute = executeEverlyticAction;
}
