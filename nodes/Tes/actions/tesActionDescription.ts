// The action node's description for a TES brand; its parameters come from the resources in router.ts.
import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { tesActionProperties } from './router';
import type { TesBrand } from '../TesBrand';

export const TES_ACTION_SUBTITLE = '={{ $parameter["operation"] + ": " + $parameter["resource"] }}';

/** All but icon, subtitle and usableAsTool, which n8n's linter wants literally in the node file. */
export function tesActionDescription(brand: TesBrand): Omit<INodeTypeDescription, 'icon'> {
	return {
		displayName: brand.displayName,
		name: brand.nodeName,
		group: ['transform'],
		version: 1,
		// The same text as TES_ACTION_SUBTITLE: n8n's linter accepts only a literal here.
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: `Manage ${brand.displayName} email webhooks and look up sent messages`,
		defaults: { name: brand.displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: brand.credentialName, required: true }],
		properties: tesActionProperties(brand),
	};
}
