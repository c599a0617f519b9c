// What the editor would flag in a workflow file, checked against the node types a real n8n
// loaded: unknown node types or versions, connections to missing nodes, parameter issues (the
// red triangles: missing required values, malformed conditions...), and option values the node
// does not offer (e.g. an event name the trigger does not know). n8n's API stores such a workflow
// without complaint, so "it imports" alone proves little.
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeParameters, INodeProperties, INodeTypeDescription, NodeParameterValueType } from 'n8n-workflow';
import { declaresVersion } from './workflows';
import type { WorkflowDefinition } from './workflows';

/**
 * Problems a user would see after importing `workflow`, one line each. Parameters that pick one
 * of the user's own resources (a spreadsheet, a channel, a list: resource locators and options
 * loaded from the account) may be left empty: a shared file cannot know them, and the editor
 * marks them for the user to choose.
 */
export function findWorkflowProblems(workflow: WorkflowDefinition, nodeTypes: INodeTypeDescription[]): string[] {
	const problems: string[] = [];
	const names = new Set(workflow.nodes.map((node) => node.name));
	for (const [from, outputs] of Object.entries(workflow.connections)) {
		if (!names.has(from)) problems.push(`connection from missing node "${from}"`);
		for (const connection of Object.values(outputs).flat(2)) {
			if (connection && !names.has(connection.node)) problems.push(`connection from "${from}" to missing node "${connection.node}"`);
		}
	}
	for (const node of workflow.nodes) {
		const description = nodeTypes.find((type) => type.name === node.type && declaresVersion(type, node.typeVersion));
		if (!description) {
			const known = nodeTypes.some((type) => type.name === node.type);
			problems.push(`"${node.name}": ${known ? `${node.type} has no version ${node.typeVersion}` : `unknown node type ${node.type}`}`);
			continue;
		}
		problems.push(...nodeProblems(node, description).map((problem) => `"${node.name}": ${problem}`));
	}
	return problems;
}

function nodeProblems(node: INode, description: INodeTypeDescription): string[] {
	const problems: string[] = [];
	// As the editor does on import: fill in defaults so that display conditions see every value.
	const parameters =
		NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) ?? {};
	const withDefaults: INode = { ...node, parameters };
	const issues = NodeHelpers.getNodeParametersIssues(description.properties, withDefaults, description)?.parameters ?? {};
	for (const [name, messages] of Object.entries(issues)) {
		const property = description.properties.find((candidate) => candidate.name === name);
		if (property && picksUserResource(property) && isEmptyChoice(parameters[name])) continue;
		problems.push(`parameter "${name}": ${messages.join('; ')}`);
	}
	problems.push(...unofferedOptionValues(description.properties, parameters, withDefaults, description, ''));
	for (const property of description.properties) {
		if (property.type !== 'filter' || !NodeHelpers.displayParameter(parameters, property, withDefaults, description)) continue;
		problems.push(...filterProblems(parameters[property.name]).map((problem) => `parameter "${property.name}": ${problem}`));
	}
	return problems;
}

// The operations n8n-workflow's filter evaluates per operand type; any other name never matches.
const FILTER_OPERATIONS: Record<string, string[]> = {
	string: ['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith', 'regex', 'notRegex', 'empty', 'notEmpty'],
	number: ['equals', 'notEquals', 'gt', 'lt', 'gte', 'lte', 'empty', 'notEmpty'],
	dateTime: ['equals', 'notEquals', 'after', 'before', 'afterOrEquals', 'beforeOrEquals', 'empty', 'notEmpty'],
	boolean: ['true', 'false', 'equals', 'notEquals', 'empty', 'notEmpty'],
	array: ['contains', 'notContains', 'lengthEquals', 'lengthNotEquals', 'lengthGt', 'lengthLt', 'lengthGte', 'lengthLte', 'empty', 'notEmpty'],
	object: ['empty', 'notEmpty'],
};

/** A filter (IF / Filter node conditions) that n8n would evaluate as written. */
function filterProblems(value: unknown): string[] {
	if (!isRecord(value) || !Array.isArray(value.conditions) || value.conditions.length === 0) return ['no conditions'];
	const problems: string[] = [];
	if (value.combinator !== 'and' && value.combinator !== 'or') problems.push(`combinator ${JSON.stringify(value.combinator)}`);
	for (const [index, condition] of value.conditions.entries()) {
		const operator = isRecord(condition) && isRecord(condition.operator) ? condition.operator : undefined;
		const type = String(operator?.type);
		const operation = String(operator?.operation);
		if (!operator || !(type in FILTER_OPERATIONS)) {
			problems.push(`condition ${index}: operator type ${JSON.stringify(operator?.type)}`);
		} else if (!FILTER_OPERATIONS[type].includes(operation) && operation !== 'exists' && operation !== 'notExists') {
			problems.push(`condition ${index}: ${type} has no operation ${JSON.stringify(operation)}`);
		}
	}
	return problems;
}

function picksUserResource(property: INodeProperties): boolean {
	if (property.type === 'resourceLocator') return true;
	const loaded = property.typeOptions?.loadOptionsMethod ?? property.typeOptions?.loadOptions;
	return (property.type === 'options' || property.type === 'multiOptions') && loaded !== undefined;
}

function isEmptyChoice(value: NodeParameterValueType | undefined): boolean {
	if (value === undefined || value === null || value === '') return true;
	if (typeof value === 'object' && !Array.isArray(value) && 'value' in value) return value.value === '' || value.value === null;
	return Array.isArray(value) && value.length === 0;
}

/** Static option values set on displayed parameters (collections included) that the node does not declare. */
function unofferedOptionValues(
	properties: INodeProperties[],
	values: INodeParameters,
	node: INode,
	description: INodeTypeDescription,
	prefix: string,
): string[] {
	const problems: string[] = [];
	for (const [name, value] of Object.entries(values)) {
		// Several properties may share a name under different display conditions: use the shown one.
		const property = properties.find(
			(candidate) =>
				candidate.name === name &&
				(prefix !== '' || NodeHelpers.displayParameter(node.parameters, candidate, node, description)),
		);
		if (!property || value === undefined || value === null) continue;
		const path = `${prefix}${name}`;
		if ((property.type === 'options' || property.type === 'multiOptions') && Array.isArray(property.options)) {
			const offered = new Set(property.options.map((option) => ('value' in option ? option.value : undefined)));
			const chosen = Array.isArray(value) ? value : [value];
			for (const choice of chosen) {
				if (typeof choice === 'string' && choice.startsWith('=')) continue;
				if (offered.size > 0 && !offered.has(choice as string | number | boolean)) {
					problems.push(`parameter "${path}": ${JSON.stringify(choice)} is not one of its options (${[...offered].map((v) => JSON.stringify(v)).join(', ')})`);
				}
			}
		} else if (property.type === 'collection' && isObject(value) && Array.isArray(property.options)) {
			problems.push(...unofferedOptionValues(property.options as INodeProperties[], value, node, description, `${path}.`));
		} else if (property.type === 'fixedCollection' && isObject(value) && Array.isArray(property.options)) {
			for (const [groupName, groupValue] of Object.entries(value)) {
				const group = property.options.find((option) => option.name === groupName);
				if (!group || !('values' in group)) continue;
				for (const entry of Array.isArray(groupValue) ? groupValue : [groupValue]) {
					if (isObject(entry)) problems.push(...unofferedOptionValues(group.values, entry, node, description, `${path}.${groupName}.`));
				}
			}
		}
	}
	return problems;
}

function isObject(value: unknown): value is INodeParameters {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
