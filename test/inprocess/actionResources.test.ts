// The action nodes' parameters and dispatch come from one registration per resource
// (nodes/shared/actions/actionResource.ts): the pickers list exactly the registered resources and
// operations, every field shows only under a registered operation, and an operation value that is
// not registered, including names every object inherits, is refused before any provider call.
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { SarvApi } from '../../credentials/SarvApi.credentials';
import { Everlytic } from '../../nodes/Everlytic/Everlytic.node';
import { EVERLYTIC_RESOURCES } from '../../nodes/Everlytic/actions/router';
import { Sarv } from '../../nodes/Sarv/Sarv.node';
import { SendClean } from '../../nodes/SendClean/SendClean.node';
import { TES_RESOURCES } from '../../nodes/Tes/actions/router';
import { executeNode } from '../harness';

const nodes = [
	{ label: 'Sarv', description: new Sarv().description, resources: TES_RESOURCES },
	{ label: 'SendClean', description: new SendClean().description, resources: TES_RESOURCES },
	{ label: 'Everlytic', description: new Everlytic().description, resources: EVERLYTIC_RESOURCES },
];

const values = (property: INodeProperties | undefined) =>
	(property?.options ?? []).map((option) => (option as { value: string }).value);

describe.each(nodes)('$label action node', ({ description, resources }) => {
	const properties = (description as INodeTypeDescription).properties;
	const pickers = properties.filter((property) => property.name === 'operation');

	test('the Resource picker lists the registered resources, the first by default', () => {
		const resourcePicker = properties.find((property) => property.name === 'resource');
		expect(values(resourcePicker)).toEqual(resources.map((resource) => resource.value));
		expect(resourcePicker?.default).toBe(resources[0].value);
	});

	test('each resource has one Operation picker listing exactly its operations, sorted by name', () => {
		expect(pickers).toHaveLength(resources.length);
		for (const resource of resources) {
			const picker = pickers.find((property) => property.displayOptions?.show?.resource?.[0] === resource.value);
			const registered = resource.operations.map((operation) => operation.option.value);
			expect([...values(picker)].sort()).toEqual([...registered].sort());
			const names = (picker?.options ?? []).map((option) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			expect(registered).toContain(picker?.default);
		}
	});

	test('every other field shows only under one registered resource and operation', () => {
		for (const property of properties.filter((p) => p.name !== 'resource' && p.name !== 'operation')) {
			const show = property.displayOptions?.show ?? {};
			const resource = resources.find((candidate) => candidate.value === show.resource?.[0]);
			expect({ field: property.name, resource: resource?.value }).toEqual({ field: property.name, resource: show.resource?.[0] });
			expect(show.resource).toHaveLength(1);
			expect(resource?.operations.map((operation) => operation.option.value)).toContain(show.operation?.[0]);
		}
	});
});

describe('an operation that is not registered', () => {
	test.each(['constructor', '__proto__', 'toString', 'nope'])('"%s" is refused before any call', async (operation) => {
		const sarv = await executeNode({
			nodeType: new Sarv(),
			parameters: { resource: 'webhook', operation } as never,
			credentials: { sarvApi: { ownerId: 'o', token: 't', appDomain: '', baseUrl: 'http://127.0.0.1:9/v1.0' } },
			credentialTypes: [new SarvApi()],
		});
		expect(sarv.error?.message).toBe(`The operation "${operation}" is not supported`);
	});
});
