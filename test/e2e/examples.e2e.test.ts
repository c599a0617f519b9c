// Every workflow in examples/ imports into a real n8n with our package loaded, the way a user
// imports a file in the editor, and shows nothing the editor would flag: known node types and
// versions, valid parameters and conditions, event names the triggers offer.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findWorkflowProblems, PACKAGE_NAME, REPO_ROOT, startN8n } from './lib';
import type { N8n, WorkflowDefinition } from './lib';

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const exampleFiles = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json')).sort();

function readExample(file: string): WorkflowDefinition & Record<string, unknown> {
	return JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowDefinition & Record<string, unknown>;
}

let n8n: N8n;

beforeAll(async () => {
	n8n = await startN8n();
}, 180000);

afterAll(async () => {
	await n8n?.stop();
});

test('examples/ holds the three documented workflows, each started by one of our triggers', () => {
	expect(exampleFiles).toHaveLength(3);
	const triggers = exampleFiles.map((file) => readExample(file).nodes.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`)).map((node) => node.type));
	expect(triggers).toEqual([
		[`${PACKAGE_NAME}.everlyticTrigger`],
		[`${PACKAGE_NAME}.sarvTrigger`],
		[`${PACKAGE_NAME}.sendCleanTrigger`],
	]);
});

describe.each(exampleFiles)('examples/%s', (file) => {
	test('imports into n8n and is stored as written', async () => {
		const example = readExample(file);
		const stored = await n8n.importWorkflow(example);
		expect(stored.name).toBe(example.name);
		expect(stored.nodes.map((node) => [node.name, node.type, node.typeVersion])).toEqual(
			example.nodes.map((node) => [node.name, node.type, node.typeVersion]),
		);
		expect(stored.connections).toEqual(example.connections);
	});

	test('shows no problem in the editor: node types, versions, parameters, event names', async () => {
		expect(findWorkflowProblems(readExample(file), await n8n.nodeTypes())).toEqual([]);
	});
});
