// The INodeTypes registry n8n's engine looks node types up in, for the few types one harness
// call needs, keyed by the exact `node.type` string a workflow would carry.
import type { INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

export const PACKAGE_PREFIX = 'n8n-nodes-email-webhooks.';

export function createNodeTypes(types: Record<string, INodeType | IVersionedNodeType>): INodeTypes {
	const lookup = (name: string) => {
		const type = types[name];
		if (type === undefined) {
			throw new UnexpectedError(`Unknown node type: ${name}`);
		}
		return type;
	};
	return {
		getByName: (name) => lookup(name),
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(lookup(name), version),
		getKnownTypes: () => ({}),
	};
}

/** The typeVersion n8n gives a node dropped on the canvas: the default or the highest one. */
export function latestVersion(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) {
		return nodeType.description.defaultVersion ?? Math.max(...Object.keys(nodeType.nodeVersions).map(Number));
	}
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

export function defaultTypeName(nodeType: INodeType | IVersionedNodeType): string {
	return PACKAGE_PREFIX + nodeType.description.name;
}

export function defaultNodeName(nodeType: INodeType | IVersionedNodeType): string {
	const description =
		'nodeVersions' in nodeType
			? NodeHelpers.getVersionedNodeType(nodeType).description
			: nodeType.description;
	return (description.defaults?.name as string | undefined) ?? description.displayName;
}
