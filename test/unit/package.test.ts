// What `npm pack` would publish: everything package.json lists for n8n, the icons and codex
// files beside the nodes, no tests, and no runtime dependencies. Runs after `npm run build`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	name: string;
	dependencies?: object;
	peerDependencies?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
};

const built = existsSync(join(root, 'dist/nodes'));
const describeIfBuilt = built ? describe : describe.skip;

test('the package is a community node package with no runtime dependencies', () => {
	expect(pkg.name).toMatch(/^n8n-nodes-/);
	expect(pkg.dependencies ?? {}).toEqual({});
	expect(Object.keys(pkg.peerDependencies ?? {})).toEqual(['n8n-workflow']);
});

describeIfBuilt('the packed tarball', () => {
	let files: string[];
	beforeAll(() => {
		const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
		files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
	});

	test('holds every node and credential package.json lists, with codex files and icons', () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(file);
		for (const node of pkg.n8n.nodes) expect(files).toContain(node.replace(/\.js$/, '.json'));
		for (const icon of ['sarv', 'sendclean', 'everlytic']) {
			expect(files).toContain(`dist/icons/${icon}.svg`);
			expect(files).toContain(`dist/icons/${icon}.dark.svg`);
		}
		expect(files).toContain('LICENSE');
	});

	test('holds no tests, sources or harness code', () => {
		expect(files.filter((f) => /(^|\/)(test|bench|emulators|harness)\/|\.test\.|\.ts$/.test(f))).toEqual([]);
	});

	test('every listed node and credential loads and names itself as n8n expects', () => {
		const names = pkg.n8n.nodes.map((file) => {
			const exported = require(join(root, file)) as Record<string, new () => { description: { name: string } }>;
			return new (Object.values(exported)[0])().description.name;
		});
		expect(names.sort()).toEqual(['everlytic', 'everlyticTrigger', 'sarv', 'sarvTrigger', 'sendClean', 'sendCleanTrigger']);
		const credentials = pkg.n8n.credentials.map((file) => {
			const exported = require(join(root, file)) as Record<string, new () => { name: string }>;
			return new (Object.values(exported)[0])().name;
		});
		expect(credentials.sort()).toEqual(['everlyticApi', 'sarvApi', 'sendCleanApi']);
	});
});
